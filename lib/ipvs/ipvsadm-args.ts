/**
 * ipvsadm vocabulary: one place that turns a typed virtual service / real server into ipvsadm
 * arguments, normalises specs so desired and live compare field by field, and renders the
 * ipvsadm-restore text (the same line format `ipvsadm -Sn` prints, ipvsadm 1.31).
 */
import type { SchedulerFlag } from '../cluster/primitives';
import type { RealServerSpec, VirtualServiceSpec } from './types';
import { realServerKey } from './keys';

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

const OPTION_RANK = ['-s', '-b', '-p', '-M', '--pe', '-o', '--ops', '-r', '-g', '-m', '-i', '-w', '-x', '-y', '--tun-type', '--tun-port', '--tun-nocsum', '--tun-csum', '--tun-remcsum'];
const LONG_OPTIONS: Record<string, string> = {
  '--scheduler': '-s', '--sched-flags': '-b', '--persistent': '-p', '--netmask': '-M', '--real-server': '-r',
  '--gatewaying': '-g', '--masquerading': '-m', '--ipip': '-i', '--weight': '-w', '--u-threshold': '-x', '--l-threshold': '-y',
  '--tcp-service': '-t', '--udp-service': '-u', '--fwmark-service': '-f',
};

/** One rule line with its options in a fixed order and defaults dropped, so formatting never differs. */
function canonicalLine(line: string, keepThresholds: boolean): { key: string; head: boolean; text: string } | null {
  const tokens = line.split(' ').map((t) => LONG_OPTIONS[t] ?? t);
  const [cmd, proto, target] = tokens;
  if ((cmd !== '-A' && cmd !== '-a') || !proto || !target || !['-t', '-u', '-f', '--sctp-service'].includes(proto)) return null;
  const groups: string[][] = [];
  for (const t of tokens.slice(3)) {
    if (t.startsWith('-') || groups.length === 0) groups.push([t]);
    else groups[groups.length - 1]!.push(t);
  }
  const kept = groups
    .filter(([opt, val]) => !((opt === '-x' || opt === '-y') && (val === '0' || !keepThresholds)))
    .filter(([opt, val]) => !(opt === '-M' && val === ALL_ONES))
    .map(([opt, ...vals]) => (opt === '-b' ? [opt, FLAG_ORDER.filter((f) => (vals[0] ?? '').split(',').includes(f)).join(',')] : [opt!, ...vals]));
  const rank = (opt: string) => (OPTION_RANK.includes(opt) ? OPTION_RANK.indexOf(opt) : OPTION_RANK.length);
  kept.sort((a, b) => rank(a[0]!) - rank(b[0]!));
  return { key: `${proto} ${target}`, head: cmd === '-A', text: [cmd, proto, target, ...kept.flat()].join(' ') };
}

/**
 * ipvsadm -Sn lists services in hash order and real servers in kernel order; sort both (and each
 * line's options) so two rule texts compare as sets. Each service's -a lines follow its -A line.
 * ipvsadm -Sn omits thresholds: pass { thresholds: false } to compare against it.
 */
export function canonicalIpvsRules(text: string, opts: { thresholds?: boolean } = {}): string {
  const keepThresholds = opts.thresholds ?? true;
  const groups = new Map<string, { head: string; members: string[] }>();
  const others: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/\s+/g, ' ');
    if (!line || line.startsWith('#')) continue;
    const c = canonicalLine(line, keepThresholds);
    if (!c) {
      others.push(line);
      continue;
    }
    const g = groups.get(c.key) ?? { head: '', members: [] };
    if (c.head) g.head = c.text;
    else g.members.push(c.text);
    groups.set(c.key, g);
  }
  const out: string[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    if (g.head) out.push(g.head);
    out.push(...g.members.sort());
  }
  out.push(...others.sort());
  return out.length ? `${out.join('\n')}\n` : '';
}
