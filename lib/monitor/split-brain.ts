/**
 * The split-brain alarm: after every poll of a node, the VIP holders are judged on the latest
 * answers of all candidates (liveVips); a VIP held by two candidates records one `split-brain`
 * event (and so its alerts) when the episode starts, and none again until it has ended. Starts
 * with the console, like the health and drain supervisors; adds no polls.
 * An episode starts only once it is confirmed (vips.ts: every holder answered again, still holding).
 */
import type { ClusterModel } from '../cluster/model';
import { recordConsoleEvent } from '../events/store';
import { loadModel } from '../queries/model';
import type { LiveVip } from '../wire';
import type { Poller } from './poller';
import { holdersOf, liveVips, noSplitBrain, splitBrainStarts } from './vips';

export interface SplitBrainDeps {
  model(): Promise<Pick<ClusterModel, 'virtualNodes' | 'masterPriority'>>;
  record(v: LiveVip): Promise<void>;
}

const defaultDeps: SplitBrainDeps = {
  model: loadModel,
  async record(v) {
    const holders = holdersOf(v);
    await recordConsoleEvent({ kind: 'split-brain', node: v.holder ?? holders[0] ?? '', detail: { vip: v.vip, holders: holders.join(',') } });
  },
};

export function superviseSplitBrain(poller: Poller, opts: { modelMs?: number; deps?: SplitBrainDeps } = {}): () => void {
  const deps = opts.deps ?? defaultDeps;
  let watch = noSplitBrain();
  let model: Awaited<ReturnType<SplitBrainDeps['model']>> | null = null;
  let loadedAt = 0;
  let busy = false;
  const judge = async () => {
    if (busy) return;
    busy = true;
    try {
      if (!model || Date.now() - loadedAt > (opts.modelMs ?? 10_000)) { model = await deps.model(); loadedAt = Date.now(); }
      const nodes = poller.snapshot().nodes;
      const vips = liveVips(model, nodes) ?? [];
      const r = splitBrainStarts(vips, new Map(nodes.map((n) => [n.node, n.polledAt])), watch);
      watch = r.watch;
      for (const v of r.starts) await deps.record(v);
    } catch (e) {
      console.error(`split-brain watch: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      busy = false;
    }
  };
  return poller.subscribe(() => void judge());
}
