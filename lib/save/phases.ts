/**
 * The order a save applies its plans in: real servers first (everything but their address
 * removals), then the backup directors, then the active director, then the real servers' address
 * removals. Backups before the master: with failover, a configuration a backup refuses stops the
 * save before the node that holds the VIP is touched. A director then
 * never forwards to a server that is not ready for the new forwarding method (a DR→TUN switch needs
 * ipip and the VIP on tunl0 first), and a server keeps its old VIP until the director stopped using
 * it. Pure, so the lab tests apply plans in exactly the order the console does.
 */
import type { NodeDesiredState, Step } from '../ipvs/types';

export type PhaseEntry = { nodeId: string; steps: Step[] };

const isRemoval = (s: Step) => s.kind === 'address' && s.op === 'delete';
const changes = (steps: Step[]) => steps.some((s) => s.op !== 'check');

/** Each phase's nodes may run in parallel; phases run one after the other. Nodes without changes are left out. */
export function applyPhases(desired: NodeDesiredState[], plans: Record<string, Step[]>, selected: (nodeId: string) => boolean = () => true): PhaseEntry[][] {
  const planned = desired.filter((d) => plans[d.nodeId] && selected(d.nodeId));
  const isDirector = (d: NodeDesiredState) => d.roles.some((r) => r === 'director' || r === 'backup');
  const servers = planned.filter((d) => !isDirector(d));
  const backups = planned.filter((d) => isDirector(d) && !d.roles.includes('director'));
  const active = planned.filter((d) => d.roles.includes('director'));
  const phase = (nodes: NodeDesiredState[], pick: (steps: Step[]) => Step[]) =>
    nodes.map((d) => ({ nodeId: d.nodeId, steps: pick(plans[d.nodeId]!) })).filter((e) => changes(e.steps));
  return [
    phase(servers, (steps) => steps.filter((s) => !isRemoval(s))),
    phase(backups, (steps) => steps),
    phase(active, (steps) => steps),
    phase(servers, (steps) => steps.filter(isRemoval)),
  ];
}
