/**
 * One node's self-rescheduling poll loop and everything it knows about the node: the last answer
 * (as the wire shape and as the raw sample for /metrics), the connection table while someone looks
 * at it, and the history rings. Whether it keeps going is the supervisor's call (`LoopHost`).
 */
import type { Connection } from '../ipvs/parse-conn';
import type { NodeMetricsInput } from '../ipvs/metrics';
import type { PollSample } from '../ipvs/read-poll';
import type { VirtualServiceSpec } from '../ipvs/types';
import type { LiveNode } from '../wire';
import type { DesiredCache } from './desired-cache';
import { NodeHistory } from './history';
import { liveWithHealth } from './live-view';
import { pollNode } from './poll-once';
import type { PollTarget, PollerOptions, PollerStats } from './poller-options';

/** What a loop needs from its supervisor: settings, shared counters, and the decisions it does not own. */
export interface LoopHost<T extends PollTarget> {
  opts: PollerOptions<T>;
  now: () => number;
  intervalMs: number;
  timeoutMs: number;
  historyPoints: number;
  desired: DesiredCache;
  stats: PollerStats;
  /** Polls of each node in flight right now, over all loops (a replaced loop may still be finishing). */
  inFlight: Map<string, number>;
  nameByAddress: () => Map<string, string>;
  /** Whether this loop is still the node's loop (a node removed from the list drops its loop). */
  isListed: (loop: NodeLoop<T>) => boolean;
  /** Whether this loop is the node's loop and is running. */
  isCurrent: (loop: NodeLoop<T>) => boolean;
  /** Whether anyone wants this node polled now; if not the supervisor is told (`idle`) and the loop rests. */
  wanted: (loop: NodeLoop<T>) => boolean;
  idle: (loop: NodeLoop<T>) => void;
  publish: (node: LiveNode) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

function blankNode(t: PollTarget): LiveNode {
  return { node: t.nodeId, name: t.name, address: t.address, state: 'unknown', polledAt: null, lastSeen: null, error: { code: 'pending', message: 'not polled yet' }, ipvsLoaded: false, services: [], drift: null, savedVersion: null };
}

export class NodeLoop<T extends PollTarget> {
  stopped = true;
  inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private live: LiveNode;
  private sample: PollSample | null = null;
  private table: { at: number; list: Connection[] } | null = null;
  private connectionsUntil = 0;
  private waiters: Array<() => void> = [];
  readonly history: NodeHistory;

  constructor(
    public target: T,
    private readonly host: LoopHost<T>,
  ) {
    this.live = blankNode(target);
    this.history = new NodeHistory(host.historyPoints);
  }

  /** What a reader sees: an answer older than two intervals (idle loops, a hung poll) is not current. */
  present(): LiveNode {
    const { now, intervalMs, timeoutMs } = this.host;
    const l = this.live;
    const fresh = l.polledAt !== null && now() - Date.parse(l.polledAt) <= 2 * intervalMs + timeoutMs;
    if (l.state === 'up' && !fresh) return { ...l, state: 'unknown', error: { code: 'pending', message: 'no recent poll' }, services: [], drift: null, keepalived: undefined, vrrp: undefined };
    return l;
  }

  /** Starts a resting loop; false if it was already running. */
  start(): boolean {
    if (!this.stopped) return false;
    this.stopped = false;
    void this.run();
    return true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wake();
  }

  async run(): Promise<void> {
    const host = this.host;
    if (this.inFlight || !host.isCurrent(this)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!host.wanted(this)) return host.idle(this);
    const started = host.now();
    this.inFlight = this.pollOnce();
    await this.inFlight;
    this.inFlight = null;
    if (!host.isCurrent(this)) return;
    // Fixed cadence: the next poll starts one interval after this one started.
    this.timer = setTimeout(() => void this.run(), Math.max(0, host.intervalMs - (host.now() - started)));
  }

  /** Poll now (after a re-apply) without adding a second loop. */
  async pollNow(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    await this.run();
  }

