/**
 * Pure mapping from a poll sample to what the live view shows: the table with node names, and the
 * drift against the last saved state. The poll cannot see thresholds or tunnel types
 * (/proc/net/ip_vs and -Ln print neither), so those are taken from the desired side: live drift
 * covers what the poll observes (services, scheduler, flags, persistence, members, forward, weight);
 * Save state's own read compares the rest.
 */
import { SCHEDULER_FLAGS, type SchedulerFlag, type Scheduler } from '../cluster/primitives';
import { diffIpvs, type IpvsDifference } from '../ipvs/diff';
import { realServerOptions, serviceOptions } from '../ipvs/ipvsadm-args';
import { realServerKey, serviceKey } from '../ipvs/keys';
import type { PollSample } from '../ipvs/read-poll';
import type { RealServerSpec, VirtualServiceSpec } from '../ipvs/types';
import type { LiveDrift, LiveNode, LiveService } from '../wire';
import type { HealthRecord } from '../keepalived/events';
import { healthOf, withHealth } from '../keepalived/overlay';

export function liveServices(sample: PollSample, nodeNameByAddress: ReadonlyMap<string, string>): LiveService[] {
  return sample.services.map((s) => ({
    key: s.key,
    protocol: s.protocol,
    vip: s.vip,
    port: s.port,
    fwmark: s.fwmark,
    scheduler: s.scheduler,
    flags: s.flags,
    persistence: s.persistence,
    conns: s.stats.conns,
    cps: s.rates.cps,
    realServers: s.realServers.map((rs) => {
      const node = nodeNameByAddress.get(rs.address);
      return {
        address: rs.address,
        port: rs.port,
        ...(node ? { node } : {}),
        forward: rs.forward,
        weight: rs.weight,
        activeConn: rs.activeConn,
        inactConn: rs.inactConn,
        persistConn: rs.persistConn,
        conns: rs.stats.conns,
        cps: rs.rates.cps,
      };
    }),
  }));
}

const isFlag = (f: string): f is SchedulerFlag => (SCHEDULER_FLAGS as readonly string[]).includes(f);

/** The polled table in the planner's shape; unobservable fields borrowed from `desired` where it has the same entry. */
export function liveSpecs(sample: PollSample, desired: readonly VirtualServiceSpec[]): VirtualServiceSpec[] {
  const want = new Map(desired.map((d) => [serviceKey(d), d]));
  return sample.services.map((s) => {
    const spec: VirtualServiceSpec = {
      protocol: s.protocol,
      vip: s.vip,
      port: s.port,
      fwmark: s.fwmark,
      scheduler: s.scheduler as Scheduler,
      flags: s.flags.filter(isFlag),
      persistence: s.persistence,
      realServers: [],
    };
    const d = want.get(serviceKey(spec));
    const drs = new Map((d?.realServers ?? []).map((r) => [realServerKey(r), r]));
    spec.realServers = s.realServers.map((rs): RealServerSpec => {
      const w = drs.get(realServerKey(rs));
      return {
        address: rs.address,
        port: rs.port,
        forward: rs.forward,
        tunnelType: rs.forward === 'tun' ? (w?.forward === 'tun' ? w.tunnelType : 'ipip') : null,
        weight: rs.weight,
        upperThreshold: w?.upperThreshold ?? 0,
        lowerThreshold: w?.lowerThreshold ?? 0,
      };
    });
    return spec;
  });
}

const svcText = (s: VirtualServiceSpec) => serviceOptions(s).join(' ');
const rsText = (rs: RealServerSpec) => realServerOptions(rs).join(' ');

function toLiveDrift(d: IpvsDifference): LiveDrift {
  switch (d.kind) {
    case 'missing-service':
      return { kind: d.kind, service: serviceKey(d.desired), realServer: null, fields: [], desired: svcText(d.desired), live: null };
    case 'extra-service':
      return { kind: d.kind, service: serviceKey(d.live), realServer: null, fields: [], desired: null, live: svcText(d.live) };
    case 'changed-service':
      return { kind: d.kind, service: serviceKey(d.desired), realServer: null, fields: d.fields, desired: svcText(d.desired), live: svcText(d.live) };
    case 'missing-real-server':
      return { kind: d.kind, service: serviceKey(d.service), realServer: d.key, fields: [], desired: rsText(d.desired), live: null };
    case 'extra-real-server':
      return { kind: d.kind, service: serviceKey(d.service), realServer: d.key, fields: [], desired: null, live: rsText(d.live) };
    case 'changed-real-server':
      return { kind: d.kind, service: serviceKey(d.service), realServer: d.key, fields: d.fields, desired: rsText(d.desired), live: rsText(d.live) };
  }
}

type LiveView = Pick<LiveNode, 'services' | 'drift' | 'keepalived' | 'vrrp'>;

/**
 * The polled table with the health overlay: checked real servers carry keepalived's verdict, a
 * server its check holds out is listed as down (not missing), and drift is judged against the
 * saved table minus what the checks hold out, so a dead server is never drift and never green.
 */
export function liveWithHealth(sample: PollSample, want: readonly VirtualServiceSpec[] | undefined, names: ReadonlyMap<string, string>): LiveView {
  const checked = want?.some((s) => s.health) ?? false;
  const records = checked && sample.keepalived?.running ? (sample.health ?? []) : null;
  const byKey = new Map((want ?? []).map((d) => [serviceKey(d), d]));
  const services = liveServices(sample, names).map((svc) => {
    const d = byKey.get(svc.key);
    if (!d?.health) return svc;
    const realServers = svc.realServers.map((rs) => ({ ...rs, ...verdict(d, rs, records) }));
    for (const rs of d.realServers) {
      if (svc.realServers.some((l) => l.address === rs.address && l.port === rs.port)) continue;
      const v = verdict(d, rs, records);
      if (v.health !== 'down') continue;
      const node = names.get(rs.address);
      realServers.push({
        address: rs.address, port: rs.port, ...(node ? { node } : {}), forward: rs.forward, weight: 0,
        activeConn: 0, inactConn: 0, persistConn: null, conns: 0, cps: 0, ...v, heldOut: true,
      });
    }
    return { ...svc, realServers };
  });
  const drift = want ? liveDrift(checked ? withHealth(want, records) : want, sample) : null;
  // VRRP as the node reports it: whenever its keepalived runs (or left VIPs or records behind).
  const vrrp = sample.heldVips && (sample.keepalived?.running || sample.heldVips.length || sample.vrrp?.length)
    ? { vrrp: { running: sample.keepalived?.running ?? false, held: sample.heldVips, states: sample.vrrp ?? [] } }
    : {};
  return { services, drift, ...(checked ? { keepalived: { running: sample.keepalived?.running ?? false } } : {}), ...vrrp };
}

function verdict(d: VirtualServiceSpec, rs: { address: string; port: number }, records: readonly HealthRecord[] | null) {
  const rec = records?.find((r) => r.service === serviceKey(d) && r.realServer === realServerKey(rs));
  return { health: healthOf(d, rs, records), healthSince: rec?.since ?? null };
}

/** Differences between the last saved table and the polled one, ready to show. */
export function liveDrift(desired: readonly VirtualServiceSpec[], sample: PollSample): LiveDrift[] {
  return diffIpvs([...desired], liveSpecs(sample, desired)).map(toLiveDrift);
}
