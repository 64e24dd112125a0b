/**
 * The live view's poller: ONE self-rescheduling loop per node, whatever the number of viewers.
 * Viewers subscribe and receive every new per-node result (fan-out); API and metrics readers
 * `touch()` it. Loops run while anyone is interested and stop after `idleMs` without interest;
 * the next reader starts them again. Everything outside (SSH, the database, the clock) is
 * injected, so tests drive it with a fake executor and fake timers.
 */
import type { Connection } from '../ipvs/parse-conn';
import type { NodeMetricsInput } from '../ipvs/metrics';
import type { VirtualServiceSpec } from '../ipvs/types';
import { DesiredCache } from './desired-cache';
import { NodeHistory } from './history';
import { liveDrift, liveServices } from './live-view';
import { pollNode } from './poll-once';
import type { PollTarget, PollerOptions, PollerStats } from './poller-options';
import type { HistorySeries, LiveNode, LiveSnapshot } from '../wire';

export type { PollTarget, PollerOptions, PollerStats } from './poller-options';

interface NodeLoop<T> {
  target: T;
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: Promise<void> | null;
  live: LiveNode;
  sample: import('../ipvs/read-poll').PollSample | null;
  connections: { at: number; list: Connection[] } | null;
  connectionsUntil: number;
  waiters: Array<() => void>;
  history: NodeHistory;
}

export type Poller = ReturnType<typeof createPoller>;

