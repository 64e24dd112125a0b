/**
 * The last applied IPVS table of each node, for drift. Reloaded only when the versions' stamp moves
 * (checked at most every `checkEveryMs`), so drift follows a save within one poll without reading
 * the rendered state on every poll of every node.
 */
import type { VirtualServiceSpec } from '../ipvs/types';

export interface SavedDesired {
  version: number; // what the cache is keyed on: moves whenever any version is written
  ipvs: Map<string, VirtualServiceSpec[]>; // node id -> table last applied to that node
  versions?: Map<string, number>; // node id -> the version that table comes from
}

export class DesiredCache {
  private value: SavedDesired | null = null;
  private checkedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly load: (() => Promise<SavedDesired | null>) | undefined,
    private readonly version: (() => Promise<number | null>) | undefined,
    private readonly now: () => number,
    private readonly checkEveryMs: number,
  ) {}

  invalidate(): void {
    this.checkedAt = -Infinity;
    this.value = null;
  }

  async current(): Promise<SavedDesired | null> {
    if (!this.load) return null;
    if (!this.loading && this.now() - this.checkedAt >= this.checkEveryMs) {
      this.checkedAt = this.now();
      this.loading = this.refresh().finally(() => {
        this.loading = null;
      });
    }
    if (this.loading) await this.loading;
    return this.value;
  }

  private async refresh(): Promise<void> {
    try {
      const v = this.version ? await this.version() : undefined;
      if (v !== undefined && this.value !== null && v === this.value.version) return;
      if (v === null) {
        this.value = null;
        return;
      }
      this.value = await this.load!();
    } catch {
      // Keep the last known tables; a database hiccup must not blank the drift panel or stop polling.
    }
  }
}
