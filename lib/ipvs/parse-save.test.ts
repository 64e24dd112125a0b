import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serviceKey } from './keys';
import { mergeThresholds, parseIpvsSave } from './parse-save';
import { ParseError } from './parse-error';

const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');

describe('parseIpvsSave', () => {
  const specs = parseIpvsSave(fixture('ipvsadm-save.txt'));

  it('reads every service in order with its key', () => {
    expect(specs.map(serviceKey)).toEqual(['tcp 10.20.0.100:80', 'tcp 10.20.0.100:443', 'udp 10.20.0.100:53', 'fwmark 5', 'sctp 10.20.0.100:3868', 'tcp 10.20.0.101:80']);
  });

  it('reads the university table: lc persistent 360, DR, weights 200/100/200', () => {
    expect(specs[0]).toEqual({
      protocol: 'tcp', vip: '10.20.0.100', port: 80, fwmark: null, scheduler: 'lc', flags: [],
      persistence: { timeout: 360, netmask: null },
      realServers: [
        { address: '10.10.0.13', port: 80, forward: 'dr', tunnelType: null, weight: 200, upperThreshold: 0, lowerThreshold: 0 },
        { address: '10.10.0.12', port: 80, forward: 'dr', tunnelType: null, weight: 100, upperThreshold: 0, lowerThreshold: 0 },
        { address: '10.10.0.11', port: 80, forward: 'dr', tunnelType: null, weight: 200, upperThreshold: 0, lowerThreshold: 0 },
      ],
    });
  });

  it('reads scheduler flags, persistence netmask, NAT, weight 0, fwmark and sctp', () => {
    expect(specs[1].flags).toEqual(['sh-fallback', 'sh-port']);
    expect(specs[2].persistence).toEqual({ timeout: 60, netmask: '255.255.255.0' });
    expect(specs[2].realServers.map((r) => [r.forward, r.port, r.weight])).toEqual([['nat', 5353, 3], ['nat', 5353, 0]]);
    expect(specs[3]).toMatchObject({ protocol: 'fwmark', vip: null, port: null, fwmark: 5, scheduler: 'wlc' });
    expect(specs[3].realServers[0]).toMatchObject({ address: '10.10.0.12', port: 0 });
    expect(specs[4]).toMatchObject({ protocol: 'sctp', scheduler: 'mh', flags: ['mh-port'] });
  });

  it('reads tunnel types; a tunnel without --tun-type is ipip', () => {
    expect(specs[5].realServers.map((r) => [r.forward, r.tunnelType, r.weight])).toEqual([['tun', 'ipip', 4], ['tun', 'gue', 3], ['tun', 'ipip', 2]]);
  });

  it('accepts thresholds when present and merges them from --thresholds otherwise', () => {
    const [svc] = parseIpvsSave('-A -t 10.20.0.100:80 -s wlc\n-a -t 10.20.0.100:80 -r 10.10.0.11:80 -m -w 5 -x 100 -y 10\n');
    expect(svc.realServers[0]).toMatchObject({ upperThreshold: 100, lowerThreshold: 10 });
    const merged = mergeThresholds(specs, new Map([['tcp 10.20.0.100:80 10.10.0.12:80', { upper: 500, lower: 100 }]]));
    expect(merged[0].realServers[1]).toMatchObject({ upperThreshold: 500, lowerThreshold: 100 });
    expect(merged[0].realServers[0]).toMatchObject({ upperThreshold: 0, lowerThreshold: 0 });
  });

  it('treats empty output as an empty table', () => {
    expect(parseIpvsSave('')).toEqual([]);
    expect(parseIpvsSave('\n')).toEqual([]);
  });

  it.each([
    ['garbage', 'hello world', 1, 'expected a line starting with -A or -a'],
    ['unknown scheduler', '-A -t 10.20.0.100:80 -s fast', 1, 'unknown scheduler'],
    ['missing scheduler', '-A -t 10.20.0.100:80', 1, 'without -s'],
    ['bad address', '-A -t 10.20.0.300:80 -s rr', 1, 'bad virtual address'],
    ['named port', '-A -t 10.20.0.100:http -s rr', 1, 'bad virtual address'],
    ['orphan real server', '-A -t 10.20.0.100:80 -s rr\n-a -t 10.20.0.100:81 -r 10.10.0.11:80 -g -w 1', 2, 'no earlier -A'],
    ['bad weight', '-A -t 10.20.0.100:80 -s rr\n-a -t 10.20.0.100:80 -r 10.10.0.11:80 -g -w heavy', 2, '-w needs a whole number'],
    ['unknown option', '-A -t 10.20.0.100:80 -s rr --frobnicate', 1, 'unexpected "--frobnicate"'],
    ['one-packet', '-A -u 10.20.0.100:53 -s rr -o', 1, 'one-packet'],
    ['ipv6', '-A -t [2001:db8::1]:80 -s rr', 1, 'IPv6'],
    ['duplicate service', '-A -t 10.20.0.100:80 -s rr\n-A -t 10.20.0.100:80 -s lc', 2, 'listed twice'],
    ['unknown flag', '-A -t 10.20.0.100:80 -s rr -b flag-1', 1, 'unsupported scheduler flag'],
  ])('rejects %s naming the line', (_name, text, lineNumber, reason) => {
    try {
      parseIpvsSave(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      const err = e as ParseError;
      expect(err.lineNumber).toBe(lineNumber);
      expect(err.line).toBe(text.split('\n')[lineNumber - 1]);
      expect(err.message).toContain(reason);
      expect(err.message).toContain(`line ${lineNumber}`);
    }
  });
});
