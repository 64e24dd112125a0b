/**
 * The supervisor that keeps watching nodes whose checks keepalived runs, whether or not anyone
 * has the live view open: their health and their event log (alerts) must not wait for a viewer.
 * Which nodes: those whose last applied state gives keepalived the table. Re-read every
 * `refreshMs`; a node that leaves keepalived mode is released. Viewers add no polls (one loop
 * per node either way).
 */
import { lastAppliedToNodes } from '../queries/versions';
import type { NodeDesiredState } from '../ipvs/types';
import type { Poller } from './poller';

const HOLDER = 'health';

/** Pure: the node ids that need always-on polling, from what was last applied to each node. */
export function watchedNodes(applied: ReadonlyMap<string, { desired: NodeDesiredState }>): Set<string> {
  return new Set([...applied].filter(([, a]) => a.desired.engine === 'keepalived').map(([id]) => id));
}

/** Holds exactly the nodes last asked for, always-on, under one holder name (health, drain…). */
export function alwaysOnHolds(poller: Poller, holder: string): { hold(want: ReadonlySet<string>): void; releaseAll(): void } {
  const releases = new Map<string, () => void>();
  return {
    hold(want) {
      for (const id of want) if (!releases.has(id)) releases.set(id, poller.holdAlwaysOn(id, holder));
      for (const [id, release] of releases) if (!want.has(id)) { release(); releases.delete(id); }
    },
    releaseAll() {
      for (const release of releases.values()) release();
      releases.clear();
    },
  };
}

export function superviseAlwaysOn(poller: Poller, opts: { refreshMs?: number; load?: typeof lastAppliedToNodes } = {}): () => void {
  const holds = alwaysOnHolds(poller, HOLDER);
  const load = opts.load ?? lastAppliedToNodes;
  let stopped = false;
  const refresh = async () => {
    try {
      const want = watchedNodes(await load());
      if (stopped) return;
      holds.hold(want);
    } catch (e) {
      console.error(`always-on monitoring: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), opts.refreshMs ?? 10_000);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
    holds.releaseAll();
  };
}
