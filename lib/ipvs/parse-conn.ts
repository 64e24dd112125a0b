/**
 * The IPVS connection table. /proc/net/ip_vs_conn is what `ipvsadm -Lnc` itself reads and
 * reformats, so the poll cats the proc file and this hand-rolled scanner decodes it: one pass over
 * the characters, no regex and no split per line, addresses decoded from hex and interned, every
 * entry an object of one fixed shape. Format (ip_vs_conn_seq_show, IPv4):
 *   "%-3s %08X %04X %08X %04X %08X %04X %-11s %7u%s\n"  (the last %s is " PEName PEData" or "")
 */
import { ParseError } from './parse-error';

export interface Connection {
  protocol: string; // "tcp", "udp", "sctp" (lower case, as IpvsProtocol)
  client: string;
  clientPort: number;
  vip: string;
  vipPort: number;
  realServer: string;
  realServerPort: number;
  state: string; // kernel state name: ESTABLISHED, TIME_WAIT, FIN_WAIT, SYN_RECV, UDP, NONE, ...
  expires: number; // seconds until the entry expires
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}
const PROTOS: Record<string, string> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };
const KNOWN_STATES = ['ESTABLISHED', 'TIME_WAIT', 'FIN_WAIT', 'SYN_RECV', 'SYN_SENT', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSE', 'LISTEN', 'SYNACK', 'NONE', 'ASSURED', 'UDP', 'ICMP', 'INIT', 'COOKIE_WAIT', 'COOKIE_ECHOED', 'SHUTDOWN_SENT', 'SHUTDOWN_RECEIVED', 'SHUTDOWN_ACK_SENT', 'REJECTED', 'CLOSED', 'ERR'];

/** Value of `digits` hex characters at p, or -1. Top-level and closure-free so V8 inlines it. */
function hexAt(text: string, p: number, digits: number): number {
  let v = 0;
  for (let i = 0; i < digits; i++) {
    const c = text.charCodeAt(p + i);
    const d = c < 128 ? HEX[c] : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

function isEnd(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || Number.isNaN(c);
}

/** Dotted quads of the few distinct addresses a table holds, each built once. */
function dottedQuads(): (v: number) => string {
  const cache = new Map<number, string>();
  return (v) => {
    let s = cache.get(v);
    if (s === undefined) {
      s = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
      if (cache.size > 200_000) cache.clear();
      cache.set(v, s);
    }
    return s;
  };
}

/** The state word at `p`: a known one without allocating, else whatever word stands there ('' if none). */
function stateAt(text: string, p: number): string {
  for (let i = 0; i < KNOWN_STATES.length; i++) {
    const k = KNOWN_STATES[i];
    if (text.startsWith(k, p) && isEnd(text.charCodeAt(p + k.length))) return k;
  }
  let e = p;
  while (!isEnd(text.charCodeAt(e))) e++;
  return text.slice(p, e);
}

export function parseProcConnections(text: string): Connection[] {
  const out: Connection[] = [];
  const addr = dottedQuads();
  const n = text.length;
  let pos = 0;
  let lineNo = 0;

  let lineStart = 0;
  const fail = (reason: string, at: number): never => {
    const end = text.indexOf('\n', lineStart);
    throw new ParseError(lineNo, text.slice(lineStart, end < 0 ? n : end), `${reason} at column ${at - lineStart + 1}`);
  };

  while (pos < n) {
    lineNo++;
    lineStart = pos;
    if (text.charCodeAt(pos) === 10) {
      pos++;
      continue;
    }
    if (text.startsWith('Pro ', pos)) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? n : nl + 1;
      continue;
    }
    let p = pos;
    let protocol: string;
    if (text.startsWith('TCP ', p)) protocol = 'tcp';
    else if (text.startsWith('UDP ', p)) protocol = 'udp';
    else if (text.startsWith('SCTP ', p)) protocol = 'sctp';
    else {
      let e = p;
      while (!isEnd(text.charCodeAt(e))) e++;
      return fail(`unknown protocol ${JSON.stringify(text.slice(p, e))}`, p);
    }
    p += protocol === 'sctp' ? 5 : 4;
    // Fixed layout from here: "%08X %04X %08X %04X %08X %04X ".
    const client = hexAt(text, p, 8);
    const clientPort = hexAt(text, p + 9, 4);
    const vip = hexAt(text, p + 14, 8);
    const vipPort = hexAt(text, p + 23, 4);
    const rs = hexAt(text, p + 28, 8);
    const rsPort = hexAt(text, p + 37, 4);
    if ((client | clientPort | vip | vipPort | rs | rsPort) < 0 || text.charCodeAt(p + 8) !== 32 || text.charCodeAt(p + 13) !== 32
      || text.charCodeAt(p + 22) !== 32 || text.charCodeAt(p + 27) !== 32 || text.charCodeAt(p + 36) !== 32 || text.charCodeAt(p + 41) !== 32) {
      return fail(`expected "HEXADDR PORT HEXADDR PORT HEXADDR PORT"${text.charCodeAt(p) === 91 ? ' (IPv6 entries are not managed)' : ''}`, p);
    }
    p += 42;
    const state = stateAt(text, p);
    if (state === '') return fail('expected the connection state', p);
    p += state.length;
    while (text.charCodeAt(p) === 32) p++;
    let expires = 0;
    const expStart = p;
    for (let c = text.charCodeAt(p); c >= 48 && c <= 57; c = text.charCodeAt(++p)) expires = expires * 10 + (c - 48);
    if (p === expStart) return fail('expected the expiry in seconds', p);
    const c = text.charCodeAt(p);
    if (p < n && c !== 10 && c !== 32 && c !== 13) return fail('unexpected text after the expiry', p);
    // Optional " PEName PEData" (persistence engine, e.g. sip): skipped, not modelled.
    const nl = c === 10 ? p : text.indexOf('\n', p);
    pos = nl < 0 ? n : nl + 1;
    out.push({ protocol, client: addr(client), clientPort, vip: addr(vip), vipPort, realServer: addr(rs), realServerPort: rsPort, state, expires });
  }
  return out;
}

/** `ipvsadm -Lnc` (human form: "TCP 01:58  TIME_WAIT   10.20.0.14:40000   10.20.0.100:80  10.10.0.12:80"). */
export function parseIpvsConnList(text: string): Connection[] {
  const out: Connection[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trim();
    if (line === '' || line === 'IPVS connection entries' || line.startsWith('pro expire')) continue;
    const fail: (reason: string) => never = (reason) => {
      throw new ParseError(i + 1, raw, reason);
    };
    const t = line.split(/\s+/);
    if (t.length !== 6) fail('expected 6 fields: pro expire state source virtual destination');
    const protocol = PROTOS[t[0]] ?? fail(`unknown protocol ${JSON.stringify(t[0])}`);
    const m = /^(\d+):(\d\d)$/.exec(t[1]) ?? fail('expire must be mm:ss');
    const ends = [t[3], t[4], t[5]].map((s) => {
      const j = s.lastIndexOf(':');
      const a = s.slice(0, j);
      const p = Number(s.slice(j + 1));
      if (j <= 0 || !/^\d+\.\d+\.\d+\.\d+$/.test(a) || !Number.isInteger(p) || p > 65535) fail(`bad address ${JSON.stringify(s)} (run with -n)`);
      return { a, p };
    });
    out.push({
      protocol, client: ends[0].a, clientPort: ends[0].p, vip: ends[1].a, vipPort: ends[1].p,
      realServer: ends[2].a, realServerPort: ends[2].p, state: t[2], expires: Number(m[1]) * 60 + Number(m[2]),
    });
  }
  return out;
}

export interface ConnectionFilter { client?: string; vip?: string; realServer?: string; state?: string; protocol?: string }
export interface Page { offset: number; limit: number }

/** "10.0.0.1" matches that address on any port; "10.0.0.1:80" matches exactly. */
function matches(want: string | undefined, address: string, port: number): boolean {
  if (!want) return true;
  if (want === address) return true;
  const i = want.lastIndexOf(':');
  return i > 0 && want.slice(0, i) === address && Number(want.slice(i + 1)) === port;
}

export function filterConnections(conns: readonly Connection[], filter: ConnectionFilter, page: Page): { total: number; items: Connection[] } {
  const offset = Math.max(0, Math.floor(page.offset));
  const limit = Math.max(0, Math.min(10_000, Math.floor(page.limit)));
  const items: Connection[] = [];
  let total = 0;
  for (const c of conns) {
    if (!matches(filter.client, c.client, c.clientPort)) continue;
    if (!matches(filter.vip, c.vip, c.vipPort)) continue;
    if (!matches(filter.realServer, c.realServer, c.realServerPort)) continue;
    if (filter.state && filter.state !== c.state) continue;
    if (filter.protocol && filter.protocol !== c.protocol) continue;
    if (total >= offset && items.length < limit) items.push(c);
    total++;
  }
  return { total, items };
}
