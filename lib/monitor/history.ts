/**
 * Per real server history for the charts: a fixed-size ring of compact numbers (time, active,
 * inactive, cps), not whole samples, so an hour at a 2 s interval costs ~36 KB per real server.
 */
import { serviceRealServerKey } from '../ipvs/keys';
import type { HistoryPoint, HistorySeries } from '../wire';

export class SeriesRing {
  private readonly t: Float64Array;
  private readonly active: Uint32Array;
  private readonly inactive: Uint32Array;
  private readonly cps: Float32Array;
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.t = new Float64Array(capacity);
    this.active = new Uint32Array(capacity);
    this.inactive = new Uint32Array(capacity);
    this.cps = new Float32Array(capacity);
  }

  push(p: HistoryPoint): void {
    const i = this.next;
    this.t[i] = p.t;
    this.active[i] = p.activeConn;
    this.inactive[i] = p.inactConn;
    this.cps[i] = p.cps;
    this.next = (i + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  get length(): number {
    return this.size;
  }

  lastTime(): number {
    return this.size ? this.t[(this.next - 1 + this.capacity) % this.capacity] : 0;
  }

  /** Oldest first; `since` (epoch ms) drops earlier points. */
  points(since = 0): HistoryPoint[] {
    const out: HistoryPoint[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let k = 0; k < this.size; k++) {
      const i = (start + k) % this.capacity;
      if (this.t[i] < since) continue;
      out.push({ t: this.t[i], activeConn: this.active[i], inactConn: this.inactive[i], cps: this.cps[i] });
    }
    return out;
  }
}

/** Rings keyed by "serviceKey address:port" for one node. */
export class NodeHistory {
  private readonly rings = new Map<string, { service: string; address: string; port: number; ring: SeriesRing }>();

  constructor(private readonly capacity: number) {}

  record(service: string, address: string, port: number, p: HistoryPoint): void {
    const key = serviceRealServerKey(service, { address, port });
    let r = this.rings.get(key);
    if (!r) this.rings.set(key, (r = { service, address, port, ring: new SeriesRing(this.capacity) }));
    r.ring.push(p);
  }

  /** Forget real servers whose last point is older than `before` (removed from the table long ago). */
  prune(before: number): void {
    for (const [k, r] of this.rings) if (r.ring.lastTime() < before) this.rings.delete(k);
  }

  series(filter: { address?: string; port?: number; service?: string }, since = 0): HistorySeries[] {
    const out: HistorySeries[] = [];
    for (const r of this.rings.values()) {
      if (filter.address && r.address !== filter.address) continue;
      if (filter.port !== undefined && r.port !== filter.port) continue;
      if (filter.service && r.service !== filter.service) continue;
      out.push({ service: r.service, address: r.address, port: r.port, points: r.ring.points(since) });
    }
    return out;
  }

  get count(): number {
    return this.rings.size;
  }
}
