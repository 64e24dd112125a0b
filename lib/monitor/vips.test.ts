import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import type { LiveNode } from '../wire';
import { liveVips } from './vips';

const model = (failover = true): Pick<ClusterModel, 'virtualNodes' | 'masterPriority'> => ({
  virtualNodes: [{ id: 'v', name: 'www', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: [], nodeGroup: 'g' }],
  masterPriority: { nodes: ['lb1', 'lb2'], preempt: true, failover: failover ? { advertIntervalMs: 100, virtualRouterId: 51, syncConnections: true, syncInterface: null } : null },
});
const T = '2026-12-03T10:00:00.000Z';
const up = (node: string, held: string[], state: 'master' | 'backup' | 'fault' | null, running = true): Pick<LiveNode, 'node' | 'state' | 'vrrp'> =>
  ({ node, state: 'up', vrrp: { running, held, states: state ? [{ vips: ['10.10.0.100'], state, since: T }] : [] } });
const down = (node: string): Pick<LiveNode, 'node' | 'state' | 'vrrp'> => ({ node, state: 'unknown' });

describe('liveVips: who holds each VIP, read from the candidates', () => {
  it.each<[string, Pick<LiveNode, 'node' | 'state' | 'vrrp'>[], string | null, Record<string, string>, boolean]>([
    ['lb1 master, lb2 backup', [up('lb1', ['10.10.0.100'], 'master'), up('lb2', [], 'backup')], 'lb1', { lb1: 'master', lb2: 'backup' }, false],
    ['lb1 gone: unknown, never its last state; lb2 took over', [down('lb1'), up('lb2', ['10.10.0.100'], 'master')], 'lb2', { lb1: 'unknown', lb2: 'master' }, false],
    ['both hold it: split brain', [up('lb1', ['10.10.0.100'], 'master'), up('lb2', ['10.10.0.100'], 'master')], 'lb1', { lb1: 'master', lb2: 'master' }, true],
    ['nobody holds it', [up('lb1', [], 'fault'), up('lb2', [], 'backup')], null, { lb1: 'fault', lb2: 'backup' }, false],
    ['keepalived dead on a live node: fault, whatever its file says', [up('lb1', [], 'master', false), up('lb2', ['10.10.0.100'], 'master')], 'lb2', { lb1: 'fault', lb2: 'master' }, false],
    ['a record says master but the VIP is not there: not the holder', [up('lb1', [], 'master'), up('lb2', [], 'backup')], null, { lb1: 'unknown', lb2: 'backup' }, false],
    ['running, no record yet (keepalived starts in BACKUP and reports transitions only): backup', [up('lb1', ['10.10.0.100'], null), up('lb2', [], null)], 'lb1', { lb1: 'master', lb2: 'backup' }, false],
  ])('%s', (_label, nodes, holder, states, splitBrain) => {
    const [v] = liveVips(model(), nodes)!;
    expect(v).toMatchObject({ vip: '10.10.0.100', virtualNode: 'v', holder, states, splitBrain });
  });
  it('the holder\'s since is its master transition; without failover there is no VIP list', () => {
    expect(liveVips(model(), [up('lb1', ['10.10.0.100'], 'master')])![0]!.since).toBe(T);
    expect(liveVips(model(false), [])).toBeUndefined();
  });
});

describe('splitBrainStarts: one alarm per episode', () => {
  const vip = (splitBrain: boolean) => ({ vip: '10.10.0.100', virtualNode: 'v', holder: 'lb1', since: null, states: {}, splitBrain });
  it('starts once, stays quiet while it lasts, and again after it ended', async () => {
    const { splitBrainStarts } = await import('./split-brain');
    let r = splitBrainStarts([vip(true)], new Set());
    expect(r.starts).toHaveLength(1);
    r = splitBrainStarts([vip(true)], r.open);
    expect(r.starts).toHaveLength(0);
    r = splitBrainStarts([vip(false)], r.open);
    expect([r.starts.length, r.open.size]).toEqual([0, 0]);
    expect(splitBrainStarts([vip(true)], r.open).starts).toHaveLength(1);
  });
});