  /** The connection table; asks the polls to read it for `holdMs` and waits for the next one if needed. */
  async connections(holdMs: number): Promise<{ polledAt: string; list: Connection[] } | null> {
    const { now, intervalMs } = this.host;
    this.connectionsUntil = now() + holdMs;
    const c = this.table;
    if (c && now() - c.at <= 2 * intervalMs) return { polledAt: iso(c.at), list: c.list };
    for (let i = 0; i < 2 && !this.stopped; i++) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.table) return { polledAt: iso(this.table.at), list: this.table.list };
      if (this.live.state !== 'up') return null;
    }
    return null;
  }

  metricsInput(): NodeMetricsInput {
    const n = this.present();
    const seen = n.lastSeen ? (this.host.now() - Date.parse(n.lastSeen)) / 1000 : null;
    return { node: n.name, up: n.state === 'up', pollAgeSeconds: seen, sample: n.state === 'up' ? this.sample : null };
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** undefined: events are not read (no store wired, or it failed: the next poll asks again). */
  private async eventCursor(): Promise<number | undefined> {
    try {
      return await this.host.opts.eventCursor?.(this.target);
    } catch {
      return undefined;
    }
  }

  private async takeEvents(chunk: { from: number; fileSize: number; text: string }): Promise<void> {
    try {
      await this.host.opts.onEvents?.(this.target, chunk);
    } catch (e) {
      console.error(`events from ${this.target.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async pollOnce(): Promise<void> {
    const { host, target } = this;
    const id = target.nodeId;
    const n = (host.inFlight.get(id) ?? 0) + 1;
    host.inFlight.set(id, n);
    host.stats.maxConcurrentPerNode = Math.max(host.stats.maxConcurrentPerNode, n);
    const wantConnections = this.connectionsUntil > host.now();
    const eventsFrom = await this.eventCursor();
    const outcome = await pollNode((script, ms) => host.opts.exec(target, script, ms), { connections: wantConnections, eventsFrom, timeoutMs: host.timeoutMs, readAt: () => new Date(host.now()) });
    if (outcome.ok && outcome.sample.events) await this.takeEvents(outcome.sample.events);
    const saved = outcome.ok ? await host.desired.current() : null;
    host.inFlight.set(id, (host.inFlight.get(id) ?? 1) - 1);
    host.stats.polls++;
    host.stats.pollsByNode[id] = (host.stats.pollsByNode[id] ?? 0) + 1;
    if (!host.isListed(this)) return;
    const at = host.now();
    if (!outcome.ok) {
      host.stats.failures++;
      this.sample = null;
      // Unknown is unknown: nothing of the last answer (table, keepalived, VRRP) is shown as current.
      this.live = { ...this.live, name: target.name, address: target.address, state: 'unknown', polledAt: iso(at), error: { code: outcome.code, message: outcome.message }, services: [], drift: null, keepalived: undefined, vrrp: undefined };
    } else {
      const { sample } = outcome;
      const want: VirtualServiceSpec[] | undefined = host.opts.busy?.(target) ? undefined : saved?.ipvs.get(id);
      this.live = {
        node: id, name: target.name, address: target.address, state: 'up', polledAt: iso(at), lastSeen: iso(at),
        ipvsLoaded: sample.ipvsLoaded, ...liveWithHealth(sample, want, host.nameByAddress()),
        savedVersion: want ? saved!.versions?.get(id) ?? saved!.version : null,
      };
      for (const s of sample.services) {
        for (const rs of s.realServers) this.history.record(s.key, rs.address, rs.port, { t: at, activeConn: rs.activeConn, inactConn: rs.inactConn, cps: rs.rates.cps });
      }
      if (host.stats.pollsByNode[id] % 100 === 0) this.history.prune(at - host.historyPoints * host.intervalMs);
      this.table = sample.connections ? { at, list: sample.connections } : null;
      this.sample = { ...sample, connections: undefined };
    }
    if (!wantConnections) this.table = null;
    this.wake();
    host.publish(this.present());
  }
}
