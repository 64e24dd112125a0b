import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import { node, service } from '../ipvs/__fixtures__/cluster-models';
import type { LiveNode } from '../wire';
import { drainCounts, drainVerdict, effectiveState, isSilenced, withAdminStates } from './apply';
import type { AdminStateRecord } from './types';

const model: ClusterModel = {
  services: [service('web', { port: 80 }), service('dns', { protocol: 'udp', port: 53 })],
  nodes: [node('d1', '10.10.0.11', []), node('r2', '10.10.0.12', ['web', 'dns']), node('r3', '10.10.0.13', ['web'])],
  nodeGroups: [{ id: 'g', name: 'web', nodes: ['r2', 'r3'], services: ['web', 'dns'] }],
  virtualNodes: [{ id: 'www', name: 'www', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: ['web', 'dns'], nodeGroup: 'g' }],
  masterPriority: { nodes: ['d1'], preempt: true, failover: null },
  weights: [{ node: 'r2', service: 'web', weight: 3 }, { node: 'r2', service: 'dns', weight: 2 }, { node: 'r3', service: 'web', weight: 1 }],
  checkOverrides: [],
};
const rec = (node: string, service: string | null, state: 'drain' | 'maintenance', over: Partial<AdminStateRecord> = {}): AdminStateRecord =>
  ({ node, service, state, since: '2026-12-03T10:00:00.000Z', deadlineAt: null, drainedAt: null, outcome: null, actor: 'admin', ...over });

describe('effectiveState and withAdminStates', () => {
  it.each<[string, AdminStateRecord[], Array<[string, string, number]>]>([
    ['nothing held out: the saved weights', [], [['r2', 'web', 3], ['r2', 'dns', 2], ['r3', 'web', 1]]],
    ['a node drained: all its services at 0', [rec('r2', null, 'drain')], [['r2', 'web', 0], ['r2', 'dns', 0], ['r3', 'web', 1]]],
    ['one node × service in maintenance', [rec('r2', 'dns', 'maintenance')], [['r2', 'web', 3], ['r2', 'dns', 0], ['r3', 'web', 1]]],
    ['a pair set active overrides nothing it does not cover', [rec('r3', 'web', 'drain'), rec('r2', 'dns', 'drain')], [['r2', 'web', 3], ['r2', 'dns', 0], ['r3', 'web', 0]]],
  ])('%s', (_, states, want) => {
    const out = withAdminStates(model, states);
    const w = (n: string, s: string) => out.weights.find((x) => x.node === n && x.service === s)?.weight;
    expect(want.map(([n, s]) => [n, s, w(n, s)])).toEqual(want);
    expect(model.weights[0]!.weight).toBe(3); // the saved model itself is untouched
  });

  it('a node × service row wins over the node row', () => {
    const states = [rec('r2', null, 'drain'), rec('r2', 'web', 'maintenance')];
    expect(effectiveState(states, 'r2', 'web')?.state).toBe('maintenance');
    expect(effectiveState(states, 'r2', 'dns')?.state).toBe('drain');
    expect(effectiveState(states, 'r3', 'web')).toBeNull();
  });

  it.each<[string, AdminStateRecord[], string | undefined, boolean]>([
    ['maintenance silences its server', [rec('r2', null, 'maintenance')], 'web', true],
    ['drain does not', [rec('r2', null, 'drain')], 'web', false],
    ['another service in maintenance does not', [rec('r2', 'dns', 'maintenance')], 'web', false],
    ['an unresolved service: only a node-wide maintenance', [rec('r2', 'dns', 'maintenance')], undefined, false],
  ])('isSilenced: %s', (_, states, svc, want) => {
    expect(isSilenced(states, 'r2', svc)).toBe(want);
  });
});

describe('drainCounts and drainVerdict', () => {
  const since = Date.parse('2026-12-03T10:00:00Z');
  const director = (polledAt: string | null, rows: Array<[string, string, number, number, number | null]>): LiveNode => ({
    node: 'd1', name: 'd1', address: '10.10.0.11', state: polledAt ? 'up' : 'unknown', polledAt, lastSeen: polledAt, ipvsLoaded: true, drift: [], savedVersion: 1,
    services: [...new Set(rows.map((r) => r[0]))].map((key) => ({
      key, protocol: key.startsWith('udp') ? 'udp' : 'tcp', vip: '10.10.0.100', port: Number(key.split(':')[1]), fwmark: null, scheduler: 'wlc', flags: [], persistence: null, conns: 0, cps: 0,
      realServers: rows.filter((r) => r[0] === key).map(([, address, a, i, p]) => ({ address, port: 80, forward: 'dr' as const, weight: 0, activeConn: a, inactConn: i, persistConn: p, conns: 0, cps: 0 })),
    })),
  });
  const after = '2026-12-03T10:00:05.000Z';

  it.each<[string, LiveNode[], 'r2-all' | 'r2-web', { active: number; inactive: number; persistent: number } | null]>([
    ['sums its rows over every service it serves', [director(after, [['tcp 10.10.0.100:80', '10.10.0.12', 2, 1, 1], ['udp 10.10.0.100:53', '10.10.0.12', 0, 4, null], ['tcp 10.10.0.100:80', '10.10.0.13', 9, 9, 9]])], 'r2-all', { active: 2, inactive: 5, persistent: 1 }],
    ['a per-service drain counts that service only', [director(after, [['tcp 10.10.0.100:80', '10.10.0.12', 2, 1, 0], ['udp 10.10.0.100:53', '10.10.0.12', 0, 4, null]])], 'r2-web', { active: 2, inactive: 1, persistent: 0 }],
    ['a director not read since the drain: unknown', [director('2026-12-03T09:59:59.000Z', [])], 'r2-all', null],
    ['a director that does not answer: unknown', [director(null, [])], 'r2-all', null],
  ])('%s', (_, directors, which, want) => {
    expect(drainCounts(model, { node: 'r2', service: which === 'r2-web' ? 'web' : null }, directors, since)).toEqual(want);
  });

  it.each<[string, { active: number; inactive: number; persistent: number } | null, string | null, number, unknown]>([
    ['all zero: done, idle', { active: 0, inactive: 0, persistent: 0 }, null, since, { done: true, outcome: 'idle' }],
    ['a persistence template left: not yet', { active: 0, inactive: 0, persistent: 1 }, null, since, { done: false }],
    ['unknown counts before the deadline: not yet', null, '2026-12-03T10:05:00Z', since, { done: false }],
    ['the deadline ends it whatever is left', { active: 3, inactive: 0, persistent: 0 }, '2026-12-03T10:05:00Z', Date.parse('2026-12-03T10:05:00Z'), { done: true, outcome: 'deadline' }],
  ])('drainVerdict: %s', (_, counts, deadlineAt, now, want) => {
    expect(drainVerdict({ deadlineAt }, counts, now)).toEqual(want);
  });
});
