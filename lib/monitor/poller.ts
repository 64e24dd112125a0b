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

export interface Poller {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** A viewer: gets every new per-node result until it unsubscribes. Never adds polls. */
  subscribe(fn: (n: LiveNode) => void): () => void;
  /** An API or metrics reader: keeps the loops running for `idleMs`. */
  touch(): Promise<void>;
  /** Keeps one node polled without viewers until the returned release is called (once per holder). */
  holdAlwaysOn(nodeId: string, holder: string): () => void;
  snapshot(): LiveSnapshot;
  history(nodeId: string, filter: { address?: string; port?: number; service?: string }, since?: number): HistorySeries[] | null;
  /** The node's connection table; asks the loop to read it for a while and waits for the next poll if needed. */
  connections(nodeId: string): Promise<{ polledAt: string; list: Connection[] } | null>;
  metricsInput(): NodeMetricsInput[];
  /** Poll one node now (after a re-apply), without adding a second loop. */
  pollNow(nodeId: string): Promise<void>;
  nodeName(nodeId: string): string | null;
  stats(): PollerStats;
  stop(): void;
}

export function createPoller<T extends PollTarget>(opts: PollerOptions<T>): Poller {
  return new PollSupervisor(opts);
}

class PollSupervisor<T extends PollTarget> implements Poller {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly idleMs: number;
  private readonly targetsRefreshMs: number;
  private readonly connectionsHoldMs: number;
  private readonly host: LoopHost<T>;
  private readonly loops = new Map<string, NodeLoop<T>>();
  private readonly subscribers = new Set<(n: LiveNode) => void>();
  private readonly alwaysOn = new Map<string, Set<string>>(); // node id -> who holds it (health, failover)
  private readonly counters: PollerStats = { polls: 0, failures: 0, pollsByNode: {}, loopsStarted: 0, activeLoops: 0, maxConcurrentPerNode: 0, subscribers: 0, running: false };
  private nameByAddress = new Map<string, string>();
  private lastTouch = -Infinity;
  private running = false;
  private starting: Promise<void> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: PollerOptions<T>) {
    const now = (this.now = opts.now ?? Date.now);
    const intervalMs = (this.intervalMs = opts.intervalMs ?? 2_000);
    this.timeoutMs = Math.min(opts.timeoutMs ?? Math.max(1_000, Math.round(intervalMs * 0.9)), 2 * intervalMs - 100);
    this.idleMs = opts.idleMs ?? 60_000;
    this.targetsRefreshMs = opts.targetsRefreshMs ?? 15_000;
    this.connectionsHoldMs = opts.connectionsHoldMs ?? Math.max(10_000, 3 * intervalMs);
    this.host = {
      opts, now, intervalMs, timeoutMs: this.timeoutMs, stats: this.counters,
      historyPoints: opts.historyPoints ?? Math.max(1_800, Math.ceil(3_600_000 / intervalMs)),
      desired: new DesiredCache(opts.loadDesired, opts.desiredVersion, now, intervalMs / 2),
      inFlight: new Map(),
      nameByAddress: () => this.nameByAddress,
      isListed: (loop) => this.loops.get(loop.target.nodeId) === loop,
      isCurrent: (loop) => this.running && !loop.stopped && this.loops.get(loop.target.nodeId) === loop,
      wanted: (loop) => this.wanted(loop),
      idle: (loop) => this.idle(loop),
      publish: (node) => this.publish(node),
    };
  }

  private watched(): boolean {
    return this.subscribers.size > 0 || this.now() - this.lastTouch < this.idleMs;
  }

  private interested(): boolean {
    return this.watched() || this.alwaysOn.size > 0;
  }

  private wanted(loop: NodeLoop<T>): boolean {
    return this.watched() || this.alwaysOn.has(loop.target.nodeId);
  }

  private idle(loop: NodeLoop<T>): void {
    if (!this.interested()) return this.stopLoops();
    loop.stop(); // others still want their nodes: only this one rests
    this.countActive();
  }

  private publish(node: LiveNode): void {
    for (const fn of this.subscribers) {
      try {
        fn(node);
      } catch {
        // A broken viewer must not stop the loop or the other viewers.
      }
    }
  }

  private countActive(): void {
    this.counters.activeLoops = [...this.loops.values()].filter((l) => !l.stopped).length;
  }

  /** Starts every resting loop that someone wants polled. */
  private wakeLoops(): void {
    if (!this.running) return;
    for (const loop of this.loops.values()) if (this.wanted(loop) && loop.start()) this.counters.loopsStarted++;
    this.countActive();
  }

  private async refreshTargets(): Promise<void> {
    let targets: T[];
    try {
      targets = await this.opts.loadTargets();
    } catch {
      return; // keep polling the nodes we know; the next refresh tries again
    }
    this.nameByAddress = new Map(targets.map((t) => [t.address, t.name]));
    const seen = new Set(targets.map((t) => t.nodeId));
    for (const t of targets) {
      const loop = this.loops.get(t.nodeId);
      if (loop) loop.target = t; // new credentials or address: the pool reconnects on its own
      else this.loops.set(t.nodeId, new NodeLoop(t, this.host));
    }
    for (const [id, loop] of this.loops) {
      if (seen.has(id)) continue;
      loop.stop();
      this.loops.delete(id);
    }
    this.wakeLoops();
  }

  private stopLoops(): void {
    this.running = false;
    this.starting = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    for (const loop of this.loops.values()) loop.stop();
    this.counters.activeLoops = 0;
  }

  private scheduleRefresh(): void {
    this.refreshTimer = setTimeout(async () => {
      if (!this.running) return;
      if (!this.interested()) return this.stopLoops();
      await this.refreshTargets();
      if (this.running) this.scheduleRefresh();
    }, this.targetsRefreshMs);
  }

  /** Starts the loops if they are not running; resolves once the first round has answered (bounded). */
  private ensureRunning(): Promise<void> {
    if (this.running && this.starting) {
      this.wakeLoops();
      return this.starting;
    }
    this.running = true;
    this.starting = (async () => {
      await this.refreshTargets();
      this.scheduleRefresh();
      const first = [...this.loops.values()].map((l) => l.inFlight).filter((p): p is Promise<void> => p !== null);
      await Promise.race([Promise.allSettled(first), new Promise((r) => setTimeout(r, this.timeoutMs + 200))]);
    })();
    return this.starting;
  }

  subscribe(fn: (n: LiveNode) => void): () => void {
    this.subscribers.add(fn);
    void this.ensureRunning();
    return () => {
      this.subscribers.delete(fn);
      this.lastTouch = this.now(); // a viewer that just left keeps the loops warm for a reload
    };
  }

  async touch(): Promise<void> {
    this.lastTouch = this.now();
    await this.ensureRunning();
  }

  holdAlwaysOn(nodeId: string, holder: string): () => void {
    const holders = this.alwaysOn.get(nodeId) ?? new Set<string>();
    holders.add(holder);
    this.alwaysOn.set(nodeId, holders);
    void this.ensureRunning();
    return () => {
      holders.delete(holder);
      if (holders.size === 0 && this.alwaysOn.get(nodeId) === holders) this.alwaysOn.delete(nodeId);
    };
  }

  snapshot(): LiveSnapshot {
    return { intervalMs: this.intervalMs, nodes: [...this.loops.values()].map((l) => l.present()) };
  }

  history(nodeId: string, filter: { address?: string; port?: number; service?: string }, since = 0): HistorySeries[] | null {
    return this.loops.get(nodeId)?.history.series(filter, since) ?? null;
  }

  async connections(nodeId: string): Promise<{ polledAt: string; list: Connection[] } | null> {
    return (await this.loops.get(nodeId)?.connections(this.connectionsHoldMs)) ?? null;
  }

  metricsInput(): NodeMetricsInput[] {
    return [...this.loops.values()].map((l) => l.metricsInput());
  }

  async pollNow(nodeId: string): Promise<void> {
    this.host.desired.invalidate();
    await this.loops.get(nodeId)?.pollNow();
  }

  nodeName(nodeId: string): string | null {
    return this.loops.get(nodeId)?.target.name ?? null;
  }

  stats(): PollerStats {
    return { ...this.counters, pollsByNode: { ...this.counters.pollsByNode }, subscribers: this.subscribers.size, running: this.running };
  }

  stop(): void {
    this.subscribers.clear();
    this.alwaysOn.clear();
    this.lastTouch = -Infinity;
    this.stopLoops();
  }
}
