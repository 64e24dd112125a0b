import { describe, expect, it } from 'vitest';
import { parsePollOutput } from '../ipvs/read-poll';
import type { VirtualServiceSpec } from '../ipvs/types';
import { fakePollOutput } from './__fixtures__/fake-node';
import { liveDrift, liveServices, liveSpecs, liveWithHealth } from './live-view';
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

describe('liveWithHealth: health is an overlay, never drift', () => {
  const names = new Map([['10.10.0.12', 'lab2'], ['10.10.0.13', 'lab3']]);
  const checked = (): VirtualServiceSpec[] => [{
    ...desired()[0]!,
    health: { onFailure: 'remove', sorryServer: null },
    realServers: [...desired()[0]!.realServers, { address: '10.10.0.13', port: 80, forward: 'dr', tunnelType: null, weight: 1, upperThreshold: 0, lowerThreshold: 0 }],
  }];
  const down = { service: 'tcp 10.20.0.100:80', realServer: '10.10.0.13:80', state: 'down' as const, since: '2026-12-02T20:00:00.000Z' };

  it('a server the check removed is listed down (held out), with no drift', () => {
    const view = liveWithHealth({ ...sample(), keepalived: { running: true }, health: [down] }, checked(), names);
    expect(view.drift).toEqual([]);
    expect(view.keepalived).toEqual({ running: true });
    expect(view.services[0]!.realServers.map((r) => [r.node, r.health, r.heldOut ?? false])).toEqual([['lab2', 'up', false], ['lab3', 'down', true]]);
    expect(view.services[0]!.realServers[1]!.healthSince).toBe(down.since);
  });
  it('keepalived not running: health unknown, and the missing server is drift again', () => {
    const view = liveWithHealth({ ...sample(), keepalived: { running: false }, health: [down] }, checked(), names);
    expect(view.services[0]!.realServers.map((r) => r.health)).toEqual(['unknown']);
    expect(view.drift!.map((d) => d.kind)).toEqual(['missing-real-server']);
  });
  it('unchecked services carry no health at all', () => {
    const view = liveWithHealth(sample(), desired(), names);
    expect(view.services[0]!.realServers[0]).not.toHaveProperty('health');
    expect(view).not.toHaveProperty('keepalived');
  });
});
