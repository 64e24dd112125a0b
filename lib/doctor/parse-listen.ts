/**
 * Listening sockets from `ss -ltn` (iproute2) or busybox `netstat -ltn`, whichever the node has.
 * The read script prints the tool's name on the first line so the two layouts are never guessed.
 */
import { ParseError, isIpv4, linesOf, parseCount } from '../ipvs/parse-error';
import type { ListenSocket } from './types';

const WILDCARDS = new Set(['::']);

/** "0.0.0.0:80", "[::]:80", "*:80", ":::80", "127.0.0.53%lo:53", "[::ffff:10.0.0.1]:80" → socket. */
export function parseLocalAddress(text: string): ListenSocket | null {
  const i = text.lastIndexOf(':');
  if (i <= 0) return null;
  const port = parseCount(text.slice(i + 1));
  if (port === null || port > 65535) return null;
  let host = text.slice(0, i).replace(/%[A-Za-z0-9_.-]+$/, ''); // ss prints a bound device as %dev
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.startsWith('::ffff:') && isIpv4(host.slice(7))) host = host.slice(7);
  // ss prints an any-family wildcard as "*"; busybox netstat prints "::" for a dual-stack socket.
  if (host === '*' || host === '0.0.0.0') return { address: '0.0.0.0', port };
  if (WILDCARDS.has(host) || host === '') return { address: '::', port };
  if (isIpv4(host) || /^[0-9a-fA-F:]+$/.test(host)) return { address: host, port };
  return null;
}

function parseSs(lines: string[], first: number): ListenSocket[] {
  const out: ListenSocket[] = [];
  lines.forEach((raw, idx) => {
    if (idx < first || raw.trim() === '') return;
    const cols = raw.trim().split(/\s+/);
    if (cols[0] === 'State' || cols[0] === 'Netid') return; // the header
    // State Recv-Q Send-Q Local:Port Peer:Port [Process]
    if (cols.length < 5 || !/^[A-Z-]+$/.test(cols[0])) throw new ParseError(idx + 1, raw, 'expected an ss line "State Recv-Q Send-Q Local:Port Peer:Port"');
    const sock = parseLocalAddress(cols[3]);
    if (!sock) throw new ParseError(idx + 1, raw, `bad local address ${JSON.stringify(cols[3])}`);
    out.push(sock);
  });
  return out;
}

function parseNetstat(lines: string[], first: number): ListenSocket[] {
  const out: ListenSocket[] = [];
  lines.forEach((raw, idx) => {
    if (idx < first || raw.trim() === '') return;
    const cols = raw.trim().split(/\s+/);
    if (cols[0] === 'Active' || cols[0] === 'Proto') return; // the two header lines
    // Proto Recv-Q Send-Q Local Foreign [State]
    if (cols.length < 5 || !/^(tcp|udp|sctp)6?$/.test(cols[0])) throw new ParseError(idx + 1, raw, 'expected a netstat line "Proto Recv-Q Send-Q Local Foreign State"');
    const sock = parseLocalAddress(cols[3]);
    if (!sock) throw new ParseError(idx + 1, raw, `bad local address ${JSON.stringify(cols[3])}`);
    out.push(sock);
  });
  return out;
}

export function parseListen(text: string): ListenSocket[] {
  const lines = linesOf(text);
  const tool = (lines[0] ?? '').trim();
  if (tool === 'ss') return parseSs(lines, 1);
  if (tool === 'netstat') return parseNetstat(lines, 1);
  throw new ParseError(1, lines[0] ?? '', 'expected the tool name "ss" or "netstat"');
}
