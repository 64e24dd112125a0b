/**
 * Who holds each VIP, from what the candidates answered (never from the model): the live view's
 * and the Cluster view's VIP line, and the split-brain alarm. Pure.
 *
 * The candidates are polled one by one, so during a takeover the old holder's last answer can
 * predate the new holder's: both "hold" the VIP in the snapshot without ever holding it at once.
 * A split brain is therefore confirmed (the alarm, the event) only when every holder has answered
 * again since two were first seen and still holds it: a real one lasts, a takeover seen out of
 * step does not.
 */
import type { ClusterModel } from '../cluster/model';
import type { LiveNode, LiveVip } from '../wire';

type Candidate = Pick<LiveNode, 'node' | 'state' | 'vrrp'>;

export function liveVips(model: Pick<ClusterModel, 'virtualNodes' | 'masterPriority'>, nodes: readonly Candidate[]): LiveVip[] | undefined {
  if (!model.masterPriority.failover) return undefined;
  const byId = new Map(nodes.map((n) => [n.node, n]));
  return model.virtualNodes.map((vn) => {
    const states: LiveVip['states'] = {};
    const holders: string[] = [];
    let since: string | null = null;
    for (const id of model.masterPriority.nodes) {
      const n = byId.get(id);
      if (!n || n.state !== 'up' || !n.vrrp) { states[id] = 'unknown'; continue; }
      // keepalived dead on a live node: its last recorded state is not current, and it cannot take over.
      if (!n.vrrp.running) { states[id] = 'fault'; continue; }
      const rec = n.vrrp.states.find((s) => s.vips.includes(vn.vip));
      const holds = n.vrrp.held.includes(vn.vip);
      // keepalived starts every instance in BACKUP and reports transitions only (like the checks'
      // "no record = up"): running, not holding the VIP, no record yet = backup.
      states[id] = holds ? 'master' : !rec ? 'backup' : rec.state !== 'master' ? rec.state : 'unknown';
      if (holds) {
        holders.push(id);
        since ??= rec?.state === 'master' ? rec.since : null;
      }
    }
    return { vip: vn.vip, virtualNode: vn.id, holder: holders[0] ?? null, since, states, splitBrain: holders.length > 1 };
  });
}

export interface SplitBrainWatch {
  open: Set<string>; // VIPs in a confirmed episode (alarmed once)
  pending: Map<string, Record<string, string | null>>; // VIP → each holder's polledAt when two were first seen
}
export const noSplitBrain = (): SplitBrainWatch => ({ open: new Set(), pending: new Map() });

export const holdersOf = (v: LiveVip) => Object.entries(v.states).filter(([, s]) => s === 'master').map(([id]) => id);

/** Pure: the VIPs whose split brain starts now, given the watch so far and each node's last poll time. */
export function splitBrainStarts(vips: readonly LiveVip[], polledAt: ReadonlyMap<string, string | null>, prev: SplitBrainWatch): { starts: LiveVip[]; watch: SplitBrainWatch } {
  const watch = noSplitBrain();
  const starts: LiveVip[] = [];
  for (const v of vips) {
    if (!v.splitBrain) continue;
    if (prev.open.has(v.vip)) { watch.open.add(v.vip); continue; }
    const holders = holdersOf(v);
    const first = prev.pending.get(v.vip);
    const answeredAgain = first !== undefined && holders.every((id) => id in first && (polledAt.get(id) ?? null) !== first[id]);
    if (answeredAgain) {
      watch.open.add(v.vip);
      starts.push(v);
    } else {
      // Kept from the first sighting for holders seen then; a new holder starts its own wait.
      watch.pending.set(v.vip, Object.fromEntries(holders.map((id) => [id, first && id in first ? first[id]! : polledAt.get(id) ?? null])));
    }
  }
  return { starts, watch };
}
