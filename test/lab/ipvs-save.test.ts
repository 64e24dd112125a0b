/**
 * The write side against real kernels: render -> read live -> plan -> one batch script per node,
 * then real traffic through the VIP. After every save a second read must plan nothing (the plan
 * converges), and edits stay incremental (-e, never -C). wrr, not wlc: edits keep the earlier
 * connections (that is the point of -e), and wlc would weigh those leftovers. Needs a running 4-node lab
 * (LVS_LAB_STATE): lab1 director, lab2 + lab3 real servers, lab4 client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLab, type Lab, type TrafficTally } from '@/lab/harness';
import type { ClusterModel } from '@/lib/cluster/model';
import type { Forwarding } from '@/lib/cluster/primitives';
import { renderCluster } from '@/lib/ipvs/render';
import { planNodeChanges } from '@/lib/ipvs/plan';
import { buildApplyScript, parseApplyOutput } from '@/lib/ipvs/apply-script';
import { applyPhases } from '@/lib/save/phases';
import { buildLiveStateScript, parseLiveStateOutput } from '@/lib/ipvs/read-script';
import { service, node } from '@/lib/ipvs/__fixtures__/cluster-models';
import type { NodeDesiredState, NodeLiveState, Step } from '@/lib/ipvs/types';

const STATE = process.env.LVS_LAB_STATE;
const VIP = '10.10.0.100';
const NODES = ['lab1', 'lab2', 'lab3'] as const;
let lab: Lab;

function model(opts: { weights: [number, number]; forwarding: Forwarding; members: string[] }): ClusterModel {
  return {
    services: [service('web', { scheduler: 'wrr', forwarding: opts.forwarding, tunnelType: opts.forwarding === 'tun' ? 'ipip' : null })],
    nodes: [node('lab1', '10.10.0.11', []), node('lab2', '10.10.0.12', ['web']), node('lab3', '10.10.0.13', ['web'])],
    nodeGroups: [{ id: 'g', name: 'web', nodes: opts.members, services: ['web'] }],
    virtualNodes: [{ id: 'www', name: 'www', vip: VIP, netmask: '255.255.255.255', interface: null, services: ['web'], nodeGroup: 'g' }],
    masterPriority: { nodes: ['lab1'], preempt: true, failover: null },
    weights: [
      { node: 'lab2', service: 'web', weight: opts.weights[0] },
      { node: 'lab3', service: 'web', weight: opts.weights[1] },
    ],
    checkOverrides: [],
  };
}

async function readLive(d: NodeDesiredState): Promise<NodeLiveState> {
  const script = buildLiveStateScript({ sysctlKeys: Object.keys(d.sysctls), bootFilePaths: d.bootFiles.map((f) => f.path) });
  const r = await lab.exec(d.nodeId, script);
  expect(r.code, r.stderr).toBe(0);
  return parseLiveStateOutput(r.stdout);
}

/**
 * Saves every node in the console's own phase order (lib/save/phases.ts); returns each node's plan.
 * Fails the test on an apply failure or a plan that does not converge.
 */
async function save(m: ClusterModel): Promise<Record<string, Step[]>> {
  const desired = renderCluster(m, { activeDirector: 'lab1' });
  const plans: Record<string, Step[]> = {};
  for (const d of desired) plans[d.nodeId] = planNodeChanges(d, await readLive(d));
  for (const phase of applyPhases(desired, plans)) {
    await Promise.all(phase.map(async ({ nodeId, steps }) => {
      const r = await lab.exec(nodeId, buildApplyScript(steps));
      const res = parseApplyOutput(r.stdout, r.code);
      expect(res, `${nodeId}: ${JSON.stringify(res.failed)}`).toMatchObject({ ok: true, completed: steps.length });
    }));
  }
  for (const d of desired) expect(planNodeChanges(d, await readLive(d)).map((s) => s.summary), `${d.nodeId} converges`).toEqual([]);
  return plans;
}

