import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { filterConnections, parseIpvsConnList, parseProcConnections, type Connection } from './parse-conn';

const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');

const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
const STATES = ['ESTABLISHED', 'TIME_WAIT', 'FIN_WAIT', 'SYN_RECV', 'CLOSE'];

/** A /proc/net/ip_vs_conn as the kernel prints it ("%-3s %08X %04X %08X %04X %08X %04X %-11s %7u"). */
export function generateProcConnections(count: number): string {
  const lines = ['Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData'];
  for (let i = 0; i < count; i++) {
    const client = (0x0a140000 + (i % 60000) + 16) >>> 0; // 10.20.x.y
    const rs = 0x0a0a000b + (i % 3);
    const state = STATES[i % STATES.length];
    lines.push(`TCP ${hex(client, 8)} ${hex(1024 + (i % 60000), 4)} 0A140064 0050 ${hex(rs, 8)} 0050 ${state.padEnd(11)} ${String(i % 900).padStart(7)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parseProcConnections', () => {
  it('decodes the kernel format, including SCTP and persistence-engine data', () => {
    const conns = parseProcConnections(fixture('proc-ip_vs_conn.txt'));
    expect(conns).toHaveLength(6);
    expect(conns[0]).toEqual({ protocol: 'tcp', client: '10.20.0.14', clientPort: 40000, vip: '10.20.0.100', vipPort: 80, realServer: '10.10.0.12', realServerPort: 80, state: 'TIME_WAIT', expires: 118 });
    expect(conns[2]).toMatchObject({ protocol: 'udp', realServer: '10.0.0.2', realServerPort: 5353, state: 'UDP' });
    expect(conns[4]).toMatchObject({ protocol: 'sctp', vipPort: 3868, expires: 3599 });
    expect(conns[5]).toMatchObject({ protocol: 'udp', vipPort: 5060, expires: 170 });
  });

  it('reads an empty table', () => {
    expect(parseProcConnections('')).toEqual([]);
    expect(parseProcConnections('Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n')).toEqual([]);
  });

  it('rejects garbage naming the line', () => {
    const text = `${fixture('proc-ip_vs_conn.txt')}TCP 0A14000E 9C4 0A140064 0050 0A0A000C 0050 TIME_WAIT 1\n`;
    expect(() => parseProcConnections(text)).toThrow(/line 8: expected "HEXADDR PORT.*at column 5: "TCP 0A14000E 9C4 /);
    expect(() => parseProcConnections('ICMP 0A14000E 9C40 0A140064 0050 0A0A000C 0050 NONE 1\n')).toThrow(/line 1: unknown protocol "ICMP"/);
    expect(() => parseProcConnections('TCP 0A14000E 9C40 0A140064 0050 0A0A000C 0050 NONE soon\n')).toThrow(/line 1: expected the expiry/);
  });

  it('parses a generated 100,000-entry table quickly and exactly', () => {
    const text = generateProcConnections(100_000);
    const t0 = performance.now();
    const raw = text.split('\n').length; // a raw pass over the same text, for scale
    const t1 = performance.now();
    const conns = parseProcConnections(text);
    const t2 = performance.now();
    expect(raw).toBe(100_002);
    expect(conns).toHaveLength(100_000);
    expect(conns[12345]).toEqual({
      protocol: 'tcp', client: `10.20.${(12345 + 16) >> 8}.${(12345 + 16) & 255}`, clientPort: 1024 + 12345, vip: '10.20.0.100', vipPort: 80,
      realServer: `10.10.0.${11 + (12345 % 3)}`, realServerPort: 80, state: STATES[12345 % 5], expires: 12345 % 900,
    });
    console.log(`100k connections: parse ${(t2 - t1).toFixed(0)} ms, split-lines baseline ${(t1 - t0).toFixed(0)} ms, text ${(text.length / 1e6).toFixed(1)} MB`);
    expect(t2 - t1).toBeLessThan(1000);
  });
});

describe('parseIpvsConnList', () => {
  it('reads ipvsadm -Lnc', () => {
    const conns = parseIpvsConnList(fixture('ipvsadm-lnc.txt'));
    expect(conns[0]).toEqual({ protocol: 'tcp', client: '10.20.0.14', clientPort: 40000, vip: '10.20.0.100', vipPort: 80, realServer: '10.10.0.12', realServerPort: 80, state: 'TIME_WAIT', expires: 118 });
    expect(conns[2]).toMatchObject({ protocol: 'udp', expires: 287, realServerPort: 5353 });
    expect(() => parseIpvsConnList('IPVS connection entries\nTCP 1:58 TIME_WAIT\n')).toThrow(/line 2: expected 6 fields/);
  });
});

describe('filterConnections', () => {
  const conns: Connection[] = parseProcConnections(generateProcConnections(10_000));

  it('filters by real server, client and vip (address or address:port) and pages', () => {
    const all = filterConnections(conns, { realServer: '10.10.0.12' }, { offset: 0, limit: 50 });
    expect(all.total).toBe(conns.filter((c) => c.realServer === '10.10.0.12').length);
    expect(all.items).toHaveLength(50);
    const next = filterConnections(conns, { realServer: '10.10.0.12:80' }, { offset: 50, limit: 50 });
    expect(next.items[0]).toBe(conns.filter((c) => c.realServer === '10.10.0.12')[50]);
    const one = filterConnections(conns, { client: `${conns[7].client}:${conns[7].clientPort}`, vip: '10.20.0.100:80' }, { offset: 0, limit: 10 });
    expect(one.items).toEqual([conns[7]]);
    expect(filterConnections(conns, { vip: '10.20.0.100:81' }, { offset: 0, limit: 10 }).total).toBe(0);
    expect(filterConnections(conns, { state: 'TIME_WAIT' }, { offset: 9_999, limit: 10 }).items).toHaveLength(0);
  });
});
