import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRealServer, judgeArp, judgeGateway, judgeListen, judgeProbe, judgeRpFilter } from './analyze';
import { parseListen } from './parse-listen';
import { buildProbeScript, buildRealServerScript, parseProbeOutput, parseRealServerOutput, probePlan } from './script';
import type { DoctorContext } from './types';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const DR: DoctorContext = { forwarding: 'dr', protocol: 'tcp', port: 8080, vips: ['10.10.0.100'], ownAddress: '10.10.0.12', directorAddress: '10.10.0.11', tunnelDevice: 'tunl0' };

describe('parseListen', () => {
  it('reads ss and busybox netstat', () => {
    expect(parseListen(`ss\n${'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess'}\nLISTEN 0 0 10.10.0.12:8080 0.0.0.0:*\nLISTEN 0 0 *:80 *:*\nLISTEN 0 0 [::]:22 [::]:*\nLISTEN 0 4096 127.0.0.53%lo:53 0.0.0.0:*\n`))
      .toEqual([{ address: '10.10.0.12', port: 8080 }, { address: '0.0.0.0', port: 80 }, { address: '::', port: 22 }, { address: '127.0.0.53', port: 53 }]);
    expect(parseListen(`netstat\n${fixture('netstat.txt')}`)).toEqual([{ address: '10.10.0.12', port: 8080 }, { address: '0.0.0.0', port: 22 }, { address: '::', port: 22 }, { address: '::', port: 80 }]);
  });
  it.each([
    ['no tool line', 'LISTEN 0 0 *:80 *:*\n', /line 1: expected the tool name/],
    ['a broken ss line', 'ss\nLISTEN 0 0 nonsense *:*\n', /line 2: bad local address/],
    ['a short netstat line', 'netstat\ntcp 0 0\n', /line 2: expected a netstat line/],
  ])('rejects %s with its line', (_, text, err) => {
    expect(() => parseListen(text)).toThrow(err);
  });
});

