/**
 * Who holds each VIP, from what the candidates answered (never from the model): the live view's
 * and the Cluster view's VIP line, and the split-brain alarm. Pure.
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
