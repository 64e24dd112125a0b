/**
 * Per-service and per-real-server counters. They exist only over netlink (`ipvsadm -Ln --stats` /
 * `--rate`): /proc/net/ip_vs_stats holds host totals only, so both are read with ipvsadm and
 * keyed exactly like the live table (serviceKey, then "address:port").
 */
import { realServerKey } from './keys';
import { ParseError } from './parse-error';
import { parseIpvsList } from './parse-list';

export interface StatCounters { conns: number; inPkts: number; outPkts: number; inBytes: number; outBytes: number }
export interface RateCounters { cps: number; inPps: number; outPps: number; inBps: number; outBps: number }

export interface IpvsStats<C> {
  services: Record<string, { totals: C; realServers: Record<string, C> }>; // by serviceKey, then "addr:port"
}

const STAT_HEADER = ['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'];
const RATE_HEADER = ['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'];

function parseCounterTable<C>(text: string, header: string[], make: (n: number[]) => C, what: string): IpvsStats<C> {
  const headerLine = text.split('\n').findIndex((l) => l.startsWith('Prot '));
  if (headerLine < 0) {
    if (text.trim() === '') return { services: {} };
    throw new ParseError(0, '', `no "Prot" header: not ipvsadm -Ln ${what} output`);
  }
  const got = text.split('\n')[headerLine].trim().split(/\s+/).slice(2);
  if (got.join(' ') !== header.join(' ')) throw new ParseError(headerLine + 1, text.split('\n')[headerLine], `expected ${what} columns ${header.join(' ')}`);
  const out: IpvsStats<C> = { services: {} };
  for (const svc of parseIpvsList(text)) {
    const realServers: Record<string, C> = {};
    for (const rs of svc.realServers) realServers[realServerKey(rs)] = make(rs.counters ?? [0, 0, 0, 0, 0]);
    out.services[svc.key] = { totals: make(svc.counters ?? [0, 0, 0, 0, 0]), realServers };
  }
  return out;
}

/** `ipvsadm -Ln --stats --exact` */
export function parseIpvsStats(text: string): IpvsStats<StatCounters> {
  return parseCounterTable(text, STAT_HEADER, ([conns, inPkts, outPkts, inBytes, outBytes]) => ({ conns, inPkts, outPkts, inBytes, outBytes }), '--stats');
}

/** `ipvsadm -Ln --rate --exact` */
export function parseIpvsRates(text: string): IpvsStats<RateCounters> {
  return parseCounterTable(text, RATE_HEADER, ([cps, inPps, outPps, inBps, outBps]) => ({ cps, inPps, outPps, inBps, outBps }), '--rate');
}

export const ZERO_STATS: StatCounters = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 };
export const ZERO_RATES: RateCounters = { cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };
