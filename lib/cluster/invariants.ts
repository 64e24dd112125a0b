/**
 * Whole-model rules that a single entity's schema cannot see. Pure: the write path applies a
 * change inside a transaction, loads the resulting model, and rolls back if this finds anything.
 */
import type { ClusterModel } from './model';
import { healthCheckIssues } from './health-schema';

export type EntityKind = 'service' | 'node' | 'nodeGroup' | 'virtualNode';

/** Unknown ids in an entity's reference fields, as {field: message}. Checked before writing → 400. */
export function unknownReferences(
  model: ClusterModel,
  refs: Partial<Record<'services' | 'nodes' | 'nodeGroup', string[] | string>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const known = {
    services: new Set(model.services.map((s) => s.id)),
    nodes: new Set(model.nodes.map((n) => n.id)),
    nodeGroup: new Set(model.nodeGroups.map((g) => g.id)),
  };
  for (const [field, value] of Object.entries(refs) as [keyof typeof known, string[] | string | undefined][]) {
    if (value === undefined) continue;
    const ids = Array.isArray(value) ? value : [value];
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const key = Array.isArray(value) ? `${field}.${i}` : field;
      if (!known[field].has(id)) errors[key] ??= `no ${field === 'nodeGroup' ? 'node group' : field.slice(0, -1)} has id ${id}`;
      else if (seen.has(id)) errors[key] ??= 'is listed twice';
      seen.add(id);
    });
  }
  return errors;
}

/** Conflicts in a complete model: each message says what refers to what. */
export function modelConflicts(model: ClusterModel): string[] {
  const out: string[] = [];
  const svc = new Map(model.services.map((s) => [s.id, s]));
  const node = new Map(model.nodes.map((n) => [n.id, n]));
  const group = new Map(model.nodeGroups.map((g) => [g.id, g]));

  for (const kind of ['services', 'nodes', 'nodeGroups', 'virtualNodes'] as const) {
    const names = new Map<string, number>();
    for (const e of model[kind]) names.set(e.name.toLowerCase(), (names.get(e.name.toLowerCase()) ?? 0) + 1);
    for (const [n, count] of names) if (count > 1) out.push(`two ${kind} are named ${n}`);
  }

  // Two virtual services on the same VIP, port and protocol (or the same firewall mark).
  const owners = new Map<string, string[]>();
  for (const vn of model.virtualNodes) {
    for (const sid of vn.services) {
      const s = svc.get(sid);
      if (!s) continue;
      const key = s.protocol === 'fwmark' ? `fwmark ${s.fwmark}` : `${s.protocol} ${vn.vip}:${s.port}`;
      owners.set(key, [...(owners.get(key) ?? []), `${vn.name}/${s.name}`]);
    }
  }
  for (const [key, who] of owners) if (who.length > 1) out.push(`${who.join(' and ')} both claim virtual service ${key}`);

  for (const vn of model.virtualNodes) {
    const g = group.get(vn.nodeGroup);
    if (!g) continue;
    for (const sid of vn.services) {
      if (!g.services.includes(sid)) out.push(`virtual node ${vn.name} offers ${svc.get(sid)?.name ?? sid} but its node group ${g.name} does not serve it`);
    }
    const clash = model.nodes.find((n) => n.address === vn.vip);
    if (clash) out.push(`virtual node ${vn.name}'s VIP ${vn.vip} is node ${clash.name}'s own address`);
  }

  for (const w of model.weights) {
    const n = node.get(w.node);
    const s = svc.get(w.service);
    if (n && s && !n.services.includes(s.id)) out.push(`a weight is set for ${n.name} on ${s.name}, but ${n.name} does not run ${s.name}`);
  }

  for (const o of model.checkOverrides) {
    const n = node.get(o.node);
    const s = svc.get(o.service);
    if (!n || !s) continue;
    if (!n.services.includes(s.id)) out.push(`a health check override is set for ${n.name} on ${s.name}, but ${n.name} does not run ${s.name}`);
    if (!s.healthCheck) out.push(`a health check override is set for ${n.name} on ${s.name}, but ${s.name} has no health check`);
    if (o.healthCheck) {
      for (const [field, message] of Object.entries(healthCheckIssues(o.healthCheck, s))) {
        out.push(`the health check override for ${n.name} on ${s.name}: ${field.replace(/^healthCheck\./, '')} ${message}`);
      }
    }
  }

  const master = model.masterPriority.nodes;
  if (new Set(master).size !== master.length) out.push('the master priority list names a node twice');
  out.push(...failoverConflicts(model));
  return out;
}

/** What VRRP failover cannot carry (yet): each message names the node or virtual node. */
function failoverConflicts(model: ClusterModel): string[] {
  const f = model.masterPriority.failover;
  if (!f) return [];
  const out: string[] = [];
  const candidates = model.masterPriority.nodes;
  if (candidates.length < 2) out.push('failover needs at least two master priority candidates');
  const last = f.virtualRouterId + model.virtualNodes.length - 1;
  if (last > 255) out.push(`failover gives each virtual node its own virtual router id from ${f.virtualRouterId}: ${model.virtualNodes.length} virtual nodes run past 255`);
  const groups = new Map(model.nodeGroups.map((g) => [g.id, g]));
  for (const vn of model.virtualNodes) {
    const g = groups.get(vn.nodeGroup);
    // A candidate that also serves (lvs-r.sh's standby): DR only, and only with connection sync,
    // whose backup daemon is what the kernel's backup_only keys on to keep its director off.
    for (const id of candidates) {
      const n = model.nodes.find((x) => x.id === id);
      if (!n || !g?.nodes.includes(id)) continue;
      const served = vn.services.filter((s) => n.services.includes(s)).map((sid) => model.services.find((x) => x.id === sid)).filter((s) => s !== undefined);
      if (served.length === 0) continue;
      const notDr = served.find((s) => s.forwarding !== 'dr');
      if (notDr) out.push(`with failover, candidate ${n.name} can also be a real server of virtual node ${vn.name} only in DR (${notDr.name} is ${notDr.forwarding.toUpperCase()}): give the directors their own nodes`);
      else if (!f.syncConnections) out.push(`with failover, candidate ${n.name} can also be a real server of virtual node ${vn.name} only with connection sync on (the kernel keeps a backup's director off while its backup sync daemon runs)`);
    }
    for (const sid of vn.services) {
      const s = model.services.find((x) => x.id === sid);
      if (s?.forwarding === 'nat') out.push(`with failover, ${vn.name}/${s.name} cannot use NAT yet (the real servers' gateway would need a floating address)`);
    }
  }
  for (const id of candidates) {
    const n = model.nodes.find((x) => x.id === id);
    const devs = [n?.vipInterface, ...model.virtualNodes.map((v) => v.interface)].filter((d): d is string => !!d);
    if (n && devs.some((d) => d.length >= 14)) out.push(`with failover, ${n.name}'s VIP interface name must be under 14 characters (keepalived labels the VIP)`);
  }
  return out;
}

/** Why an entity can't be deleted yet (what still refers to it), or [] if it can. */
export function deleteBlockers(model: ClusterModel, kind: EntityKind, id: string): string[] {
  const out: string[] = [];
  const nameOf = <T extends { id: string; name: string }>(list: T[], i: string) => list.find((e) => e.id === i)?.name ?? i;
  if (kind === 'node') {
    for (const g of model.nodeGroups) if (g.nodes.includes(id)) out.push(`node ${nameOf(model.nodes, id)} is a member of node group ${g.name}`);
    if (model.masterPriority.nodes.includes(id)) out.push(`node ${nameOf(model.nodes, id)} is in the master priority list`);
  }
  if (kind === 'service') {
    const n = nameOf(model.services, id);
    for (const g of model.nodeGroups) if (g.services.includes(id)) out.push(`service ${n} is served by node group ${g.name}`);
    for (const v of model.virtualNodes) if (v.services.includes(id)) out.push(`service ${n} is offered on virtual node ${v.name}`);
  }
  if (kind === 'nodeGroup') {
    for (const v of model.virtualNodes) if (v.nodeGroup === id) out.push(`node group ${nameOf(model.nodeGroups, id)} serves virtual node ${v.name}`);
  }
  return out;
}
