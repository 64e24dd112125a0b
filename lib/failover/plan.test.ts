import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import type { LiveVip } from '../wire';
import { planSwitchover, setTrackFileScript } from './plan';

const model = (preempt = true, failover = true): ClusterModel => ({
  services: [], nodes: [], nodeGroups: [], weights: [], checkOverrides: [],
  virtualNodes: [{ id: 'v', name: 'www', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: [], nodeGroup: 'g' }],
  masterPriority: { nodes: ['lb1', 'lb2', 'lb3'], preempt, failover: failover ? { advertIntervalMs: 100, virtualRouterId: 51, syncConnections: true, syncInterface: null } : null },
});
const vips = (states: LiveVip['states'], holder: string | null = 'lb1', splitBrain = false): LiveVip[] =>
  [{ vip: '10.10.0.100', virtualNode: 'v', holder, since: null, states, splitBrain }];
const ok = { lb1: 'master', lb2: 'backup', lb3: 'backup' } as const;

describe('planSwitchover', () => {
  it('raises the target to 250 (second: +60, third: +70), others to 0; preempt moves it without a yield', () => {
    expect(planSwitchover(model(), vips(ok), { virtualNode: 'v', to: 'lb2' })).toEqual({
      vip: '10.10.0.100', from: 'lb1', to: 'lb2',
      boosts: [{ node: 'lb1', value: 0 }, { node: 'lb3', value: 0 }, { node: 'lb2', value: 60 }], yieldFrom: null,
    });
    expect(planSwitchover(model(), vips(ok), { virtualNode: 'v', to: 'lb3' })!.boosts.at(-1)).toEqual({ node: 'lb3', value: 70 });
  });
  it('under nopreempt the holder yields until the target holds the VIP', () => {
    expect(planSwitchover(model(false), vips(ok), { virtualNode: 'v', to: 'lb2' })!.yieldFrom).toBe('lb1');
  });
  it('switching to the holder changes nothing', () => {
    expect(planSwitchover(model(), vips(ok), { virtualNode: 'v', to: 'lb1' })).toBeNull();
  });
  it.each<[string, ClusterModel, LiveVip[] | undefined, { virtualNode: string; to: string }, RegExp]>([
    ['failover off', model(true, false), undefined, { virtualNode: 'v', to: 'lb2' }, /failover is off/],
    ['an unknown virtual node', model(), vips(ok), { virtualNode: 'x', to: 'lb2' }, /virtual node not found/],
    ['a target that is not a candidate', model(), vips(ok), { virtualNode: 'v', to: 'web1' }, /invalid input/],
    ['a target that does not answer', model(), vips({ ...ok, lb2: 'unknown' }), { virtualNode: 'v', to: 'lb2' }, /the target is unknown/],
    ['a target in fault', model(), vips({ ...ok, lb2: 'fault' }), { virtualNode: 'v', to: 'lb2' }, /the target is fault/],
    ['a split brain', model(), vips({ ...ok, lb2: 'master' }, 'lb1', true), { virtualNode: 'v', to: 'lb3' }, /split brain/],
  ])('refuses %s', (_label, m, v, req, message) => {
    expect(() => planSwitchover(m, v, req)).toThrow(message);
  });
  it('writes whole integers only, into its own files', () => {
    expect(setTrackFileScript('/run/lvs-console/boost', 60)).toBe("printf '%s\\n' 60 > /run/lvs-console/boost.new && mv -f /run/lvs-console/boost.new /run/lvs-console/boost\n");
    expect(() => setTrackFileScript('/run/lvs-console/boost', 1.5)).toThrow();
    expect(() => setTrackFileScript('/etc/passwd', 1)).toThrow();
  });
});