/** A client sending back to back across the whole save, and a few seconds after it. */
async function saveUnderTraffic(m: ClusterModel): Promise<{ plans: Record<string, Step[]>; traffic: TrafficTally }> {
  const run = await lab.client.start(VIP, 80, { intervalMs: 50 });
  await new Promise((r) => setTimeout(r, 2_000));
  const plans = await save(m);
  await new Promise((r) => setTimeout(r, 3_000));
  return { plans, traffic: await run.stop() };
}

const ipvsSteps = (steps: Step[]) => steps.filter((s) => s.kind.startsWith('ipvs')).map((s) => s.argv.join(' '));

describe.skipIf(!STATE)('save state on a real lab', () => {
  beforeAll(async () => {
    lab = attachLab(STATE);
    for (const n of NODES) await lab.reset(n);
  }, 120_000);
  afterAll(async () => {
    if (!lab) return;
    for (const n of NODES) await lab.reset(n);
    lab.close();
  }, 120_000);

  it('DR from empty nodes: wrr 3:1 splits 40 requests 30/10', async () => {
    await save(model({ weights: [3, 1], forwarding: 'dr', members: ['lab2', 'lab3'] }));
    expect(await lab.client.requests(VIP, 80, 40)).toMatchObject({ ok: 40, byServer: { lab2: 30, lab3: 10 } });
  }, 180_000);

  it('a weight change is one -e on the director and nothing on the real servers', async () => {
    const plans = await save(model({ weights: [1, 3], forwarding: 'dr', members: ['lab2', 'lab3'] }));
    expect(ipvsSteps(plans.lab1!)).toEqual([
      'ipvsadm -e -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 1',
      'ipvsadm -e -t 10.10.0.100:80 -r 10.10.0.13:80 -g -w 3',
    ]);
    expect(plans.lab2).toEqual([]);
    expect(await lab.client.requests(VIP, 80, 40)).toMatchObject({ ok: 40, byServer: { lab2: 10, lab3: 30 } });
  }, 180_000);

  it('switching to TUN edits the real servers in place and moves their VIP from lo to tunl0', async () => {
    // Measured under two CPU hogs: applied director first, ~40% of the requests in the switch
    // window fail fast (the director tunnels to servers without ipip); in the console's phase
    // order 0 of 341 failed. So the client runs across the save and no request may fail.
    const { plans, traffic } = await saveUnderTraffic(model({ weights: [1, 3], forwarding: 'tun', members: ['lab2', 'lab3'] }));
    expect(traffic.total).toBeGreaterThan(10);
    expect(traffic.failed, `requests across the DR→TUN save: ${JSON.stringify(traffic)}`).toBe(0);
    expect(ipvsSteps(plans.lab1!).every((a) => a.startsWith('ipvsadm -e '))).toBe(true);
    expect(plans.lab2!.map((s) => s.summary)).toEqual(expect.arrayContaining([
      '+ address 10.10.0.100/32 dev tunl0 label tunl0:lvs',
      '- address 10.10.0.100/32 dev lo label lo:lvs',
    ]));
    expect(await lab.client.requests(VIP, 80, 40)).toMatchObject({ ok: 40, byServer: { lab2: 10, lab3: 30 } });
  }, 180_000);

  it('dropping a member is one -d; its VIP goes, the other serves everything', async () => {
    const plans = await save(model({ weights: [1, 3], forwarding: 'tun', members: ['lab2'] }));
    expect(ipvsSteps(plans.lab1!)).toEqual(['ipvsadm -d -t 10.10.0.100:80 -r 10.10.0.13:80']);
    expect(plans.lab3!.map((s) => s.summary)).toContain('- address 10.10.0.100/32 dev tunl0 label tunl0:lvs');
    // IPVS keeps entries of a deleted real server; with expire_nodest_conn a packet that matches
    // one is scheduled anew instead of dropped, so a reused client port finds lab2 too.
    expect(await lab.run('lab1', ['sysctl', '-n', 'net.ipv4.vs.expire_nodest_conn'])).toBe('1\n');
    const t = await lab.client.requests(VIP, 80, 40);
    expect(t.byServer).toEqual({ lab2: t.ok });
    // The tally says whether a miss was a timeout (CPU starvation) or a failure (an old entry).
    expect(t.ok, `after dropping lab3: ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(39);
  }, 180_000);
});
