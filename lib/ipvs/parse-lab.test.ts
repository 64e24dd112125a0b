/**
 * Every parser on output captured from a real lab kernel (scripts/capture-lab-fixtures.ts): a
 * director with DR/NAT/TUN, tcp/udp/sctp/fwmark, persistence with netmask, scheduler flags and
 * thresholds, after 40 HTTP requests and ~13,000 UDP connection entries.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalIpvsRules, renderIpvsRules } from './ipvsadm-args';
import { parseIpvsConnList, parseProcConnections, type Connection } from './parse-conn';
import { parseIpvsList } from './parse-list';
import { parseAddresses, parseDefaultGateway } from './parse-node';
import { parseProcIpvs, parseProcIpvsStats } from './parse-proc';
import { serviceKey } from './keys';
import { parseIpvsSave } from './parse-save';
import { parseIpvsRates, parseIpvsStats } from './parse-stats';
import { parseLiveStateOutput, parsePollOutput } from './read-script';

const dir = path.join(__dirname, '__fixtures__', 'lab');
const read = (name: string) => (name.endsWith('.gz') ? zlib.gunzipSync(fs.readFileSync(path.join(dir, name))) : fs.readFileSync(path.join(dir, name))).toString('utf8');
const KEYS = ['tcp 10.10.0.100:80', 'tcp 10.10.0.101:443', 'tcp 10.10.0.102:80', 'tcp 10.10.0.103:80', 'udp 10.10.0.100:53', 'sctp 10.10.0.100:3868', 'fwmark 5'];

describe('captured from the lab kernel', () => {
  it('ipvsadm -Sn: every service kind, flags, persistence netmask, tunnel type; renders back identically', () => {
    const text = read('ipvsadm-Sn.txt');
    const specs = parseIpvsSave(text);
    expect(specs.map(serviceKey).sort()).toEqual([...KEYS].sort());
    const by = Object.fromEntries(specs.map((s) => [serviceKey(s), s]));
    expect(by['tcp 10.10.0.100:80']).toMatchObject({ scheduler: 'lc', persistence: { timeout: 360 } });
    expect(by['tcp 10.10.0.101:443'].flags).toEqual(['sh-fallback', 'sh-port']);
    expect(by['tcp 10.10.0.103:80']).toMatchObject({ scheduler: 'mh', flags: ['mh-port'], persistence: { timeout: 60, netmask: '255.255.255.0' } });
    expect(by['tcp 10.10.0.102:80'].realServers[0]).toMatchObject({ forward: 'tun', tunnelType: 'ipip', weight: 5 });
    expect(by['tcp 10.10.0.103:80'].realServers[0]).toMatchObject({ address: '10.10.0.12', port: 8080, forward: 'nat' });
    expect(by['fwmark 5'].realServers[0]).toMatchObject({ address: '10.10.0.12', port: 0 });
    expect(canonicalIpvsRules(renderIpvsRules(specs), { thresholds: false })).toBe(canonicalIpvsRules(text, { thresholds: false }));
  });

  it('ipvsadm -Ln layouts: plain, thresholds, persistent-conn', () => {
    expect(parseIpvsList(read('ipvsadm-Ln.txt')).map((s) => s.key).sort()).toEqual([...KEYS].sort());
    const thr = parseIpvsList(read('ipvsadm-Ln-thresholds.txt')).find((s) => s.key === 'tcp 10.10.0.101:443')!;
    expect(thr.realServers[0]).toMatchObject({ upperThreshold: 100, lowerThreshold: 10 });
    const pconn = parseIpvsList(read('ipvsadm-Ln-persistent-conn.txt')).find((s) => s.key === 'tcp 10.10.0.100:80')!;
    expect(pconn.realServers.find((r) => r.address === '10.10.0.13')?.persistConn).toBeGreaterThanOrEqual(0);
  });

  it('--stats and --rate: the 40 HTTP requests are counted on the server that took them', () => {
    const stats = parseIpvsStats(read('ipvsadm-Ln-stats.txt'));
    const web = stats.services['tcp 10.10.0.100:80'];
    expect(web.totals.conns).toBe(40);
    expect(web.realServers['10.10.0.13:80'].conns).toBe(40);
    expect(stats.services['udp 10.10.0.100:53'].totals.conns).toBeGreaterThan(10_000);
    const rates = parseIpvsRates(read('ipvsadm-Ln-rate.txt'));
    expect(Object.keys(rates.services).sort()).toEqual([...KEYS].sort());
  });

  it('/proc/net/ip_vs and ip_vs_stats agree with ipvsadm', () => {
    const proc = parseProcIpvs(read('proc-ip_vs.txt'));
    expect(proc.map((s) => s.key).sort()).toEqual([...KEYS].sort());
    expect(proc.find((s) => s.key === 'tcp 10.10.0.100:80')!.realServers.find((r) => r.address === '10.10.0.13')).toMatchObject({ weight: 100, inactConn: 40 });
    expect(parseProcIpvsStats(read('proc-ip_vs_stats.txt')).totals.conns).toBeGreaterThan(10_040);
  });

  it('the connection table: over 10,000 real entries, the same in /proc and in ipvsadm -Lnc', () => {
    const procText = read('proc-ip_vs_conn.txt.gz');
    const proc = parseProcConnections(procText);
    const listed = parseIpvsConnList(read('ipvsadm-Lnc.txt.gz'));
    expect(proc.length).toBeGreaterThan(10_000);
    expect(proc.length).toBe(procText.trim().split('\n').length - 1);
    const key = (c: Connection) => `${c.protocol} ${c.client}:${c.clientPort} ${c.vip}:${c.vipPort} ${c.realServer}:${c.realServerPort}`;
    const udp = (cs: Connection[]) => cs.filter((c) => c.protocol === 'udp').map(key).sort();
    expect(udp(listed)).toEqual(udp(proc));
    const toLab3 = proc.filter((c) => c.protocol === 'tcp' && c.realServer === '10.10.0.13');
    // 40 connections plus the persistence template (client port 0; kernel 6.1 shows it ASSURED) that pins the client.
    expect(toLab3.filter((c) => c.clientPort !== 0)).toHaveLength(40);
    expect(toLab3.filter((c) => c.clientPort === 0)).toMatchObject([{ state: 'ASSURED', client: '10.10.0.14' }]);
  });

  it('iproute2 JSON: the managed VIP and its label; no default route on the lab', () => {
    expect(parseAddresses(read('ip-addr.json'))).toContainEqual({ address: '10.10.0.100', prefix: 32, dev: 'eth0', label: 'eth0:lvs' });
    expect(parseDefaultGateway(read('ip-route-default.json'))).toBeNull();
  });

  it('the one-round-trip scripts: live state and poll', () => {
    const live = parseLiveStateOutput(read('live-state.out'));
    expect(live.ipvs.map(serviceKey).sort()).toEqual([...KEYS].sort());
    expect(live.ipvs.find((s) => serviceKey(s) === 'tcp 10.10.0.101:443')!.realServers[0]).toMatchObject({ upperThreshold: 100, lowerThreshold: 10 });
    expect(live.sysctls['net.ipv4.ip_forward']).toBe('1');
    expect(live.modules).toEqual(expect.arrayContaining(['ip_vs', 'ip_vs_lc', 'ip_vs_sh']));
    expect(live.initSystem).toBe('other');
    const poll = parsePollOutput(read('poll.out'));
    expect(poll.ipvsLoaded).toBe(true);
    const web = poll.services.find((s) => s.key === 'tcp 10.10.0.100:80')!;
    expect(web.stats.conns).toBe(40);
    expect(web.realServers.find((r) => r.address === '10.10.0.13')).toMatchObject({ weight: 100, inactConn: 40 });
  });
});
