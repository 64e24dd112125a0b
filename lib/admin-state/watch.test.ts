import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import type { Poller } from '../monitor/poller';
import type { AdminStateRecord } from './types';
import { superviseDrains, type DrainWatchDeps } from './watch';

const drain: AdminStateRecord = { node: 'web1', service: null, state: 'drain', since: '2026-12-03T00:00:00.000Z', deadlineAt: '2099-01-01T00:00:00.000Z', drainedAt: null, outcome: null, actor: 'admin' };
const model = { masterPriority: { nodes: ['lb1'], preempt: true } } as unknown as ClusterModel;
const poller = { holdAlwaysOn: () => () => {}, snapshot: () => ({ nodes: [] }) } as unknown as Poller;

function fakeDeps(open: () => AdminStateRecord[]) {
  let wake: () => void = () => {};
  let reads = 0;
  const deps: DrainWatchDeps = {
    listOpen: async () => { reads++; return open(); },
    model: async () => model,
    finish: async () => {},
    now: () => Date.now(),
    subscribe: (fn) => { wake = fn; return () => { wake = () => {}; }; },
  };
  return { deps, reads: () => reads, wake: () => wake() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the drain watch', () => {
  it('with no drain open it reads the table once, then only when a change wakes it', async () => {
    const f = fakeDeps(() => []);
    const stop = superviseDrains(poller, { refreshMs: 10, idleMs: 60_000, deps: f.deps });
    await sleep(100);
    expect(f.reads()).toBe(1);
    f.wake();
    await expect.poll(f.reads).toBe(2);
    await sleep(100);
    expect(f.reads()).toBe(2);
    stop();
  });

  it('with a drain open it looks every refresh, and stops when told', async () => {
    let open = [drain];
    const f = fakeDeps(() => open);
    const stop = superviseDrains(poller, { refreshMs: 10, idleMs: 60_000, deps: f.deps });
    await expect.poll(f.reads).toBeGreaterThan(4);
    open = [];
    await sleep(50);
    const settled = f.reads();
    await sleep(100);
    expect(f.reads()).toBe(settled); // the drain is gone: idle again
    stop();
    f.wake();
    await sleep(30);
    expect(f.reads()).toBe(settled);
  });
});
