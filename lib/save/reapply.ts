/**
 * Re-apply the last saved state to one node (the drift remedy): plan from the node's live state to
 * what the newest successful version rendered for it, and apply that — not unsaved model edits.
 */
import { conflict, notFound } from '../errors';
import { db } from '../db';
import { planNodeChanges } from '../ipvs/plan';
import type { NodeDesiredState } from '../ipvs/types';
import { loadEndpoints } from '../queries/endpoints';
import { appendAudit, type Actor } from '../queries/write';
import { applySteps, nodeErrorFor, readLiveState, type NodeError } from './node-ops';
import { enableUnitSteps } from './systemd';

/** What the newest applied or partial save rendered for each node (by node id). */
export async function lastSavedDesired(): Promise<{ version: number; desired: Map<string, NodeDesiredState> } | null> {
  const v = await db.saveVersion.findFirst({ where: { status: { in: ['applied', 'partial'] } }, orderBy: { id: 'desc' }, select: { id: true, rendered: true } });
  if (!v) return null;
  const rendered = JSON.parse(v.rendered) as NodeDesiredState[];
  return { version: v.id, desired: new Map(rendered.map((d) => [d.nodeId, d])) };
}

export async function reapplyNode(actor: Actor, nodeId: string): Promise<{ version: number; steps: string[]; error: NodeError | null }> {
  const saved = await lastSavedDesired();
  if (!saved) throw conflict('nothing has been saved yet: use Save state first');
  const desired = saved.desired.get(nodeId);
  if (!desired) throw notFound('node in the last saved state');
  const endpoint = (await loadEndpoints()).get(nodeId);
  if (!endpoint) throw notFound('node');
  let steps: ReturnType<typeof planNodeChanges> = [];
  let error: NodeError | null;
  try {
    const live = await readLiveState(nodeId, endpoint, Object.keys(desired.sysctls));
    steps = enableUnitSteps(planNodeChanges(desired, live));
    error = await applySteps(nodeId, endpoint, steps);
  } catch (e) {
    error = nodeErrorFor(e, endpoint);
  }
  await db.$transaction((tx) =>
    appendAudit(tx, actor, { action: error ? 'reapply-failed' : 'reapply', entity: 'node', entityId: nodeId, after: { version: saved.version, steps: steps.map((s) => s.summary), error: error?.code } }),
  );
  return { version: saved.version, steps: steps.map((s) => s.summary), error };
}
