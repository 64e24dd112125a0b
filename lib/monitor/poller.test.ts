import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SshError } from '../ssh/errors';
import type { VirtualServiceSpec } from '../ipvs/types';
import { fakeConnTable, fakePollOutput, type FakeService } from './__fixtures__/fake-node';
import { createPoller, type PollTarget } from './poller';
import type { LiveNode } from '../wire';

const TARGETS: PollTarget[] = [
  { nodeId: 'n1', name: 'lab1', address: '10.10.0.11' },
  { nodeId: 'n2', name: 'lab2', address: '10.10.0.12' },
  { nodeId: 'n3', name: 'lab3', address: '10.10.0.13' },
];

const table = (w2: number, active = 1): FakeService[] => [{
  vip: '10.10.0.100', port: 80, scheduler: 'wlc',
  realServers: [
    { address: '10.10.0.12', port: 80, weight: w2, active, inact: 4, conns: 40, cps: 3 },
    { address: '10.10.0.13', port: 80, weight: 1, active: 0, inact: 2, conns: 12, cps: 1 },
  ],
}];

const desiredTable = (w2: number): VirtualServiceSpec[] => [{
  protocol: 'tcp', vip: '10.10.0.100', port: 80, fwmark: null, scheduler: 'wlc', flags: [], persistence: null,
  realServers: [
    { address: '10.10.0.12', port: 80, forward: 'dr', tunnelType: null, weight: w2, upperThreshold: 0, lowerThreshold: 0 },
    { address: '10.10.0.13', port: 80, forward: 'dr', tunnelType: null, weight: 1, upperThreshold: 0, lowerThreshold: 0 },
  ],
}];

/** A cluster of fake nodes: lab1 holds the table, the others an empty one; `down` nodes refuse. */
function fakeCluster() {
  const down = new Set<string>();
  const scripts: string[] = [];
  let weight = 3;
  const exec = vi.fn(async (t: PollTarget, script: string) => {
    scripts.push(script);
    await new Promise((r) => setTimeout(r, 50)); // a round trip takes time
    if (down.has(t.name)) throw new SshError('unreachable', { host: t.address });
    const conns = script.includes('ip_vs_conn') ? fakeConnTable(5) : undefined;
    return { code: 0, stdout: fakePollOutput(t.name === 'lab1' ? table(weight) : [], { connections: conns }), stderr: '' };
  });
  return { exec, down, scripts, setWeight: (w: number) => (weight = w) };
}

function poller(c: ReturnType<typeof fakeCluster>, extra: Partial<Parameters<typeof createPoller<PollTarget>>[0]> = {}) {
  return createPoller<PollTarget>({ exec: c.exec, loadTargets: async () => TARGETS, intervalMs: 1_000, idleMs: 10_000, ...extra });
}

/** touch() waits for the first round of polls, which run on the fake clock. */
async function touch(p: ReturnType<typeof createPoller<PollTarget>>) {
  const done = p.touch();
  await vi.advanceTimersByTimeAsync(200);
  await done;
}

beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-22T00:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('createPoller', () => {
  it('polls each node once per interval whatever the number of viewers', async () => {
    const counts: number[] = [];
    for (const viewers of [1, 10]) {
      const c = fakeCluster();
      const p = poller(c);
      const received: LiveNode[][] = Array.from({ length: viewers }, () => []);
      const subs = received.map((r) => p.subscribe((n) => r.push(n)));
      await vi.advanceTimersByTimeAsync(10_000);
      counts.push(p.stats().polls);
      expect(p.stats().maxConcurrentPerNode).toBe(1);
      expect(p.stats().pollsByNode).toEqual({ n1: expect.any(Number), n2: expect.any(Number), n3: expect.any(Number) });
      // every viewer got every result
      for (const r of received) expect(r.length).toBe(p.stats().polls);
      subs.forEach((u) => u());
      p.stop();
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeGreaterThanOrEqual(30); // 3 nodes × ~10 intervals
    expect(counts[0]).toBeLessThanOrEqual(33);
  });

  it('one loop per node even when readers, viewers and pollNow arrive together', async () => {
    const c = fakeCluster();
    const p = poller(c);
    await Promise.all([touch(p), touch(p), touch(p)]);
    const unsub = [p.subscribe(() => {}), p.subscribe(() => {})];
    const now = Promise.all([p.pollNow('n1'), p.pollNow('n1'), p.touch()]);
    await vi.advanceTimersByTimeAsync(500);
    await now;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(p.stats().maxConcurrentPerNode).toBe(1);
    expect(p.stats().loopsStarted).toBe(3);
    expect(p.stats().pollsByNode.n2).toBeLessThanOrEqual(7);
    unsub.forEach((u) => u());
    p.stop();
  });

  it('a node that stops answering turns unknown within two intervals: last seen kept, no services', async () => {
    const c = fakeCluster();
    const p = poller(c);
    await touch(p);
    await vi.advanceTimersByTimeAsync(3_000);
    const before = p.snapshot().nodes.find((n) => n.name === 'lab1')!;
    expect(before.state).toBe('up');
    expect(before.services[0].realServers.map((r) => [r.address, r.node, r.weight, r.conns, r.cps])).toEqual([
      ['10.10.0.12', 'lab2', 3, 40, 3],
      ['10.10.0.13', 'lab3', 1, 12, 1],
    ]);
    c.down.add('lab1');
    const stoppedAt = Date.now();
    await vi.advanceTimersByTimeAsync(2_000);
    const after = p.snapshot().nodes.find((n) => n.name === 'lab1')!;
    expect(after).toMatchObject({ state: 'unknown', services: [], drift: null, error: { code: 'unreachable' }, lastSeen: before.lastSeen === null ? null : expect.any(String) });
    expect(Date.parse(after.lastSeen!)).toBeLessThanOrEqual(stoppedAt);
    expect(p.metricsInput().find((m) => m.node === 'lab1')).toMatchObject({ up: false, sample: null });
    c.down.delete('lab1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(p.snapshot().nodes.find((n) => n.name === 'lab1')!.state).toBe('up');
    p.stop();
  });

  it('a hung node times out before the second interval', async () => {
    const exec = vi.fn((t: PollTarget) => (t.name === 'lab2' ? new Promise<never>(() => {}) : Promise.resolve({ code: 0, stdout: fakePollOutput([]), stderr: '' })));
    const p = createPoller<PollTarget>({ exec, loadTargets: async () => TARGETS, intervalMs: 1_000, idleMs: 10_000 });
    void p.touch();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(p.snapshot().nodes.find((n) => n.name === 'lab2')).toMatchObject({ state: 'unknown', error: { code: 'timeout' } });
    p.stop();
  });

  it('history is bounded and holds compact per real server points', async () => {
    const c = fakeCluster();
    const p = poller(c, { historyPoints: 5 });
    await touch(p);
    await vi.advanceTimersByTimeAsync(9_500);
    const series = p.history('n1', { address: '10.10.0.12', port: 80 })!;
    expect(series).toHaveLength(1);
    expect(series[0].service).toBe('tcp 10.10.0.100:80');
    expect(series[0].points).toHaveLength(5);
    expect(series[0].points[4]).toMatchObject({ activeConn: 1, inactConn: 4, cps: 3 });
    expect(series[0].points[0].t).toBeLessThan(series[0].points[4].t);
    expect(p.history('nope', {})).toBeNull();
    p.stop();
  });

  it('drift against the last saved table: none when equal, a changed weight within one poll', async () => {
    const c = fakeCluster();
    let version = 7;
    const p = poller(c, {
      loadDesired: async () => ({ version, ipvs: new Map([['n1', desiredTable(3)], ['n2', []]]) }),
      desiredVersion: async () => version,
    });
    await touch(p);
    const node = (name: string) => p.snapshot().nodes.find((n) => n.name === name)!;
    expect(node('lab1')).toMatchObject({ drift: [], savedVersion: 7 });
    expect(node('lab2').drift).toEqual([]);
    expect(node('lab3').drift).toBeNull(); // nothing saved for it
    c.setWeight(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(node('lab1').drift).toEqual([{
      kind: 'changed-real-server', service: 'tcp 10.10.0.100:80', realServer: '10.10.0.12:80', fields: ['weight'],
      desired: '-r 10.10.0.12:80 -g -w 3', live: '-r 10.10.0.12:80 -g -w 5',
    }]);
    c.setWeight(3);
    version = 8;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(node('lab1')).toMatchObject({ drift: [], savedVersion: 8 });
    p.stop();
  });

  it('does not judge drift while the node is being written', async () => {
    const c = fakeCluster();
    let writing = true;
    const p = poller(c, { loadDesired: async () => ({ version: 1, ipvs: new Map([['n1', desiredTable(3)]]) }), busy: (t) => writing && t.nodeId === 'n1' });
    c.setWeight(5);
    await touch(p);
    expect(p.snapshot().nodes.find((n) => n.name === 'lab1')).toMatchObject({ state: 'up', drift: null });
    writing = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(p.snapshot().nodes.find((n) => n.name === 'lab1')!.drift).toHaveLength(1);
    p.stop();
  });

  it('reads the connection table only while someone looks at it', async () => {
    const c = fakeCluster();
    const p = poller(c, { connectionsHoldMs: 3_000 });
    await touch(p);
    expect(c.scripts.some((s) => s.includes('ip_vs_conn'))).toBe(false);
    const pending = p.connections('n1');
    await vi.advanceTimersByTimeAsync(1_000);
    const got = await pending;
    expect(got?.list).toHaveLength(5);
    const n = c.scripts.length;
    await vi.advanceTimersByTimeAsync(3_000);
    await vi.advanceTimersByTimeAsync(3_000);
    const later = c.scripts.slice(n + 9);
    expect(later.length).toBeGreaterThan(0);
    expect(later.some((s) => s.includes('ip_vs_conn'))).toBe(false);
    p.stop();
  });

  it('stops without interest and starts again on demand; follows the node list', async () => {
    const c = fakeCluster();
    let targets = TARGETS.slice(0, 2);
    const p = createPoller<PollTarget>({ exec: c.exec, loadTargets: async () => targets, intervalMs: 1_000, idleMs: 3_000, targetsRefreshMs: 2_000 });
    await touch(p);
    targets = TARGETS;
    await vi.advanceTimersByTimeAsync(2_100);
    expect(p.snapshot().nodes.map((n) => n.name)).toEqual(['lab1', 'lab2', 'lab3']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(p.stats().running).toBe(false);
    const polls = p.stats().polls;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(p.stats().polls).toBe(polls);
    // an idle monitor never shows the old table as current
    expect(p.snapshot().nodes.every((n) => n.state === 'unknown' && n.services.length === 0)).toBe(true);
    await touch(p);
    expect(p.stats().running).toBe(true);
    expect(p.snapshot().nodes.find((n) => n.name === 'lab1')!.state).toBe('up');
    p.stop();
  });

  it('keeps a node held always-on polled without viewers, the others resting, until it is released', async () => {
    const c = fakeCluster();
    const p = createPoller<PollTarget>({ exec: c.exec, loadTargets: async () => TARGETS, intervalMs: 1_000, idleMs: 3_000, targetsRefreshMs: 2_000 });
    const release = p.holdAlwaysOn('n2', 'health');
    await vi.advanceTimersByTimeAsync(10_000);
    const byNode = p.stats().pollsByNode;
    expect(byNode.n2).toBeGreaterThanOrEqual(9);
    expect(byNode.n1 ?? 0).toBeLessThanOrEqual(1);
    expect(p.stats().running).toBe(true);
    expect(p.stats().maxConcurrentPerNode).toBe(1);
    // a viewer wakes the rest; when it leaves and the idle time passes, only the held node goes on
    const unsubscribe = p.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(p.stats().activeLoops).toBe(3);
    unsubscribe();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(p.stats().activeLoops).toBe(1);
    expect(p.snapshot().nodes.find((n) => n.name === 'lab2')!.state).toBe('up');
    release();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(p.stats().running).toBe(false);
    const polls = p.stats().polls;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(p.stats().polls).toBe(polls);
    p.stop();
  });
});
