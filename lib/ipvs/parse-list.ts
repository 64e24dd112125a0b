/**
 * The human layouts of `ipvsadm -Ln --exact`: the plain table, --persistent-conn, --thresholds,
 * --stats and --rate. Which columns the real-server lines carry is read from the header line
 * ("  -> RemoteAddress:Port ..."), so one parser serves every layout and a changed header is an
 * error rather than silently shifted numbers.
 */
import { SCHEDULERS, type Forwarding } from '../cluster/primitives';
import type { IpvsProtocol, VirtualServiceSpec } from './types';
import { ParseError, isIpv4, linesOf, parseCount, splitAddrPort } from './parse-error';
import { serviceKey } from './keys';

export interface ListedRealServer {
  address: string;
  port: number;
  forward: Forwarding | null; // null in layouts without a Forward column
  weight: number | null;
  activeConn: number | null;
  inactConn: number | null;
  persistConn: number | null; // --persistent-conn only
  upperThreshold: number | null; // --thresholds only
  lowerThreshold: number | null;
}

export interface ListedService {
  key: string; // serviceKey()
  protocol: IpvsProtocol;
  vip: string | null;
  port: number | null;
  fwmark: number | null;
  scheduler: string | null; // null in --stats / --rate, which omit it
  persistence: VirtualServiceSpec['persistence'];
  flags: string[];
  counters: number[] | null; // the five --stats / --rate numbers for the service
  realServers: Array<ListedRealServer & { counters: number[] | null }>;
}

const FORWARD_NAMES: Record<string, Forwarding> = { Route: 'dr', Local: 'dr', Masq: 'nat', Tunnel: 'tun' };
const PROTO_NAMES: Record<string, IpvsProtocol> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp', FWM: 'fwmark' };
const RS_COLUMNS = new Set(['Forward', 'Weight', 'ActiveConn', 'InActConn', 'PersistConn', 'Uthreshold', 'Lthreshold', 'Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes', 'CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS']);

/** 64-bit kernel counters: exact up to 2^53, then rounded rather than rejected. */
function parseCounter(s: string): number | null {
  return /^\d{1,20}$/.test(s) ? Number(s) : null;
}

type Fail = (reason: string) => never;

/** "  -> 10.10.0.12:80 Route 1 0 0": one real server, its columns named by the header. */
function readRealServerLine(tokens: string[], cols: string[], serviceHasCounters: boolean, fail: Fail): ListedRealServer & { counters: number[] | null } {
  const ap = splitAddrPort(tokens[1] ?? '');
  if (!ap) fail('bad real server address (expected numeric ADDR:PORT, run with -n)');
  if (tokens.length !== 2 + cols.length) fail(`expected ${cols.length} columns after the address, got ${tokens.length - 2}`);
  const rs: ListedRealServer & { counters: number[] | null } = {
    ...ap, forward: null, weight: null, activeConn: null, inactConn: null, persistConn: null, upperThreshold: null, lowerThreshold: null, counters: null,
  };
  const counters: number[] = [];
  cols.forEach((c, i) => {
    const v = tokens[i + 2];
    if (c === 'Forward') {
      const f = FORWARD_NAMES[v];
      if (!f) fail(`unknown forwarding method ${JSON.stringify(v)}`);
      rs.forward = f;
      return;
    }
    const n = parseCounter(v);
    if (n === null) fail(`${c} is not a whole number: ${JSON.stringify(v)} (run with --exact)`);
    if (c === 'Weight') rs.weight = n;
    else if (c === 'ActiveConn') rs.activeConn = n;
    else if (c === 'InActConn') rs.inactConn = n;
    else if (c === 'PersistConn') rs.persistConn = n;
    else if (c === 'Uthreshold') rs.upperThreshold = n;
    else if (c === 'Lthreshold') rs.lowerThreshold = n;
    else counters.push(n);
  });
  if (serviceHasCounters) rs.counters = counters;
  return rs;
}

