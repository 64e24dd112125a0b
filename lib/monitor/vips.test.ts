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

describe('splitBrainStarts: one alarm per confirmed episode', () => {
  const both = { vip: '10.10.0.100', virtualNode: 'v', holder: 'lb1', since: null, states: { lb1: 'master', lb2: 'master' } as const, splitBrain: true };
  const one = { ...both, states: { lb1: 'master', lb2: 'backup' } as const, splitBrain: false };
  const at = (lb1: string, lb2: string) => new Map([['lb1', lb1], ['lb2', lb2]]);

  it('starts only once every holder has answered again still holding it; quiet while it lasts; again after it ended', async () => {
    const { splitBrainStarts, noSplitBrain } = await import('./vips');
    let r = splitBrainStarts([both], at('t1', 't1'), noSplitBrain());
    expect(r.starts).toHaveLength(0); // seen once: maybe a takeover seen out of step
    r = splitBrainStarts([both], at('t2', 't1'), r.watch);
    expect(r.starts).toHaveLength(0); // lb2 has not answered since
    r = splitBrainStarts([both], at('t2', 't2'), r.watch);
    expect(r.starts).toHaveLength(1);
    r = splitBrainStarts([both], at('t3', 't3'), r.watch);
    expect(r.starts).toHaveLength(0);
    r = splitBrainStarts([one], at('t4', 't4'), r.watch);
    expect([r.starts.length, r.watch.open.size, r.watch.pending.size]).toEqual([0, 0, 0]);
    r = splitBrainStarts([both], at('t5', 't5'), r.watch);
    expect(splitBrainStarts([both], at('t6', 't6'), r.watch).starts).toHaveLength(1);
  });

  it('a takeover seen out of step (the old holder\'s answer predates the new one\'s) is no alarm', async () => {
    const { splitBrainStarts, noSplitBrain } = await import('./vips');
    // lb1 came back and took the VIP at t2; lb2's last answer (t1) still shows it holding.
    let r = splitBrainStarts([both], at('t2', 't1'), noSplitBrain());
    r = splitBrainStarts([one], at('t2', 't2'), r.watch); // lb2 answers again: it let go
    expect([r.starts.length, r.watch.pending.size]).toEqual([0, 0]);
  });
});
