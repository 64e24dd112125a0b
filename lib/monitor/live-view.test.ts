import { describe, expect, it } from 'vitest';
import { parsePollOutput } from '../ipvs/read-poll';
import type { VirtualServiceSpec } from '../ipvs/types';
import { fakePollOutput } from './__fixtures__/fake-node';
import { liveDrift, liveServices, liveSpecs } from './live-view';
import { isMetricsAuthorized } from './metrics-token';

const sample = (forward: 'Route' | 'Tunnel' = 'Route', weight = 3) => parsePollOutput(fakePollOutput([{
  vip: '10.20.0.100', port: 80, scheduler: 'wlc',
  realServers: [{ address: '10.10.0.12', port: 80, weight, active: 2, inact: 9, conns: 40, cps: 3, forward }],
}]));

const desired = (over: Partial<VirtualServiceSpec['realServers'][number]> = {}): VirtualServiceSpec[] => [{
  protocol: 'tcp', vip: '10.20.0.100', port: 80, fwmark: null, scheduler: 'wlc', flags: [], persistence: null,
  realServers: [{ address: '10.10.0.12', port: 80, forward: 'dr', tunnelType: null, weight: 3, upperThreshold: 0, lowerThreshold: 0, ...over }],
}];

describe('liveServices', () => {
  it('names real servers by node address and carries Conns and CPS', () => {
    const [svc] = liveServices(sample(), new Map([['10.10.0.12', 'lab2']]));
    expect(svc).toMatchObject({ key: 'tcp 10.20.0.100:80', conns: 40, cps: 3 });
    expect(svc.realServers[0]).toEqual({ address: '10.10.0.12', port: 80, node: 'lab2', forward: 'dr', weight: 3, activeConn: 2, inactConn: 9, persistConn: null, conns: 40, cps: 3 });
    expect(liveServices(sample(), new Map())[0].realServers[0]).not.toHaveProperty('node');
  });
});

describe('liveSpecs / liveDrift', () => {
  it.each([
    ['equal tables', desired(), sample(), []],
    ['thresholds are not visible to the poll: borrowed, no false drift', desired({ upperThreshold: 100, lowerThreshold: 10 }), sample(), []],
    ['tunnel type borrowed when both sides tunnel', desired({ forward: 'tun', tunnelType: 'gre' }), sample('Tunnel'), []],
    ['forward method changed', desired(), sample('Tunnel'), ['changed-real-server forward,tunnelType']],
    ['weight changed', desired(), sample('Route', 5), ['changed-real-server weight']],
    ['nothing saved on this node but a live table', [], sample(), ['extra-service ', 'extra-real-server ']],
  ] as const)('%s', (_, want, live, expected) => {
    expect(liveDrift([...want], live).map((d) => `${d.kind} ${d.fields.join(',')}`)).toEqual(expected);
  });

  it('keeps the live weight and borrows only what the poll cannot see', () => {
    const [s] = liveSpecs(sample('Route', 7), desired({ upperThreshold: 50 }));
    expect(s.realServers[0]).toMatchObject({ weight: 7, upperThreshold: 50, tunnelType: null });
  });
});

describe('isMetricsAuthorized', () => {
  it.each([
    ['Bearer s3cret', 's3cret', true],
    ['bearer s3cret', 's3cret', true],
    ['Bearer s3cre', 's3cret', false],
    ['Bearer s3cret-and-more', 's3cret', false],
    ['Basic czNjcmV0', 's3cret', false],
    [null, 's3cret', false],
    ['Bearer x', '', false],
  ] as const)('%s vs %s → %s', (header, token, ok) => {
    expect(isMetricsAuthorized(header, token)).toBe(ok);
  });
});
