/**
 * Concurrency limits. A semaphore keeps each node's connection under sshd's MaxSessions (channels
 * beyond it are refused by the server, so we queue instead); a keyed mutex serialises writes per node.
 */

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`semaphore capacity must be >= 1, got ${capacity}`);
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    // The slot is handed over directly by release(), so `active` stays counted.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** One FIFO lock per key. A rejected holder releases the lock like a resolved one. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // Drop the entry when nobody queued behind us, so the map doesn't grow with node ids.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Holds every key at once. Keys are taken in sorted order, so two holders of overlapping sets
   * queue behind each other instead of each holding half (no deadlock).
   */
  runAll<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const take = (i: number): Promise<T> => (i === sorted.length ? fn() : this.run(sorted[i], () => take(i + 1)));
    return take(0);
  }

  isLocked(key: string): boolean {
    return this.tails.has(key);
  }
}