/** "TCP 10.20.0.100:80 wlc persistent 360" or, in the counter layouts, the service's counters. */
function readServiceLine(protocol: ListedService['protocol'], tokens: string[], cols: string[], serviceHasCounters: boolean, fail: Fail): ListedService {
  const target = tokens[1] ?? '';
  let sel: Pick<ListedService, 'vip' | 'port' | 'fwmark'>;
  if (protocol === 'fwmark') {
    const mark = parseCount(target);
    if (mark === null) fail(`bad firewall mark ${JSON.stringify(target)}`);
    if (tokens[2] === 'IPv6') fail('IPv6 services are not managed by this console');
    sel = { vip: null, port: null, fwmark: mark };
  } else {
    if (target.startsWith('[')) fail('IPv6 services are not managed by this console');
    const ap = splitAddrPort(target);
    if (!ap) fail('bad virtual address (expected numeric ADDR:PORT, run with -n)');
    sel = { vip: ap.address, port: ap.port, fwmark: null };
  }
  const svc: ListedService = { key: '', protocol, ...sel, scheduler: null, persistence: null, flags: [], counters: null, realServers: [] };
  svc.key = serviceKey(svc);
  const rest = tokens.slice(2);
  if (serviceHasCounters) {
    if (rest.length !== cols.length) fail(`expected ${cols.length} counters, got ${rest.length}`);
    svc.counters = rest.map((v) => parseCounter(v) ?? fail(`counter is not a whole number: ${JSON.stringify(v)} (run with --exact)`));
  } else {
    readServiceFlags(svc, rest, fail);
  }
  return svc;
}

export function parseIpvsList(text: string): ListedService[] {
  const out: ListedService[] = [];
  let columns: string[] | null = null; // real-server columns after the address
  let serviceHasCounters = false;
  linesOf(text).forEach((raw, idx) => {
    const fail: (reason: string) => never = (reason) => {
      throw new ParseError(idx + 1, raw, reason);
    };
    const tokens = raw.trim().split(/\s+/);
    if (raw.trim() === '') return;
    if (raw.startsWith('IP Virtual Server version')) return;
    if (tokens[0] === 'Prot') {
      // The plain layout names its columns on the "->" header line; --stats, --rate,
      // --persistent-conn and --thresholds name them on the Prot line and leave "->" bare.
      const cols = tokens.slice(2);
      if (cols.join(' ') !== 'Scheduler Flags') {
        for (const c of cols) if (!RS_COLUMNS.has(c)) fail(`unknown column ${JSON.stringify(c)}`);
        columns = cols;
        serviceHasCounters = cols[0] === 'Conns' || cols[0] === 'CPS';
      }
      return;
    }
    if (tokens[0] === '->' && tokens[1] === 'RemoteAddress:Port') {
      if (tokens.length > 2) {
        columns = tokens.slice(2);
        for (const c of columns) if (!RS_COLUMNS.has(c)) fail(`unknown column ${JSON.stringify(c)}`);
      }
      return;
    }
    if (!columns) fail('table line before the header (is this ipvsadm -Ln output?)');
    const cols = columns;
    if (tokens[0] === '->') {
      const svc = out[out.length - 1];
      if (!svc) fail('real server line before any service');
      if (tokens[1]?.startsWith('[')) fail('IPv6 real servers are not managed by this console');
      svc.realServers.push(readRealServerLine(tokens, cols, serviceHasCounters, fail));
      return;
    }
    const protocol = PROTO_NAMES[tokens[0]];
    if (!protocol) fail('expected a service line (TCP, UDP, SCTP or FWM) or a "->" real server line');
    out.push(readServiceLine(protocol, tokens, cols, serviceHasCounters, fail));
  });
  return out;
}

/** "lc (sh-fallback,sh-port) persistent 360 mask 255.255.255.0 pe sip ops" */
function readServiceFlags(svc: ListedService, rest: string[], fail: (r: string) => never): void {
  const [sched, ...more] = rest;
  if (!sched || !(SCHEDULERS as readonly string[]).includes(sched)) fail(`unknown scheduler ${JSON.stringify(sched ?? '')}`);
  svc.scheduler = sched;
  for (let i = 0; i < more.length; i++) {
    const t = more[i];
    if (t.startsWith('(') && t.endsWith(')')) svc.flags = t.slice(1, -1).split(',');
    else if (t === 'persistent') {
      const secs = parseCount(more[++i] ?? '');
      if (secs === null) fail('persistent needs a timeout in seconds');
      svc.persistence = { timeout: secs, netmask: null };
    } else if (t === 'mask') {
      const m = more[++i] ?? '';
      if (!svc.persistence || !isIpv4(m)) fail('bad persistence mask');
      svc.persistence.netmask = m === '255.255.255.255' ? null : m;
    } else if (t === 'pe') {
      i++;
      svc.flags.push(`pe:${more[i] ?? ''}`);
    } else if (t === 'ops') svc.flags.push('ops');
    else fail(`unexpected ${JSON.stringify(t)} after the scheduler`);
  }
}
