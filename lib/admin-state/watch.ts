/**
 * The drain watch: while a drain is open, the directors are polled always-on (holder "drain") and
 * each poll's counts decide whether the drained server is idle (ActiveConn, InActConn and
 * persistence templates all 0 on every director) or its deadline has passed. Then drain-done is
 * recorded once, with what was left. Runs in the console process from start-up, like the health
 * supervisor; reads only what the one loop per node already polled. With no drain open it does not
 * read the table every second: a change to the rows wakes it (and a slow pass catches anything else).
 */
import type { ClusterModel } from '../cluster/model';
import { recordConsoleEvent } from '../events/store';
import { loadModel } from '../queries/model';
import type { Poller } from '../monitor/poller';
import { alwaysOnHolds } from '../monitor/always-on';
import { drainCounts, drainVerdict } from './apply';
import { listAdminStates, markDrained, onAdminStateChange } from './store';
import type { AdminStateRecord } from './types';

const HOLDER = 'drain';

export interface DrainWatchDeps {
  listOpen(): Promise<AdminStateRecord[]>;
  model(): Promise<ClusterModel>;
  finish(d: AdminStateRecord, outcome: 'idle' | 'deadline', left: Record<string, number> | null): Promise<void>;
  now(): number;
  /** Calls fn after each change to the admin-state rows; returns the unsubscribe. */
  subscribe(fn: () => void): () => void;
}

const defaultDeps: DrainWatchDeps = {
  listOpen: async () => (await listAdminStates()).filter((s) => s.state === 'drain' && s.drainedAt === null),
  model: loadModel,
  async finish(d, outcome, left) {
    if (!(await markDrained(d, outcome))) return;
    await recordConsoleEvent({ kind: 'drain-done', node: d.node, realServer: d.node, ...(d.service ? { service: d.service } : {}), detail: { outcome, ...(left ?? {}), since: d.since } });
  },
  now: () => Date.now(),
  subscribe: onAdminStateChange,
};

/** With no drain open: how long between passes when nothing wakes the watch. */
export const IDLE_PASS_MS = 60_000;

/** One pass: every open drain judged on the directors' latest polls. Exported for tests. */
export async function checkDrains(poller: Poller, deps: DrainWatchDeps, open: AdminStateRecord[]): Promise<void> {
  if (!open.length) return;
  const model = await deps.model();
  const directorIds = new Set(model.masterPriority.nodes);
  // The directors that answer and hold a table; a dead standby does not keep a drain open (nor can
  // it be counted), and with none answering nothing is known: wait, up to the deadline.
  const directors = poller.snapshot().nodes.filter((n) => directorIds.has(n.node) && n.state === 'up' && n.services.length > 0);
  for (const d of open) {
    const counts = directors.length ? drainCounts(model, d, directors, Date.parse(d.since)) : null;
    const verdict = drainVerdict(d, counts, deps.now());
    if (verdict.done) await deps.finish(d, verdict.outcome, counts ? { active: counts.active, inactive: counts.inactive, persistent: counts.persistent } : null);
  }
}

export function superviseDrains(poller: Poller, opts: { refreshMs?: number; idleMs?: number; deps?: DrainWatchDeps } = {}): () => void {
  const deps = opts.deps ?? defaultDeps;
  const holds = alwaysOnHolds(poller, HOLDER);
  let stopped = false;
  let busy = false;
  let again = false; // a wake that came during a pass: pass once more right after
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void tick(), ms);
    timer.unref?.();
  };
  const tick = async () => {
    if (stopped) return;
    if (busy) { again = true; return; }
    busy = true;
    let idle = false;
    try {
      const open = await deps.listOpen();
      holds.hold(new Set(open.length ? (await deps.model()).masterPriority.nodes : []));
      await checkDrains(poller, deps, open);
      idle = open.length === 0;
    } catch (e) {
      console.error(`drain watch: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      busy = false;
    }
    if (again) { again = false; schedule(0); return; }
    // An open drain (or a pass that failed) is looked at again soon; with none, only when woken.
    schedule(idle ? (opts.idleMs ?? IDLE_PASS_MS) : (opts.refreshMs ?? 1_000));
  };
  const unsubscribe = deps.subscribe(() => void tick());
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    holds.releaseAll();
  };
}
