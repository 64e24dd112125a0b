import { describe, expect, it } from 'vitest';
import type { NodeDesiredState } from '../ipvs/types';
import { superviseAlwaysOn, watchedNodes } from './always-on';
import type { Poller } from './poller';

const applied = (entries: [string, boolean][]) =>
  new Map(entries.map(([id, ka]) => [id, { desired: { nodeId: id, ...(ka ? { engine: 'keepalived' } : {}) } as NodeDesiredState }]));

describe('always-on supervision', () => {
  it('watches exactly the nodes whose table keepalived owns', () => {
    expect([...watchedNodes(applied([['lb1', true], ['web1', false]]))]).toEqual(['lb1']);
  });
  it('holds them, and releases a node that leaves keepalived mode', async () => {
    const held = new Set<string>();
    const poller = { holdAlwaysOn: (id: string) => { held.add(id); return () => held.delete(id); } } as unknown as Poller;
    let state = applied([['lb1', true], ['lb2', true]]);
    const stop = superviseAlwaysOn(poller, { refreshMs: 20, load: async () => state as never });
    await expect.poll(() => [...held].sort()).toEqual(['lb1', 'lb2']);
    state = applied([['lb1', true], ['lb2', false]]);
    await expect.poll(() => [...held]).toEqual(['lb1']);
    stop();
    expect(held.size).toBe(0);
  });
});
