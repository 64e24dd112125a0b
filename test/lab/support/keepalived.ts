/**
 * Lab helpers for the keepalived tests: apply a model the way save state does (render, read,
 * renderForNode/planForNode, phase order, converged). The web server a test can kill and the
 * director-clock measurement of "server died → out of the table" live in lab/timing.ts, shared
 * with bench:health.
 */
import { expect } from 'vitest';
import type { Lab } from '@/lab/harness';
import type { ClusterModel } from '@/lib/cluster/model';
import { buildApplyScript, parseApplyOutput } from '@/lib/ipvs/apply-script';
import { BOOT_PATHS, SYSTEMD_UNIT_PATH } from '@/lib/ipvs/boot-files';
import { planForNode, renderForNode } from '@/lib/ipvs/patches';
import { buildLiveStateScript, parseLiveStateOutput } from '@/lib/ipvs/read-script';
import { renderCluster } from '@/lib/ipvs/render';
import type { NodeDesiredState, NodeLiveState, Step } from '@/lib/ipvs/types';
import { applyPhases } from '@/lib/save/phases';

export const desiredFor = (m: ClusterModel, nodeId: string): NodeDesiredState =>
  renderCluster(m, { activeDirector: 'lab1' }).find((d) => d.nodeId === nodeId)!;

async function readLive(lab: Lab, d: NodeDesiredState): Promise<NodeLiveState> {
  const script = buildLiveStateScript({ sysctlKeys: Object.keys(d.sysctls), bootFilePaths: [...Object.values(BOOT_PATHS), SYSTEMD_UNIT_PATH] });
  const r = await lab.exec(d.nodeId, script);
  expect(r.code, r.stderr).toBe(0);
  return parseLiveStateOutput(r.stdout);
}

export async function planFor(lab: Lab, d: NodeDesiredState): Promise<Step[]> {
  const live = await readLive(lab, d);
  return planForNode(renderForNode(d, live), live);
}

/** Applies every node in phase order; fails the test on an apply failure or a plan that does not converge. */
export async function applyModel(lab: Lab, m: ClusterModel): Promise<Record<string, Step[]>> {
  const desired = renderCluster(m, { activeDirector: 'lab1' });
  const plans: Record<string, Step[]> = {};
  for (const d of desired) plans[d.nodeId] = await planFor(lab, d);
  for (const phase of applyPhases(desired, plans)) {
    await Promise.all(phase.map(async ({ nodeId, steps }) => {
      const r = await lab.exec(nodeId, buildApplyScript(steps));
      const res = parseApplyOutput(r.stdout, r.code);
      expect(res, `${nodeId}: ${JSON.stringify(res.failed)}`).toMatchObject({ ok: true, completed: steps.length });
    }));
  }
  for (const d of desired) expect((await planFor(lab, d)).map((s) => s.summary), `${d.nodeId} converges`).toEqual([]);
  return plans;
}

export { killWeb, median, removalSeconds, startWeb, waitFor } from '@/lab/timing';
