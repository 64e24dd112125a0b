/**
 * POST /api/v1/switchover's work: the plan (plan.ts) carried out over SSH under the candidates'
 * node locks (no save lands in between), then a wait, read from the target's kernel, until it
 * holds the VIP; audited. The connection sync daemon already runs (failover.syncConnections), so
 * established connections move with the VIP.
 */
import { db } from '../db';
import { conflict } from '../errors';
import { BOOST_FILE, YIELD_FILE } from '../keepalived/vrrp';
import { liveMonitor } from '../monitor';
import { liveVips } from '../monitor/vips';
import { loadEndpoints } from '../queries/endpoints';
import { loadModel } from '../queries/model';
import { appendAudit, type Actor } from '../queries/write';
import { sshPool, withNodeLocks } from '../ssh';
import { planSwitchover, setTrackFileScript } from './plan';

const TAKEOVER_DEADLINE_MS = 20_000;

export interface SwitchoverResult { virtualNode: string; vip: string; from: string | null; to: string; tookMs: number; changed: boolean }

export async function switchover(actor: Actor, req: { virtualNode: string; to: string }): Promise<SwitchoverResult> {
  const model = await loadModel();
  const monitor = liveMonitor();
  await monitor.touch();
  // Judged on fresh answers: a candidate's last poll may be a while old, or have timed out once on a
  // busy node; the target gets a few polls to answer before it counts as not answering.
  for (let attempt = 0; attempt < 5; attempt++) {
    await Promise.all(model.masterPriority.nodes.map((n) => monitor.pollNow(n).catch(() => undefined)));
    if (monitor.snapshot().nodes.find((n) => n.node === req.to)?.state === 'up') break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const plan = planSwitchover(model, liveVips(model, monitor.snapshot().nodes), req);
  const vip = model.virtualNodes.find((v) => v.id === req.virtualNode)!.vip;
  if (!plan) return { virtualNode: req.virtualNode, vip, from: req.to, to: req.to, tookMs: 0, changed: false };
  const endpoints = await loadEndpoints();
  const run = async (node: string, script: string) => {
    const r = await sshPool().exec(node, endpoints.get(node)!, { script }, { timeoutMs: 15_000 });
    if (r.code !== 0) throw conflict(`could not set the switchover priority on ${model.nodes.find((n) => n.id === node)?.name ?? node}`);
  };
  const started = Date.now();
  const holds = async (node: string) => {
    const r = await sshPool().exec(node, endpoints.get(node)!, { script: 'ip -o -4 addr show\n' }, { timeoutMs: 10_000 });
    return r.stdout.split('\n').some((l) => l.includes(` ${plan.vip}/`));
  };
  await withNodeLocks(model.masterPriority.nodes, async () => {
    // Who holds the VIP, from the kernels (the last poll of the holder may have timed out).
    const others = model.masterPriority.nodes.filter((n) => n !== plan.to);
    const holding = (await Promise.all(others.map(async (n) => ((await holds(n).catch(() => false)) ? n : null)))).find((n) => n !== null);
    if (holding) {
      plan.from = holding;
      if (!model.masterPriority.preempt) plan.yieldFrom = holding;
    }
    for (const b of plan.boosts) await run(b.node, setTrackFileScript(BOOST_FILE, b.value));
    if (plan.yieldFrom) await run(plan.yieldFrom, setTrackFileScript(YIELD_FILE, 1));
    try {
      // Done when the target holds the VIP and the old holder has let it go (for a moment, during
      // the takeover, both do): one holder, the target, read from both kernels.
      for (const until = Date.now() + TAKEOVER_DEADLINE_MS; ;) {
        if ((await holds(plan.to)) && !(plan.from && (await holds(plan.from).catch(() => false)))) break;
        if (Date.now() > until) throw conflict(`${plan.vip} did not move within ${TAKEOVER_DEADLINE_MS / 1000} s; the priorities are set, keepalived may still move it`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      if (plan.yieldFrom) await run(plan.yieldFrom, setTrackFileScript(YIELD_FILE, 0));
    }
  });
  const tookMs = Date.now() - started;
  await appendAudit(db, actor, { action: 'switchover', entity: 'virtualNode', entityId: req.virtualNode, before: { holder: plan.from }, after: { holder: plan.to, vip: plan.vip, tookMs } });
  for (const n of model.masterPriority.nodes) void monitor.pollNow(n).catch(() => undefined);
  return { virtualNode: req.virtualNode, vip: plan.vip, from: plan.from, to: plan.to, tookMs, changed: true };
}
