/** What the poller is built from (all I/O injected) and what it reports about itself. */
import type { SavedDesired } from './desired-cache';
import type { PollExecResult } from './poll-once';

export interface PollTarget {
  nodeId: string;
  name: string;
  address: string;
}

export interface PollerOptions<T extends PollTarget> {
  exec: (target: T, script: string, timeoutMs: number) => Promise<PollExecResult>;
  loadTargets: () => Promise<T[]>;
  loadDesired?: () => Promise<SavedDesired | null>;
  /** Cheap check of the newest save version; the desired tables are reloaded only when it moves. */
  desiredVersion?: () => Promise<number | null>;
  /** True while something writes to the node (save, re-apply): its table is in motion, drift is not judged. */
  busy?: (target: T) => boolean;
  now?: () => number;
  intervalMs?: number;
  /** Must stay under 2 intervals so a dead node turns unknown within two polls. */
  timeoutMs?: number;
  idleMs?: number;
  targetsRefreshMs?: number;
  historyPoints?: number;
  /**
   * The node's event log (keepalived's hooks): where the console has stored up to, and where a
   * polled chunk goes. Both absent: events are not read.
   */
  eventCursor?: (target: T) => Promise<number>;
  onEvents?: (target: T, chunk: { from: number; fileSize: number; text: string }) => Promise<void>;
  /** How long one connections() call keeps the connection table in the polls. */
  connectionsHoldMs?: number;
}

export interface PollerStats {
  polls: number;
  failures: number;
  pollsByNode: Record<string, number>;
  loopsStarted: number;
  activeLoops: number;
  /** Highest number of polls of one node ever in flight at once: 1 means one loop per node. */
  maxConcurrentPerNode: number;
  subscribers: number;
  running: boolean;
}
