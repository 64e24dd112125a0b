/**
 * The live view's poller: the supervisor of ONE self-rescheduling loop per node (node-loop.ts),
 * whatever the number of viewers. Viewers subscribe and receive every new per-node result
 * (fan-out); API and metrics readers `touch()` it. Loops run while anyone is interested and rest
 * after `idleMs` without interest; the next reader starts them again. A node held always-on
 * (`holdAlwaysOn`, for health checks and failover) is polled whether or not anyone watches.
 * Everything outside (SSH, the database, the clock) is injected, so tests drive it with a fake
 * executor and fake timers.
 */
import type { Connection } from '../ipvs/parse-conn';
import type { NodeMetricsInput } from '../ipvs/metrics';
import type { HistorySeries, LiveNode, LiveSnapshot } from '../wire';
import { DesiredCache } from './desired-cache';
import { NodeLoop, type LoopHost } from './node-loop';
import type { PollTarget, PollerOptions, PollerStats } from './poller-options';

export type { PollTarget, PollerOptions, PollerStats } from './poller-options';

export type Poller = ReturnType<typeof createPoller>;

export function createPoller<T extends PollTarget>(opts: PollerOptions<T>) {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? 2_000;
  const timeoutMs = Math.min(opts.timeoutMs ?? Math.max(1_000, Math.round(intervalMs * 0.9)), 2 * intervalMs - 100);
  const idleMs = opts.idleMs ?? 60_000;
  const targetsRefreshMs = opts.targetsRefreshMs ?? 15_000;
  const connectionsHoldMs = opts.connectionsHoldMs ?? Math.max(10_000, 3 * intervalMs);

  const loops = new Map<string, NodeLoop<T>>();
  const subscribers = new Set<(n: LiveNode) => void>();
  const alwaysOn = new Map<string, Set<string>>(); // node id -> who holds it (health, failover)
  const stats: PollerStats = { polls: 0, failures: 0, pollsByNode: {}, loopsStarted: 0, activeLoops: 0, maxConcurrentPerNode: 0, subscribers: 0, running: false };
  let nameByAddress = new Map<string, string>();
  let lastTouch = -Infinity;
  let running = false;
  let starting: Promise<void> | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  const watched = () => subscribers.size > 0 || now() - lastTouch < idleMs;
  const interested = () => watched() || alwaysOn.size > 0;
  const countActive = () => (stats.activeLoops = [...loops.values()].filter((l) => !l.stopped).length);

  const host: LoopHost<T> = {
    opts, now, intervalMs, timeoutMs, stats,
    historyPoints: opts.historyPoints ?? Math.max(1_800, Math.ceil(3_600_000 / intervalMs)),
    desired: new DesiredCache(opts.loadDesired, opts.desiredVersion, now, intervalMs / 2),
    inFlight: new Map(),
    nameByAddress: () => nameByAddress,
    isListed: (loop) => loops.get(loop.target.nodeId) === loop,
    isCurrent: (loop) => running && !loop.stopped && loops.get(loop.target.nodeId) === loop,
    wanted: (loop) => watched() || alwaysOn.has(loop.target.nodeId),
    idle(loop) {
      if (!interested()) return stopLoops();
      loop.stop(); // others still want their nodes: only this one rests
      countActive();
    },
    publish(node) {
      for (const fn of subscribers) {
        try {
          fn(node);
        } catch {
          // A broken viewer must not stop the loop or the other viewers.
        }
      }
    },
  };

  /** Starts every resting loop that someone wants polled. */
  function wakeLoops(): void {
    if (!running) return;
    for (const loop of loops.values()) if (host.wanted(loop) && loop.start()) stats.loopsStarted++;
    countActive();
  }

  async function refreshTargets(): Promise<void> {
    let targets: T[];
    try {
      targets = await opts.loadTargets();
    } catch {
      return; // keep polling the nodes we know; the next refresh tries again
    }
    nameByAddress = new Map(targets.map((t) => [t.address, t.name]));
    const seen = new Set(targets.map((t) => t.nodeId));
    for (const t of targets) {
      const loop = loops.get(t.nodeId);
      if (loop) loop.target = t; // new credentials or address: the pool reconnects on its own
      else loops.set(t.nodeId, new NodeLoop(t, host));
    }
    for (const [id, loop] of loops) {
      if (seen.has(id)) continue;
      loop.stop();
      loops.delete(id);
    }
    wakeLoops();
  }

  function stopLoops(): void {
    running = false;
    starting = null;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
    for (const loop of loops.values()) loop.stop();
    stats.activeLoops = 0;
  }

  function scheduleRefresh(): void {
    refreshTimer = setTimeout(async () => {
      if (!running) return;
      if (!interested()) return stopLoops();
      await refreshTargets();
      if (running) scheduleRefresh();
    }, targetsRefreshMs);
  }

  /** Starts the loops if they are not running; resolves once the first round has answered (bounded). */
  function ensureRunning(): Promise<void> {
    if (running && starting) {
      wakeLoops();
      return starting;
    }
    running = true;
    starting = (async () => {
      await refreshTargets();
      scheduleRefresh();
      const first = [...loops.values()].map((l) => l.inFlight).filter((p): p is Promise<void> => p !== null);
      await Promise.race([Promise.allSettled(first), new Promise((r) => setTimeout(r, timeoutMs + 200))]);
    })();
    return starting;
  }

  return {
    intervalMs,
    timeoutMs,
    /** A viewer: gets every new per-node result until it unsubscribes. Never adds polls. */
    subscribe(fn: (n: LiveNode) => void): () => void {
      subscribers.add(fn);
      void ensureRunning();
      return () => {
        subscribers.delete(fn);
        lastTouch = now(); // a viewer that just left keeps the loops warm for a reload
      };
    },
    /** An API or metrics reader: keeps the loops running for `idleMs`. */
    async touch(): Promise<void> {
      lastTouch = now();
      await ensureRunning();
    },
    /** Keeps one node polled without viewers until the returned release is called (once per holder). */
    holdAlwaysOn(nodeId: string, holder: string): () => void {
      const holders = alwaysOn.get(nodeId) ?? new Set<string>();
      holders.add(holder);
      alwaysOn.set(nodeId, holders);
      void ensureRunning();
      return () => {
        holders.delete(holder);
        if (holders.size === 0 && alwaysOn.get(nodeId) === holders) alwaysOn.delete(nodeId);
      };
    },
    snapshot(): LiveSnapshot {
      return { intervalMs, nodes: [...loops.values()].map((l) => l.present()) };
    },
    history(nodeId: string, filter: { address?: string; port?: number; service?: string }, since = 0): HistorySeries[] | null {
      return loops.get(nodeId)?.history.series(filter, since) ?? null;
    },
    /** The node's connection table; asks the loop to read it for a while and waits for the next poll if needed. */
    async connections(nodeId: string): Promise<{ polledAt: string; list: Connection[] } | null> {
      return (await loops.get(nodeId)?.connections(connectionsHoldMs)) ?? null;
    },
    metricsInput(): NodeMetricsInput[] {
      return [...loops.values()].map((l) => l.metricsInput());
    },
    /** Poll one node now (after a re-apply), without adding a second loop. */
    async pollNow(nodeId: string): Promise<void> {
      host.desired.invalidate();
      await loops.get(nodeId)?.pollNow();
    },
    nodeName(nodeId: string): string | null {
      return loops.get(nodeId)?.target.name ?? null;
    },
    stats(): PollerStats {
      return { ...stats, pollsByNode: { ...stats.pollsByNode }, subscribers: subscribers.size, running };
    },
    stop(): void {
      subscribers.clear();
      alwaysOn.clear();
      lastTouch = -Infinity;
      stopLoops();
    },
  };
}
