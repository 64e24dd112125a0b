/**
 * The split-brain alarm: after every poll of a node, the VIP holders are judged on the latest
 * answers of all candidates (liveVips); a VIP held by two candidates records one `split-brain`
 * event (and so its alerts) when the episode starts, and none again until it has ended. Starts
 * with the console, like the health and drain supervisors; adds no polls.
 *
 * The candidates are polled one by one, so during a takeover the old holder's last answer can
 * predate the new holder's: both "hold" the VIP in the snapshot without ever holding it at once.
 * An episode therefore starts only when every holder has answered again since two were first
 * seen and still holds it: a real split brain lasts, a takeover seen out of step does not.
 */
import type { ClusterModel } from '../cluster/model';
import { recordConsoleEvent } from '../events/store';
import { loadModel } from '../queries/model';
import type { LiveVip } from '../wire';
import type { Poller } from './poller';
import { liveVips } from './vips';

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

export interface SplitBrainWatch {
  open: Set<string>; // VIPs in a confirmed episode (alarmed once)
  pending: Map<string, Record<string, string | null>>; // VIP → each holder's polledAt when two were first seen
}
export const noSplitBrain = (): SplitBrainWatch => ({ open: new Set(), pending: new Map() });

const holdersOf = (v: LiveVip) => Object.entries(v.states).filter(([, s]) => s === 'master').map(([id]) => id);

/** Pure: the VIPs whose split brain starts now, given the watch so far and each node's last poll time. */
export function splitBrainStarts(vips: readonly LiveVip[], polledAt: ReadonlyMap<string, string | null>, prev: SplitBrainWatch): { starts: LiveVip[]; watch: SplitBrainWatch } {
  const watch = noSplitBrain();
  const starts: LiveVip[] = [];
  for (const v of vips) {
    if (!v.splitBrain) continue;
    if (prev.open.has(v.vip)) { watch.open.add(v.vip); continue; }
    const holders = holdersOf(v);
    const first = prev.pending.get(v.vip);
    const answeredAgain = first !== undefined && holders.every((id) => id in first && (polledAt.get(id) ?? null) !== first[id]);
    if (answeredAgain) {
      watch.open.add(v.vip);
      starts.push(v);
    } else {
      // Kept from the first sighting for holders seen then; a new holder starts its own wait.
      watch.pending.set(v.vip, Object.fromEntries(holders.map((id) => [id, first && id in first ? first[id]! : polledAt.get(id) ?? null])));
    }
  }
  return { starts, watch };
}

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
