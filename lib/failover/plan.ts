/**
 * A planned switchover, as values: what each candidate's two tracked files (vrrp.ts) are set to
 * so that `to` takes the VIPs. The target's priority is raised above every candidate's own; under
 * nopreempt the holder also yields (FAULT) until the target holds them, then stops yielding. All
 * VIPs of a node move together (one sync group), so the switchover moves the node's role. Pure.
 */
import type { ClusterModel } from '../cluster/model';
import { conflict, invalid, notFound } from '../errors';
import { SWITCHOVER_PRIORITY, vrrpPriority } from '../keepalived/vrrp';
import type { LiveVip } from '../wire';

export interface SwitchoverPlan {
  vip: string;
  from: string | null;
  to: string;
  boosts: { node: string; value: number }[]; // others first, the target last
  yieldFrom: string | null; // the holder that must let go (nopreempt)
}

export function planSwitchover(model: ClusterModel, vips: readonly LiveVip[] | undefined, req: { virtualNode: string; to: string }): SwitchoverPlan | null {
  const f = model.masterPriority.failover;
  if (!f || !vips) throw conflict('failover is off: there is nothing to switch over (turn it on under Master priority)');
  const vn = model.virtualNodes.find((v) => v.id === req.virtualNode);
  if (!vn) throw notFound('virtual node');
  const candidates = model.masterPriority.nodes;
  const position = candidates.indexOf(req.to);
  if (position < 0) throw invalid({ to: 'is not a master priority candidate' });
  const live = vips.find((v) => v.virtualNode === vn.id);
  if (!live) throw notFound('virtual node');
  const state = live.states[req.to];
  if (state === 'unknown' || state === 'fault') throw conflict(`the target is ${state}: only a candidate that answers and runs keepalived can take over`);
  if (live.splitBrain) throw conflict(`${vn.vip} is held by two candidates: resolve the split brain first`);
  if (live.holder === req.to) return null;
  return {
    vip: vn.vip,
    from: live.holder,
    to: req.to,
    boosts: [
      ...candidates.filter((id) => id !== req.to).map((node) => ({ node, value: 0 })),
      { node: req.to, value: SWITCHOVER_PRIORITY - vrrpPriority(position) },
    ],
    yieldFrom: model.masterPriority.preempt ? null : live.holder,
  };
}

/** The script that sets one tracked file: an integer only, written whole (rename), read by keepalived. */
export function setTrackFileScript(path: string, value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`bad tracked value ${value}`);
  if (!/^\/run\/lvs-console\/[a-z]+$/.test(path)) throw new Error(`bad tracked file ${path}`);
  return `printf '%s\\n' ${value} > ${path}.new && mv -f ${path}.new ${path}\n`;
}
