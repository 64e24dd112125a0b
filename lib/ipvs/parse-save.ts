/**
 * `ipvsadm -Sn` (ipvsadm 1.31) → VirtualServiceSpec[]: the rule form of the kernel table, the one
 * read that names every setting the planner compares (scheduler flags, persistence netmask,
 * forwarding and tunnel type). Thresholds are not printed by -S; see mergeThresholds.
 *
 * Forms ipvsadm prints (print_service_entry with FMT_RULE):
 *   -A -t|-u|--sctp-service ADDR:PORT -s SCHED [-b FLAGS] [-p SECS [-M MASK]] [--pe NAME] [-o]
 *   -A -f MARK -s SCHED ...
 *   -a <service> -r ADDR:PORT -g|-m|-i -w WEIGHT [--tun-type T [--tun-port P] [--tun-nocsum|...]]
 */
import { SCHEDULERS, SCHEDULER_FLAGS, TUNNEL_TYPES, maskToPrefix } from '../cluster/primitives';
import type { Scheduler, SchedulerFlag, TunnelType, Forwarding } from '../cluster/primitives';
import type { IpvsProtocol, RealServerSpec, VirtualServiceSpec } from './types';
import { ParseError, linesOf, parseCount, splitAddrPort } from './parse-error';
import { realServerKey, serviceKey, serviceRealServerKey } from './keys';

const PROTO_SWITCH: Record<string, IpvsProtocol> = { '-t': 'tcp', '--tcp-service': 'tcp', '-u': 'udp', '--udp-service': 'udp', '--sctp-service': 'sctp', '-f': 'fwmark', '--fwmark-service': 'fwmark' };
const FORWARD_SWITCH: Record<string, Forwarding> = { '-g': 'dr', '--gatewaying': 'dr', '-m': 'nat', '--masquerading': 'nat', '-i': 'tun', '--ipip': 'tun' };
const CSUM_SWITCHES = new Set(['--tun-nocsum', '--tun-csum', '--tun-remcsum']);

type Fail = (reason: string) => never;

/** Reads the service selector at tokens[1..2]; returns the key fields. */
function readServiceSelector(tokens: string[], fail: Fail): Pick<VirtualServiceSpec, 'protocol' | 'vip' | 'port' | 'fwmark'> {
  const protocol = PROTO_SWITCH[tokens[1] ?? ''];
  if (!protocol) fail(`expected -t, -u, --sctp-service or -f after ${tokens[0]}`);
  const value = tokens[2] ?? '';
  if (protocol === 'fwmark') {
    const mark = parseCount(value);
    if (mark === null || mark < 1 || mark > 0xffffffff) fail(`bad firewall mark ${JSON.stringify(value)}`);
    return { protocol, vip: null, port: null, fwmark: mark };
  }
  if (value.startsWith('[')) fail('IPv6 services are not managed by this console');
  const ap = splitAddrPort(value);
  if (!ap) fail(`bad virtual address ${JSON.stringify(value)} (expected numeric ADDR:PORT, run ipvsadm with -n)`);
  return { protocol, vip: ap.address, port: ap.port, fwmark: null };
}

/** Walks the options after the selector (tokens[3..]); `arg()` takes the option's value or fails. */
function eachOption(tokens: string[], fail: Fail, visit: (option: string, arg: () => string) => void): void {
  for (let i = 3; i < tokens.length; i++) {
    const t = tokens[i];
    visit(t, () => {
      const v = tokens[++i];
      if (v === undefined) fail(`${t} needs a value`);
      return v;
    });
  }
}

function parseServiceLine(tokens: string[], fail: Fail): VirtualServiceSpec {
  const sel = readServiceSelector(tokens, fail);
  // Typed by `as`: the option callback assigns them, which narrowing from `= null` would not see.
  let scheduler = null as Scheduler | null;
  let flags: SchedulerFlag[] = [];
  let persistence = null as VirtualServiceSpec['persistence'];
  let netmask = null as string | null;
  eachOption(tokens, fail, (t, arg) => {
    if (t === '-6') fail('IPv6 services are not managed by this console');
    else if (t === '-s' || t === '--scheduler') {
      const s = arg();
      if (!(SCHEDULERS as readonly string[]).includes(s)) fail(`unknown scheduler ${JSON.stringify(s)}`);
      scheduler = s as Scheduler;
    } else if (t === '-b' || t === '--sched-flags') {
      const list = arg().split(',');
      for (const f of list) {
        if (!(SCHEDULER_FLAGS as readonly string[]).includes(f)) fail(`unsupported scheduler flag ${JSON.stringify(f)}`);
      }
      flags = list as SchedulerFlag[];
    } else if (t === '-p' || t === '--persistent') {
      const secs = parseCount(arg());
      if (secs === null) fail('persistence timeout must be a whole number of seconds');
      persistence = { timeout: secs, netmask: null };
    } else if (t === '-M' || t === '--netmask') {
      const m = arg();
      if (maskToPrefix(m) === null) fail(`bad persistence netmask ${JSON.stringify(m)}`);
      netmask = m === '255.255.255.255' ? null : m;
    } else if (t === '--pe' || t === 'pe') fail('persistence engines (--pe) are not managed by this console');
    else if (t === '-o' || t === '--ops' || t === 'ops') fail('one-packet scheduling (-o) is not managed by this console');
    else fail(`unexpected ${JSON.stringify(t)}`);
  });
  if (!scheduler) fail('service without -s scheduler');
  if (netmask !== null) {
    if (!persistence) fail('-M netmask without -p persistence');
    persistence.netmask = netmask;
  }
  return { ...sel, scheduler, flags, persistence, realServers: [] };
}

