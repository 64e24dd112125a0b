/**
 * Pure parts of drain and maintenance: which state a real server is in, the model a save renders
 * (weight 0 for every drained or maintained pair, on every director, in both the ipvsadm and the
 * keepalived path), and when a drain is done.
 */
import type { ClusterModel } from '../cluster/model';
import { serviceKey } from '../ipvs/keys';
import type { LiveNode } from '../wire';
import type { AdminStateName, AdminStateRecord } from './types';

/** A node × service row wins over the node's own row. */
export function effectiveState(states: readonly AdminStateRecord[], node: string, service: string): AdminStateRecord | null {
  return states.find((s) => s.node === node && s.service === service) ?? states.find((s) => s.node === node && s.service === null) ?? null;
}

export function stateName(states: readonly AdminStateRecord[], node: string, service: string): AdminStateName {
  return effectiveState(states, node, service)?.state ?? 'active';
}

/** The model as save state renders it: the saved weights, with every held-out pair at 0. */
export function withAdminStates(model: ClusterModel, states: readonly AdminStateRecord[]): ClusterModel {
  if (!states.length) return model;
  const zero = new Set<string>();
  for (const n of model.nodes) for (const s of n.services) if (stateName(states, n.id, s) !== 'active') zero.add(`${n.id}|${s}`);
  if (!zero.size) return model;
  const weights = model.weights.filter((w) => !zero.has(`${w.node}|${w.service}`));
  for (const pair of [...zero].sort()) {
    const [node, service] = pair.split('|') as [string, string];
    weights.push({ node, service, weight: 0 });
  }
  return { ...model, weights };
}

/** Maintenance silences the server's check alerts (rs-down / rs-up); drain does not. */
export function isSilenced(states: readonly AdminStateRecord[], node: string | undefined, service: string | undefined): boolean {
  if (!node) return false;
  if (service) return stateName(states, node, service) === 'maintenance';
  return states.some((s) => s.node === node && s.service === null && s.state === 'maintenance');
}

export interface DrainCounts {
  active: number;
  inactive: number;
  persistent: number;
}

export type DrainVerdict = { done: false } | { done: true; outcome: 'idle' | 'deadline' };

/**
 * `counts` is null while some director has not answered since the drain started: no verdict of idle
 * on a table that is not known. The deadline ends a drain either way.
 */
export function drainVerdict(drain: Pick<AdminStateRecord, 'deadlineAt'>, counts: DrainCounts | null, nowMs: number): DrainVerdict {
  if (counts && counts.active + counts.inactive + counts.persistent === 0) return { done: true, outcome: 'idle' };
  if (drain.deadlineAt && nowMs >= Date.parse(drain.deadlineAt)) return { done: true, outcome: 'deadline' };
  return { done: false };
}

/** The director-table key of a service on one virtual node ("tcp 10.10.0.100:80", "fwmark 5"). */
function keyOn(svc: ClusterModel['services'][number], vip: string): string {
  return serviceKey({ protocol: svc.protocol, vip: svc.protocol === 'fwmark' ? null : vip, port: svc.port, fwmark: svc.fwmark });
}

/** The director-table keys a node's drain covers: every service it serves, or the one named. */
export function drainedServiceKeys(model: ClusterModel, drain: Pick<AdminStateRecord, 'node' | 'service'>): Set<string> {
  const node = model.nodes.find((n) => n.id === drain.node);
  const services = (node?.services ?? []).filter((s) => drain.service === null || s === drain.service);
  const keys = new Set<string>();
  for (const sid of services) {
    const svc = model.services.find((s) => s.id === sid);
    if (!svc) continue;
    const groups = model.nodeGroups.filter((g) => g.nodes.includes(drain.node)).map((g) => g.id);
    for (const vn of model.virtualNodes.filter((v) => groups.includes(v.nodeGroup) && v.services.includes(sid))) {
      keys.add(keyOn(svc, vn.vip));
    }
  }
  return keys;
}

/**
 * What is left on the drained server, summed over every director that has a table. null when a
 * director was not read after `sinceMs` (the save that set weight 0): its old counts prove nothing.
 */
export function drainCounts(model: ClusterModel, drain: Pick<AdminStateRecord, 'node' | 'service'>, directors: readonly LiveNode[], sinceMs: number): DrainCounts | null {
  const address = model.nodes.find((n) => n.id === drain.node)?.address;
  const keys = drainedServiceKeys(model, drain);
  const out: DrainCounts = { active: 0, inactive: 0, persistent: 0 };
  for (const d of directors) {
    if (d.state !== 'up' || !d.polledAt || Date.parse(d.polledAt) <= sinceMs) return null;
    for (const s of d.services.filter((x) => keys.has(x.key))) {
      for (const rs of s.realServers.filter((r) => r.address === address)) {
        out.active += rs.activeConn;
        out.inactive += rs.inactConn;
        out.persistent += rs.persistConn ?? 0;
      }
    }
  }
  return out;
}

/** Every director-table key the model renders, to the service it belongs to. */
export function serviceIdsByKey(model: ClusterModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const vn of model.virtualNodes) {
    for (const sid of vn.services) {
      const svc = model.services.find((s) => s.id === sid);
      if (svc) out[keyOn(svc, vn.vip)] = sid;
    }
  }
  return out;
}
