import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProcIpvs, parseProcIpvsStats } from './parse-proc';

const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');

describe('parseProcIpvs', () => {
  const table = parseProcIpvs(fixture('proc-ip_vs.txt'));

  it('decodes hex addresses and ports, scheduler and persistence', () => {
    expect(table.map((s) => s.key)).toEqual(['tcp 10.20.0.100:80', 'tcp 10.20.0.100:443', 'udp 10.20.0.100:53', 'fwmark 5']);
    expect(table[0]).toMatchObject({ scheduler: 'lc', persistence: { timeout: 360, netmask: null }, onePacket: false });
    expect(table[0].realServers).toEqual([
      { address: '10.10.0.11', port: 80, forward: 'dr', weight: 200, activeConn: 20, inactConn: 71 },
      { address: '10.10.0.12', port: 80, forward: 'dr', weight: 100, activeConn: 22, inactConn: 69 },
      { address: '10.10.0.13', port: 80, forward: 'dr', weight: 200, activeConn: 19, inactConn: 66 },
    ]);
    expect(table[2]).toMatchObject({ persistence: { timeout: 60, netmask: '255.255.255.0' } });
    expect(table[2].realServers[0]).toMatchObject({ address: '10.0.0.2', port: 5353, forward: 'nat' });
    expect(table[3]).toMatchObject({ protocol: 'fwmark', fwmark: 5, vip: null, port: null, scheduler: 'wlc' });
  });

  it('reads the header-only file of an empty table', () => {
    expect(parseProcIpvs('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n')).toEqual([]);
  });

  it('rejects garbage naming the line', () => {
    const bad = fixture('proc-ip_vs.txt').replace('0A0A000C:0050', '0A0A0Z0C:0050');
    expect(() => parseProcIpvs(bad)).toThrow(/line 6: bad real server address.*0A0A0Z0C/);
    expect(() => parseProcIpvs('TCP  0A140064:0050 lc persistent\n')).toThrow(/line 1: persistent needs a timeout/);
  });
});

describe('parseProcIpvsStats', () => {
  it('decodes the hex totals and rates', () => {
    expect(parseProcIpvsStats(fixture('proc-ip_vs_stats.txt'))).toEqual({
      totals: { conns: 0x3039, inPkts: 0xa5bf5, outPkts: 0, inBytes: 0x5702a47, outBytes: 0 },
      rates: { cps: 0x15, inPps: 0x93, outPps: 0, inBps: 0x2d3c, outBps: 0 },
    });
  });
  it('rejects a truncated file', () => {
    expect(() => parseProcIpvsStats('   Total Incoming\n    3039    A5BF5\n')).toThrow(/line 2: expected five hex counters/);
  });
});