export function createPoller<T extends PollTarget>(opts: PollerOptions<T>) {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? 2_000;
  const timeoutMs = Math.min(opts.timeoutMs ?? Math.max(1_000, Math.round(intervalMs * 0.9)), 2 * intervalMs - 100);
  const idleMs = opts.idleMs ?? 60_000;
  const targetsRefreshMs = opts.targetsRefreshMs ?? 15_000;
  const historyPoints = opts.historyPoints ?? Math.max(1_800, Math.ceil(3_600_000 / intervalMs));
  const connectionsHoldMs = opts.connectionsHoldMs ?? Math.max(10_000, 3 * intervalMs);
  const desired = new DesiredCache(opts.loadDesired, opts.desiredVersion, now, intervalMs / 2);

  const loops = new Map<string, NodeLoop<T>>();
  const subscribers = new Set<(n: LiveNode) => void>();
  const stats: PollerStats = { polls: 0, failures: 0, pollsByNode: {}, loopsStarted: 0, activeLoops: 0, maxConcurrentPerNode: 0, subscribers: 0, running: false };
  const inFlightCount = new Map<string, number>();
  let nameByAddress = new Map<string, string>();
  let lastTouch = -Infinity;
  let running = false;
  let starting: Promise<void> | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  const interested = () => subscribers.size > 0 || now() - lastTouch < idleMs;
  const isCurrent = (loop: NodeLoop<T>) => running && !loop.stopped && loops.get(loop.target.nodeId) === loop;
  const iso = (ms: number) => new Date(ms).toISOString();

  function blankNode(t: T): LiveNode {
    return { node: t.nodeId, name: t.name, address: t.address, state: 'unknown', polledAt: null, lastSeen: null, error: { code: 'pending', message: 'not polled yet' }, ipvsLoaded: false, services: [], drift: null, savedVersion: null };
  }

  /** What a reader sees: an answer older than two intervals (idle loops, a hung poll) is not current. */
  function present(loop: NodeLoop<T>): LiveNode {
    const l = loop.live;
    const fresh = l.polledAt !== null && now() - Date.parse(l.polledAt) <= 2 * intervalMs + timeoutMs;
    if (l.state === 'up' && !fresh) return { ...l, state: 'unknown', error: { code: 'pending', message: 'no recent poll' }, services: [], drift: null };
    return l;
  }

  function publish(loop: NodeLoop<T>): void {
    const node = present(loop);
    for (const fn of subscribers) {
      try {
        fn(node);
      } catch {
        // A broken viewer must not stop the loop or the other viewers.
      }
    }
  }

  async function pollOnce(loop: NodeLoop<T>): Promise<void> {
    const id = loop.target.nodeId;
    const n = (inFlightCount.get(id) ?? 0) + 1;
    inFlightCount.set(id, n);
    stats.maxConcurrentPerNode = Math.max(stats.maxConcurrentPerNode, n);
    const wantConnections = loop.connectionsUntil > now();
    const target = loop.target;
    const outcome = await pollNode((script, ms) => opts.exec(target, script, ms), { connections: wantConnections, timeoutMs, readAt: () => new Date(now()) });
    const saved = outcome.ok ? await desired.current() : null;
    inFlightCount.set(id, (inFlightCount.get(id) ?? 1) - 1);
    stats.polls++;
    stats.pollsByNode[id] = (stats.pollsByNode[id] ?? 0) + 1;
    if (loops.get(id) !== loop) return;
    const at = now();
    if (!outcome.ok) {
      stats.failures++;
      loop.sample = null;
      loop.live = { ...loop.live, name: target.name, address: target.address, state: 'unknown', polledAt: iso(at), error: { code: outcome.code, message: outcome.message }, services: [], drift: null };
    } else {
      const { sample } = outcome;
      const want: VirtualServiceSpec[] | undefined = opts.busy?.(target) ? undefined : saved?.ipvs.get(id);
      loop.live = {
        node: id, name: target.name, address: target.address, state: 'up', polledAt: iso(at), lastSeen: iso(at),
        ipvsLoaded: sample.ipvsLoaded, services: liveServices(sample, nameByAddress),
        drift: want ? liveDrift(want, sample) : null, savedVersion: want ? saved!.version : null,
      };
      for (const s of sample.services) {
        for (const rs of s.realServers) loop.history.record(s.key, rs.address, rs.port, { t: at, activeConn: rs.activeConn, inactConn: rs.inactConn, cps: rs.rates.cps });
      }
      if (stats.pollsByNode[id] % 100 === 0) loop.history.prune(at - historyPoints * intervalMs);
      loop.connections = sample.connections ? { at, list: sample.connections } : null;
      loop.sample = { ...sample, connections: undefined };
    }
    if (!wantConnections) loop.connections = null;
    for (const w of loop.waiters.splice(0)) w();
    publish(loop);
  }

  async function run(loop: NodeLoop<T>): Promise<void> {
    if (loop.inFlight || !isCurrent(loop)) return;
    if (loop.timer) clearTimeout(loop.timer);
    loop.timer = null;
    if (!interested()) return stopLoops();
    const started = now();
    loop.inFlight = pollOnce(loop);
    await loop.inFlight;
    loop.inFlight = null;
    if (!isCurrent(loop)) return;
    // Fixed cadence: the next poll starts one interval after this one started.
    loop.timer = setTimeout(() => void run(loop), Math.max(0, intervalMs - (now() - started)));
  }

  async function refreshTargets(): Promise<void> {
    let targets: T[];
    try {
      targets = await opts.loadTargets();
    } catch {
      return; // keep polling the nodes we know; the next refresh tries again
    }
    nameByAddress = new Map(targets.map((t) => [t.address, t.name]));
    const seen = new Set<string>();
    for (const t of targets) {
      seen.add(t.nodeId);
      let loop = loops.get(t.nodeId);
      if (!loop) {
        loop = { target: t, stopped: true, timer: null, inFlight: null, live: blankNode(t), sample: null, connections: null, connectionsUntil: 0, waiters: [], history: new NodeHistory(historyPoints) };
        loops.set(t.nodeId, loop);
      }
      loop.target = t; // new credentials or address: the pool reconnects on its own
      if (running && loop.stopped) {
        loop.stopped = false;
        stats.loopsStarted++;
        void run(loop);
      }
    }
    for (const [id, loop] of loops) {
      if (seen.has(id)) continue;
      stopLoop(loop);
      loops.delete(id);
    }
    stats.activeLoops = [...loops.values()].filter((l) => !l.stopped).length;
  }

  function stopLoop(loop: NodeLoop<T>): void {
    loop.stopped = true;
    if (loop.timer) clearTimeout(loop.timer);
    loop.timer = null;
    for (const w of loop.waiters.splice(0)) w();
  }

  function stopLoops(): void {
    running = false;
    starting = null;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
    for (const loop of loops.values()) stopLoop(loop);
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
    if (running && starting) return starting;
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
    snapshot(): LiveSnapshot {
      return { intervalMs, nodes: [...loops.values()].map(present) };
    },
    history(nodeId: string, filter: { address?: string; port?: number; service?: string }, since = 0): HistorySeries[] | null {
      return loops.get(nodeId)?.history.series(filter, since) ?? null;
    },
    /** The node's connection table; asks the loop to read it for a while and waits for the next poll if needed. */
    async connections(nodeId: string): Promise<{ polledAt: string; list: Connection[] } | null> {
      const loop = loops.get(nodeId);
      if (!loop) return null;
      loop.connectionsUntil = now() + connectionsHoldMs;
      const c = loop.connections;
      if (c && now() - c.at <= 2 * intervalMs) return { polledAt: iso(c.at), list: c.list };
      for (let i = 0; i < 2 && !loop.stopped; i++) {
        await new Promise<void>((resolve) => loop.waiters.push(resolve));
        if (loop.connections) return { polledAt: iso(loop.connections.at), list: loop.connections.list };
        if (loop.live.state !== 'up') return null;
      }
      return null;
    },
    metricsInput(): NodeMetricsInput[] {
      return [...loops.values()].map((l) => {
        const n = present(l);
        const seen = n.lastSeen ? (now() - Date.parse(n.lastSeen)) / 1000 : null;
        return { node: n.name, up: n.state === 'up', pollAgeSeconds: seen, sample: n.state === 'up' ? l.sample : null };
      });
    },
    /** Poll one node now (after a re-apply), without adding a second loop. */
    async pollNow(nodeId: string): Promise<void> {
      desired.invalidate();
      const loop = loops.get(nodeId);
      if (!loop) return;
      while (loop.inFlight) await loop.inFlight;
      await run(loop);
    },
    nodeName(nodeId: string): string | null {
      return loops.get(nodeId)?.target.name ?? null;
    },
    stats(): PollerStats {
      return { ...stats, pollsByNode: { ...stats.pollsByNode }, subscribers: subscribers.size, running };
    },
    stop(): void {
      subscribers.clear();
      lastTouch = -Infinity;
      stopLoops();
    },
  };
}