function parseRealServerLine(tokens: string[], fail: Fail): RealServerSpec {
  let target = null as { address: string; port: number } | null;
  let forward = 'dr' as Forwarding; // ipvsadm's own default when no switch is given
  let tunnelType = null as TunnelType | null;
  let weight = 1;
  let upperThreshold = 0;
  let lowerThreshold = 0;
  eachOption(tokens, fail, (t, arg) => {
    const num = (max: number): number => {
      const n = parseCount(arg());
      if (n === null || n > max) fail(`${t} needs a whole number up to ${max}`);
      return n;
    };
    if (t === '-r' || t === '--real-server') {
      const v = arg();
      if (v.startsWith('[')) fail('IPv6 real servers are not managed by this console');
      target = splitAddrPort(v);
      if (!target) fail(`bad real server ${JSON.stringify(v)} (expected numeric ADDR:PORT)`);
    } else if (FORWARD_SWITCH[t]) forward = FORWARD_SWITCH[t];
    else if (t === '-w' || t === '--weight') weight = num(65535);
    else if (t === '-x' || t === '--u-threshold') upperThreshold = num(0xffffffff);
    else if (t === '-y' || t === '--l-threshold') lowerThreshold = num(0xffffffff);
    else if (t === '--tun-type') {
      const v = arg();
      if (!(TUNNEL_TYPES as readonly string[]).includes(v)) fail(`unknown tunnel type ${JSON.stringify(v)}`);
      tunnelType = v as TunnelType;
    } else if (t === '--tun-port') num(65535); // GUE port: validated, not modelled in RealServerSpec
    else if (!CSUM_SWITCHES.has(t)) fail(`unexpected ${JSON.stringify(t)}`); // checksum mode: likewise not modelled
  });
  if (!target) fail('real server without -r ADDR:PORT');
  if (tunnelType && forward !== 'tun') fail('--tun-type on a real server that is not tunnelled (-i)');
  return {
    address: target.address,
    port: target.port,
    forward,
    tunnelType: forward === 'tun' ? (tunnelType ?? 'ipip') : null,
    weight,
    upperThreshold,
    lowerThreshold,
  };
}

export function parseIpvsSave(text: string): VirtualServiceSpec[] {
  const services = new Map<string, VirtualServiceSpec>();
  linesOf(text).forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '') return;
    const fail: Fail = (reason) => {
      throw new ParseError(idx + 1, raw, reason);
    };
    const tokens = line.split(/\s+/);
    if (tokens[0] === '-A' || tokens[0] === '--add-service') {
      const svc = parseServiceLine(tokens, fail);
      const key = serviceKey(svc);
      if (services.has(key)) fail(`service ${key} listed twice`);
      services.set(key, svc);
    } else if (tokens[0] === '-a' || tokens[0] === '--add-server') {
      const key = serviceKey(readServiceSelector(tokens, fail));
      const svc = services.get(key);
      if (!svc) fail(`real server for ${key}, which no earlier -A line adds`);
      const rs = parseRealServerLine(tokens, fail);
      if (svc.realServers.some((r) => r.address === rs.address && r.port === rs.port)) fail(`real server ${realServerKey(rs)} listed twice`);
      svc.realServers.push(rs);
    } else fail('expected a line starting with -A or -a');
  });
  return [...services.values()];
}

/** Copies thresholds read from `ipvsadm -Ln --thresholds` into specs read from -Sn (which omits them). */
export function mergeThresholds(
  specs: VirtualServiceSpec[],
  thresholds: Map<string, { upper: number; lower: number }>, // key: serviceRealServerKey()
): VirtualServiceSpec[] {
  return specs.map((s) => ({
    ...s,
    realServers: s.realServers.map((r) => {
      const t = thresholds.get(serviceRealServerKey(serviceKey(s), r));
      return t ? { ...r, upperThreshold: t.upper, lowerThreshold: t.lower } : r;
    }),
  }));
}
