/**
 * The split-brain alarm: after every poll of a node, the VIP holders are judged on the latest
 * answers of all candidates (liveVips); a VIP held by two candidates records one `split-brain`
 * event (and so its alerts) when the episode starts, and none again until it has ended. Starts
 * with the console, like the health and drain supervisors; adds no polls.
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
    const holders = Object.entries(v.states).filter(([, s]) => s === 'master').map(([id]) => id);
    await recordConsoleEvent({ kind: 'split-brain', node: v.holder ?? holders[0] ?? '', detail: { vip: v.vip, holders: holders.join(',') } });
  },
};

/** Pure: the VIPs whose split brain starts now, given the ones already in one. */
export function splitBrainStarts(vips: readonly LiveVip[], open: ReadonlySet<string>): { starts: LiveVip[]; open: Set<string> } {
  const now = new Set(vips.filter((v) => v.splitBrain).map((v) => v.vip));
  return { starts: vips.filter((v) => v.splitBrain && !open.has(v.vip)), open: now };
}

export function superviseSplitBrain(poller: Poller, opts: { modelMs?: number; deps?: SplitBrainDeps } = {}): () => void {
  const deps = opts.deps ?? defaultDeps;
  let open = new Set<string>();
  let model: Awaited<ReturnType<SplitBrainDeps['model']>> | null = null;
  let loadedAt = 0;
  let busy = false;
  const judge = async () => {
    if (busy) return;
    busy = true;
    try {
      if (!model || Date.now() - loadedAt > (opts.modelMs ?? 10_000)) { model = await deps.model(); loadedAt = Date.now(); }
      const vips = liveVips(model, poller.snapshot().nodes) ?? [];
      const r = splitBrainStarts(vips, open);
      open = r.open;
      for (const v of r.starts) await deps.record(v);
    } catch (e) {
      console.error(`split-brain watch: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      busy = false;
    }
  };
  return poller.subscribe(() => void judge());
}
