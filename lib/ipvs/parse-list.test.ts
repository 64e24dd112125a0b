import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIpvsList } from './parse-list';
import { parseIpvsRates, parseIpvsStats } from './parse-stats';

const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');

describe('parseIpvsList', () => {
  it('reads the plain layout with forward, weight and connection counts', () => {
    const list = parseIpvsList(fixture('ipvsadm-list.txt'));
    expect(list.map((s) => s.key)).toEqual(['tcp 10.20.0.100:80', 'tcp 10.20.0.100:443', 'udp 10.20.0.100:53', 'fwmark 5']);
    expect(list[0]).toMatchObject({ scheduler: 'lc', persistence: { timeout: 360, netmask: null }, flags: [] });
    expect(list[0].realServers[1]).toMatchObject({ address: '10.10.0.12', port: 80, forward: 'dr', weight: 100, activeConn: 22, inactConn: 69, persistConn: null });
    expect(list[1].flags).toEqual(['sh-fallback', 'sh-port']);
    expect(list[2].persistence).toEqual({ timeout: 60, netmask: '255.255.255.0' });
    expect(list[2].realServers[0]).toMatchObject({ forward: 'nat', weight: 3, inactConn: 12 });
  });

  it('reads --persistent-conn (columns on the Prot line)', () => {
    const list = parseIpvsList(fixture('ipvsadm-pconn.txt'));
    expect(list[0].realServers.map((r) => [r.weight, r.persistConn, r.activeConn, r.inactConn])).toEqual([[200, 31, 20, 71], [100, 28, 22, 69], [200, 30, 19, 66]]);
    expect(list[1].flags).toEqual(['sh-fallback', 'sh-port']);
  });

  it('reads --thresholds', () => {
    const list = parseIpvsList(fixture('ipvsadm-thresholds.txt'));
    expect(list[0].realServers[1]).toMatchObject({ upperThreshold: 500, lowerThreshold: 100, activeConn: 22 });
  });

  it('rejects a line it cannot place, naming it', () => {
    expect(() => parseIpvsList('Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\nTCP  10.20.0.100:80 lc\n  -> 10.10.0.11:80 Route 1 x 0\n')).toThrow(/line 4: ActiveConn is not a whole number/);
    expect(() => parseIpvsList('TCP  10.20.0.100:80 lc\n')).toThrow(/line 1: table line before the header/);
    expect(() => parseIpvsList('Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\nTCP  10.20.0.100:80 lc\n  -> 10.10.0.11:80 Route 1 2\n')).toThrow(/line 4: expected 4 columns/);
  });
});

describe('parseIpvsStats / parseIpvsRates', () => {
  it('keys counters by service key and real server address:port', () => {
    const stats = parseIpvsStats(fixture('ipvsadm-stats.txt'));
    expect(stats.services['tcp 10.20.0.100:80'].totals).toEqual({ conns: 12345, inPkts: 678901, outPkts: 0, inBytes: 91234567, outBytes: 0 });
    expect(stats.services['tcp 10.20.0.100:80'].realServers['10.10.0.13:80']).toEqual({ conns: 4115, inPkts: 226301, outPkts: 0, inBytes: 30411523, outBytes: 0 });
    const rates = parseIpvsRates(fixture('ipvsadm-rate.txt'));
    expect(rates.services['tcp 10.20.0.100:80'].totals).toEqual({ cps: 21, inPps: 147, outPps: 0, inBps: 11580, outBps: 0 });
    expect(Object.keys(rates.services)).toEqual(['tcp 10.20.0.100:80', 'tcp 10.20.0.100:443']);
  });

  it('refuses the other layout and non-exact numbers', () => {
    expect(() => parseIpvsStats(fixture('ipvsadm-rate.txt'))).toThrow(/expected --stats columns/);
    const humanised = fixture('ipvsadm-stats.txt').replace('91234567', '91234K');
    expect(() => parseIpvsStats(humanised)).toThrow(/line 4: .*--exact/);
  });

  it('reads an empty table as no services', () => {
    expect(parseIpvsStats('')).toEqual({ services: {} });
    expect(parseIpvsStats('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n  -> RemoteAddress:Port\n')).toEqual({ services: {} });
  });
});
