/**
 * /proc/net/ip_vs and /proc/net/ip_vs_stats (net/netfilter/ipvs/ip_vs_ctl.c). Reading a proc file is
 * a plain `cat` — no netlink, no fork of ipvsadm — so it is the cheapest source of the table with
 * ActiveConn/InActConn. It lacks scheduler flags and tunnel types, and when ip_vs is not loaded
 * the file does not exist (an empty table, decided by the caller).
 */
import type { Forwarding } from '../cluster/primitives';
import type { IpvsProtocol } from './types';
import { ParseError, hexToIpv4, linesOf } from './parse-error';
import { serviceKey } from './keys';
import type { RateCounters, StatCounters } from './parse-stats';

export interface ProcRealServer { address: string; port: number; forward: Forwarding; weight: number; activeConn: number; inactConn: number }
export interface ProcService {
  key: string;
  protocol: IpvsProtocol;
  vip: string | null;
  port: number | null;
  fwmark: number | null;
  scheduler: string;
  onePacket: boolean;
  persistence: { timeout: number; netmask: string | null } | null;
  realServers: ProcRealServer[];
}

const PROTO: Record<string, IpvsProtocol> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp', FWM: 'fwmark' };
const FORWARD: Record<string, Forwarding> = { Route: 'dr', Local: 'dr', Masq: 'nat', Tunnel: 'tun' };

function hexPort(s: string): number | null {
  return /^[0-9A-Fa-f]{4}$/.test(s) ? parseInt(s, 16) : null;
}

function decimal(s: string | undefined): number | null {
  return s !== undefined && /^\d{1,10}$/.test(s) ? Number(s) : null;
}

export function parseProcIpvs(text: string): ProcService[] {
  const out: ProcService[] = [];
  linesOf(text).forEach((raw, idx) => {
    const fail: (reason: string) => never = (reason) => {
      throw new ParseError(idx + 1, raw, reason);
    };
    const line = raw.trim();
    if (line === '' || line.startsWith('IP Virtual Server version') || line.startsWith('Prot ') || line.startsWith('-> RemoteAddress')) return;
    const t = line.split(/\s+/);
    if (t[0] === '->') {
      const svc = out[out.length - 1] ?? fail('real server line before any service');
      const [hexAddr, hexP] = (t[1] ?? '').split(':');
      const address = hexToIpv4(hexAddr ?? '');
      const port = hexPort(hexP ?? '');
      if (!address || port === null) fail('bad real server address (expected HEXADDR:HEXPORT; IPv6 is not managed)');
      const forward = FORWARD[t[2]] ?? fail(`unknown forwarding method ${JSON.stringify(t[2] ?? '')}`);
      const [weight, activeConn, inactConn] = [t[3], t[4], t[5]].map((v) => decimal(v) ?? fail('weight and connection counts must be whole numbers'));
      if (t.length !== 6) fail('expected 6 fields on a real server line');
      svc.realServers.push({ address, port, forward, weight, activeConn, inactConn });
      return;
    }
    const protocol = PROTO[t[0]] ?? fail('expected TCP, UDP, SCTP or FWM at the start of a service line');
    let sel: Pick<ProcService, 'vip' | 'port' | 'fwmark'>;
    if (protocol === 'fwmark') {
      if (!/^[0-9A-Fa-f]{8}$/.test(t[1] ?? '')) fail('bad firewall mark');
      sel = { vip: null, port: null, fwmark: parseInt(t[1], 16) };
    } else {
      const [hexAddr, hexP] = (t[1] ?? '').split(':');
      const vip = hexToIpv4(hexAddr ?? '');
      const port = hexPort(hexP ?? '');
      if (!vip || port === null) fail('bad virtual address (expected HEXADDR:HEXPORT; IPv6 is not managed)');
      sel = { vip, port, fwmark: null };
    }
    const scheduler = t[2] ?? fail('missing scheduler');
    const svc: ProcService = { key: '', protocol, ...sel, scheduler, onePacket: false, persistence: null, realServers: [] };
    svc.key = serviceKey(svc);
    for (let i = 3; i < t.length; i++) {
      if (t[i] === 'ops') svc.onePacket = true;
      else if (t[i] === 'persistent') {
        const timeout = decimal(t[i + 1]) ?? fail('persistent needs a timeout');
        const mask = hexToIpv4(t[i + 2] ?? '') ?? fail('persistent needs a hex netmask');
        svc.persistence = { timeout, netmask: mask === '255.255.255.255' ? null : mask };
        i += 2;
      } else fail(`unexpected ${JSON.stringify(t[i])}`);
    }
    out.push(svc);
  });
  return out;
}

export interface ProcIpvsTotals { totals: StatCounters; rates: RateCounters }

/** /proc/net/ip_vs_stats: host-wide totals (hex), the source node_exporter uses for node_ipvs_*_total. */
export function parseProcIpvsStats(text: string): ProcIpvsTotals {
  const lines = linesOf(text);
  const rows: { idx: number; values: number[] }[] = [];
  lines.forEach((raw, idx) => {
    const t = raw.trim().split(/\s+/);
    if (raw.trim() === '' || !/^[0-9A-Fa-f]+$/.test(t[0])) return; // headers and the blank separator
    if (t.length !== 5 || !t.every((v) => /^[0-9A-Fa-f]{1,16}$/.test(v))) throw new ParseError(idx + 1, raw, 'expected five hex counters');
    rows.push({ idx, values: t.map((v) => Number.parseInt(v, 16)) });
  });
  if (rows.length !== 2) throw new ParseError(0, '', `expected two rows of counters in ip_vs_stats, found ${rows.length}`);
  const [c, r] = rows.map((x) => x.values);
  return {
    totals: { conns: c[0], inPkts: c[1], outPkts: c[2], inBytes: c[3], outBytes: c[4] },
    rates: { cps: r[0], inPps: r[1], outPps: r[2], inBps: r[3], outBps: r[4] },
  };
}
