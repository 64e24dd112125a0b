/**
 * The one comparison of two IPVS tables. The planner turns its result into steps; the live view
 * shows it as drift. Both sides are normalised first so equal meaning compares equal.
 */
import { normaliseService } from './ipvsadm-args';
import { realServerKey, serviceKey } from './keys';
import type { RealServerSpec, VirtualServiceSpec } from './types';

export type ServiceField = 'scheduler' | 'flags' | 'persistence';
export type RealServerField = 'forward' | 'tunnelType' | 'weight' | 'upperThreshold' | 'lowerThreshold';

/**
 * A missing service is followed by one missing-real-server per real server it should have, and an
 * extra service by one extra-real-server per real server it has: every real server is listed once.
 */
export type IpvsDifference =
  | { kind: 'missing-service'; key: string; desired: VirtualServiceSpec }
  | { kind: 'extra-service'; key: string; live: VirtualServiceSpec }
  | { kind: 'changed-service'; key: string; desired: VirtualServiceSpec; live: VirtualServiceSpec; fields: ServiceField[] }
  | { kind: 'missing-real-server'; key: string; service: VirtualServiceSpec; desired: RealServerSpec }
  | { kind: 'extra-real-server'; key: string; service: VirtualServiceSpec; live: RealServerSpec }
  | { kind: 'changed-real-server'; key: string; service: VirtualServiceSpec; desired: RealServerSpec; live: RealServerSpec; fields: RealServerField[] };

function serviceFields(d: VirtualServiceSpec, l: VirtualServiceSpec): ServiceField[] {
  const out: ServiceField[] = [];
  if (d.scheduler !== l.scheduler) out.push('scheduler');
  if (d.flags.join(',') !== l.flags.join(',')) out.push('flags');
  if (JSON.stringify(d.persistence) !== JSON.stringify(l.persistence)) out.push('persistence');
  return out;
}

function realServerFields(d: RealServerSpec, l: RealServerSpec): RealServerField[] {
  const fields: RealServerField[] = ['forward', 'tunnelType', 'weight', 'upperThreshold', 'lowerThreshold'];
  return fields.filter((f) => d[f] !== l[f]);
}

function byKey<T>(items: T[], key: (t: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const t of items) if (!m.has(key(t))) m.set(key(t), t);
  return m;
}

/** Differences in desired order; extra live services and real servers follow in live order. */
export function diffIpvs(desired: VirtualServiceSpec[], live: VirtualServiceSpec[]): IpvsDifference[] {
  const want = byKey(desired.map(normaliseService), serviceKey);
  const have = byKey(live.map(normaliseService), serviceKey);
  const out: IpvsDifference[] = [];
  for (const [key, d] of want) {
    const l = have.get(key);
    if (!l) {
      out.push({ kind: 'missing-service', key, desired: d });
      for (const rs of d.realServers) out.push({ kind: 'missing-real-server', key: realServerKey(rs), service: d, desired: rs });
      continue;
    }
    const fields = serviceFields(d, l);
    if (fields.length) out.push({ kind: 'changed-service', key, desired: d, live: l, fields });
    const lrs = byKey(l.realServers, realServerKey);
    const drs = byKey(d.realServers, realServerKey);
    for (const [rk, rs] of drs) {
      const cur = lrs.get(rk);
      if (!cur) out.push({ kind: 'missing-real-server', key: rk, service: d, desired: rs });
      else {
        const f = realServerFields(rs, cur);
        if (f.length) out.push({ kind: 'changed-real-server', key: rk, service: d, desired: rs, live: cur, fields: f });
      }
    }
    for (const [rk, rs] of lrs) if (!drs.has(rk)) out.push({ kind: 'extra-real-server', key: rk, service: l, live: rs });
  }
  for (const [key, l] of have) {
    if (want.has(key)) continue;
    out.push({ kind: 'extra-service', key, live: l });
    for (const rs of l.realServers) out.push({ kind: 'extra-real-server', key: realServerKey(rs), service: l, live: rs });
  }
  return out;
}
