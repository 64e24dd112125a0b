/**
 * ipvsadm vocabulary: one place that turns a typed virtual service / real server into ipvsadm
 * arguments, normalises specs so desired and live compare field by field, and renders the
 * ipvsadm-restore text (the same line format `ipvsadm -Sn` prints, ipvsadm 1.31).
 */
import type { SchedulerFlag } from '../cluster/primitives';
import type { RealServerSpec, VirtualServiceSpec } from './types';

/** GUE needs a UDP encapsulation port that the model does not carry yet; this is the one used. */
export const DEFAULT_GUE_PORT = 6080;

const FLAG_ORDER: SchedulerFlag[] = ['sh-fallback', 'sh-port', 'mh-fallback', 'mh-port'];
const ALL_ONES = '255.255.255.255';

/** The service selector, e.g. ['-t', '10.20.0.100:80'] or ['-f', '5']. */
export function serviceSelector(s: Pick<VirtualServiceSpec, 'protocol' | 'vip' | 'port' | 'fwmark'>): string[] {
  switch (s.protocol) {
    case 'tcp':
      return ['-t', `${s.vip}:${s.port}`];
    case 'udp':
      return ['-u', `${s.vip}:${s.port}`];
    case 'sctp':
      return ['--sctp-service', `${s.vip}:${s.port}`];
    case 'fwmark':
      return ['-f', String(s.fwmark)];
  }
}

export function serviceKey(s: VirtualServiceSpec): string {
  return serviceSelector(s).join(' ');
}

export function realServerKey(rs: RealServerSpec): string {
  return `${rs.address}:${rs.port}`;
}

/** Same meaning, same value: flag order, /32 persistence netmask = none, tunnel type only for tun. */
export function normaliseService(s: VirtualServiceSpec): VirtualServiceSpec {
  return {
    protocol: s.protocol,
    vip: s.protocol === 'fwmark' ? null : s.vip,
    port: s.protocol === 'fwmark' ? null : s.port,
    fwmark: s.protocol === 'fwmark' ? s.fwmark : null,
    scheduler: s.scheduler,
    flags: FLAG_ORDER.filter((f) => s.flags.includes(f)),
    persistence: s.persistence
      ? { timeout: s.persistence.timeout, netmask: s.persistence.netmask === ALL_ONES ? null : s.persistence.netmask }
      : null,
    realServers: s.realServers.map(normaliseRealServer),
  };
}

export function normaliseRealServer(rs: RealServerSpec): RealServerSpec {
  return {
    address: rs.address,
    port: rs.port,
    forward: rs.forward,
    tunnelType: rs.forward === 'tun' ? (rs.tunnelType ?? 'ipip') : null,
    weight: rs.weight,
    upperThreshold: rs.upperThreshold,
    lowerThreshold: rs.lowerThreshold,
  };
}

/** Scheduler, persistence and flags after the selector: what -A and -E take. */
export function serviceOptions(spec: VirtualServiceSpec): string[] {
  const s = normaliseService(spec);
  const out = ['-s', s.scheduler];
  if (s.persistence) {
    out.push('-p', String(s.persistence.timeout));
    if (s.persistence.netmask) out.push('-M', s.persistence.netmask);
  }
  if (s.flags.length) out.push('-b', s.flags.join(','));
  return out;
}

const FORWARD_SWITCH = { dr: '-g', nat: '-m', tun: '-i' } as const;

/** Real server address, forward method, weight, thresholds, tunnel: what -a and -e take after the selector. */
export function realServerOptions(spec: RealServerSpec): string[] {
  const rs = normaliseRealServer(spec);
  const out = ['-r', realServerKey(rs), FORWARD_SWITCH[rs.forward], '-w', String(rs.weight)];
  if (rs.upperThreshold) out.push('-x', String(rs.upperThreshold));
  if (rs.lowerThreshold) out.push('-y', String(rs.lowerThreshold));
  // Explicit tunnel type even for ipip: that is how ipvsadm -Sn prints it, so rules compare.
  if (rs.tunnelType === 'ipip') out.push('--tun-type', 'ipip');
  if (rs.tunnelType === 'gue') out.push('--tun-type', 'gue', '--tun-port', String(DEFAULT_GUE_PORT), '--tun-nocsum');
  if (rs.tunnelType === 'gre') out.push('--tun-type', 'gre', '--tun-nocsum');
  return out;
}

export const addServiceArgv = (s: VirtualServiceSpec) => ['ipvsadm', '-A', ...serviceSelector(s), ...serviceOptions(s)];
export const editServiceArgv = (s: VirtualServiceSpec) => ['ipvsadm', '-E', ...serviceSelector(s), ...serviceOptions(s)];
export const deleteServiceArgv = (s: VirtualServiceSpec) => ['ipvsadm', '-D', ...serviceSelector(s)];
export const addRealServerArgv = (s: VirtualServiceSpec, rs: RealServerSpec) => ['ipvsadm', '-a', ...serviceSelector(s), ...realServerOptions(rs)];
export const editRealServerArgv = (s: VirtualServiceSpec, rs: RealServerSpec) => ['ipvsadm', '-e', ...serviceSelector(s), ...realServerOptions(rs)];
export const deleteRealServerArgv = (s: VirtualServiceSpec, rs: RealServerSpec) => ['ipvsadm', '-d', ...serviceSelector(s), '-r', realServerKey(rs)];

/**
 * ipvsadm-restore text for a table. Thresholds (-x/-y) are written so a restore keeps them, although
 * ipvsadm 1.31 -Sn does not print them: compare with canonicalIpvsRules(text, { thresholds: false }).
 */
export function renderIpvsRules(services: VirtualServiceSpec[]): string {
  const lines: string[] = [];
  for (const s of services) {
    lines.push(addServiceArgv(s).slice(1).join(' '));
    for (const rs of s.realServers) lines.push(addRealServerArgv(s, rs).slice(1).join(' '));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * ipvsadm -Sn lists services in hash order and real servers in kernel order; sort both so two
 * rule texts compare as sets. Each service's -a lines stay grouped after its -A line.
 */
export function canonicalIpvsRules(text: string, opts: { thresholds?: boolean } = {}): string {
  const keepThresholds = opts.thresholds ?? true;
  const groups = new Map<string, { head: string; members: string[] }>();
  const orphans: string[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.trim().replace(/\s+/g, ' ');
    if (!line || line.startsWith('#')) continue;
    if (!keepThresholds) line = line.replace(/ -[xy] \d+/g, '');
    const m = /^-([Aa]) (-[tuf]|--sctp-service) (\S+)/.exec(line);
    if (!m) {
      orphans.push(line);
      continue;
    }
    const key = `${m[2]} ${m[3]}`;
    const g = groups.get(key) ?? { head: '', members: [] };
    if (m[1] === 'A') g.head = line;
    else g.members.push(line);
    groups.set(key, g);
  }
  const out: string[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    if (g.head) out.push(g.head);
    out.push(...g.members.sort());
  }
  out.push(...orphans.sort());
  return out.length ? `${out.join('\n')}\n` : '';
}