describe('judgeListen', () => {
  const s = (address: string, port: number) => ({ address, port });
  it.each<[string, DoctorContext, Array<{ address: string; port: number }>, boolean, RegExp]>([
    ['every address', DR, [s('0.0.0.0', 8080)], true, /every address/],
    ['dual-stack wildcard', DR, [s('::', 8080)], true, /every address/],
    ['the VIP', DR, [s('10.10.0.100', 8080)], true, /the VIP/],
    ['own address only (the university case)', DR, [s('10.10.0.12', 8080), s('0.0.0.0', 80)], false, /listens only on 10\.10\.0\.12:8080 \(the node's own address\), not on the VIP 10\.10\.0\.100.*This is the cause/],
    ['nothing on the port', DR, [s('0.0.0.0', 80)], false, /nothing listens on tcp port 8080 \(listening ports: 80\)/],
    ['NAT on own address', { ...DR, forwarding: 'nat' }, [s('10.10.0.12', 8080)], true, /where the director sends clients/],
    ['NAT on loopback only', { ...DR, forwarding: 'nat' }, [s('127.0.0.1', 8080)], false, /listens only on 127\.0\.0\.1:8080/],
  ])('%s', (_, ctx, sockets, ok, detail) => {
    const f = judgeListen(ctx, sockets);
    expect(f.ok).toBe(ok);
    expect(f.detail).toMatch(detail);
    if (!ok) expect(f.remedy.en && f.remedy.ko).toBeTruthy();
  });
  it('names the bound address in both remedies', () => {
    const f = judgeListen(DR, [s('10.10.0.12', 8080)]);
    expect(f.remedy.en).toContain('`Listen 8080` instead of `Listen 10.10.0.12:8080`');
    expect(f.remedy.ko).toContain('`Listen 10.10.0.12:8080` 대신 `Listen 8080`');
  });
});

describe('node settings', () => {
  const arp = { 'net.ipv4.conf.all.arp_ignore': '1', 'net.ipv4.conf.all.arp_announce': '2', 'net.ipv4.conf.lo.arp_ignore': '1', 'net.ipv4.conf.lo.arp_announce': '2' };
  it.each<[string, Record<string, string>, boolean]>([
    ['all set', arp, true],
    ['arp_ignore 2 is stricter, still fine', { ...arp, 'net.ipv4.conf.all.arp_ignore': '2' }, true],
    ['all.arp_announce 0', { ...arp, 'net.ipv4.conf.all.arp_announce': '0' }, false],
    ['nothing set', {}, false],
  ])('arp: %s', (_, sysctls, ok) => expect(judgeArp(sysctls).ok).toBe(ok));
  it.each<[string, Record<string, string>, boolean]>([
    ['both 0', { 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv4.conf.tunl0.rp_filter': '0' }, true],
    ['loose on all', { 'net.ipv4.conf.all.rp_filter': '2', 'net.ipv4.conf.tunl0.rp_filter': '0' }, true],
    ['strict on the tunnel', { 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv4.conf.tunl0.rp_filter': '1' }, false],
    ['strict on all', { 'net.ipv4.conf.all.rp_filter': '1' }, false],
  ])('rp_filter: %s', (_, sysctls, ok) => expect(judgeRpFilter('tunl0', sysctls).ok).toBe(ok));
  it.each<[string, string | null, string | null, boolean]>([
    ['via the director', '10.10.0.11', '10.10.0.11', true],
    ['via another router', '10.10.0.11', '10.10.0.1', false],
    ['no default route', '10.10.0.11', null, false],
    ['no director', null, '10.10.0.1', false],
  ])('NAT gateway: %s', (_, director, gw, ok) => expect(judgeGateway({ ...DR, forwarding: 'nat', directorAddress: director }, gw).ok).toBe(ok));
});

describe('the real server read (captured on a lab node)', () => {
  it('DR, httpd bound to the own address: only the listen address is wrong', () => {
    const f = analyzeRealServer(DR, parseRealServerOutput(fixture('dr-own-address.txt')));
    expect(f.map((x) => [x.code, x.ok])).toEqual([['listen', false], ['dr-vip-on-lo', true], ['dr-arp', true]]);
    expect(f[0].detail).toContain('10.10.0.12:8080');
  });
  it('a bare node: DR and TUN both find what is missing', () => {
    const r = parseRealServerOutput(fixture('bare.txt'));
    expect(analyzeRealServer({ ...DR, port: 80 }, r).map((x) => [x.code, x.ok])).toEqual([['listen', true], ['dr-vip-on-lo', false], ['dr-arp', false]]);
    expect(analyzeRealServer({ ...DR, port: 80, forwarding: 'tun' }, r).map((x) => [x.code, x.ok])).toEqual([['listen', true], ['tun-ipip', false], ['tun-vip-on-tunl0', false], ['tun-rp-filter', true]]);
  });
  it('an unreadable section names itself and its line, the others still judge', () => {
    const broken = fixture('dr-own-address.txt').replace('LISTEN 0      0         10.10.0.12:8080', 'LISTEN 0      0         bogus');
    const f = analyzeRealServer(DR, parseRealServerOutput(broken));
    expect(f[0]).toMatchObject({ code: 'listen', ok: false });
    expect(f[0].detail).toMatch(/could not read: line 3: section "listen": bad local address/);
    expect(f.slice(1).every((x) => x.ok)).toBe(true);
  });
  it('the script is fixed text', () => {
    const s = buildRealServerScript({ protocol: 'tcp', tunnelDevice: 'tunl0' });
    expect(s).toContain('ss -ltn');
    expect(s).toContain('netstat -ltn');
    expect(() => buildRealServerScript({ protocol: 'tcp', tunnelDevice: 'tun;rm' })).toThrow(/refusing interface name/);
  });
});

describe('the director request', () => {
  const wrap = (body: string, rc: number) => `@@lvs-console-7f3a@@ begin probe\n${body}\n@@lvs-console-7f3a@@ end probe ${rc}\n`;
  it.each<[string, Parameters<typeof probePlan>[0], string, number, boolean, RegExp]>([
    ['tcp connect', { address: '10.10.0.12', port: 80, check: null }, '', 0, true, /TCP connect to 10\.10\.0\.12:80 from the director succeeded/],
    ['refused', { address: '10.10.0.12', port: 81, check: null }, "nc: can't connect to remote host (10.10.0.12): Connection refused", 1, false, /failed \(exit 1\): nc: can't connect/],
    ['timed out', { address: '10.10.0.12', port: 81, check: null }, '', 124, false, /timed out/],
    ['http 404', { address: '10.10.0.12', port: 80, check: { type: 'http', path: '/nope' } }, '  HTTP/1.1 404 Not Found\nwget: server returned error: HTTP/1.1 404 Not Found', 1, false, /GET http:\/\/10\.10\.0\.12:80\/nope answered status 404/],
    ['http 200', { address: '10.10.0.12', port: 80, check: { type: 'http', path: '/' } }, '  HTTP/1.1 200 OK', 0, true, /status 200/],
  ])('%s', (_, target, body, rc, ok, detail) => {
    const f = judgeProbe(parseProbeOutput(wrap(body, rc), probePlan(target)));
    expect(f.ok).toBe(ok);
    expect(f.detail).toMatch(detail);
  });
  it('refuses values a shell could read as code', () => {
    expect(() => buildProbeScript({ address: '10.0.0.1;id', port: 80, check: null })).toThrow(/refusing address/);
    expect(() => buildProbeScript({ address: '10.0.0.1', port: 80, check: { type: 'http', path: '/$(id)' } })).toThrow(/refusing check path/);
    expect(() => buildProbeScript({ address: '10.0.0.1', port: 70000, check: null })).toThrow(/refusing port/);
    expect(buildProbeScript({ address: '10.0.0.1', port: 80, check: { type: 'http', path: '/a?b=c&d' } })).toContain("wget -S -q -O /dev/null 'http://10.0.0.1:80/a?b=c&d'");
  });
});
