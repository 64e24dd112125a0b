/**
 * The process-wide SSH pool shared by save state (push config) and the live view (poll every
 * 1–2 s): one persistent connection per node id, replaced when the node's endpoint changes.
 */
import { KeyedMutex } from './limits';
import { NodeConnection } from './connection';
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_SESSIONS,
  endpointIdentity,
  type ExecOptions,
  type ExecResult,
  type SshCommand,
  type SshEndpoint,
} from './endpoint';

export interface SshPoolOptions {
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Channels open at once per node; beyond it, commands queue. Match sshd's MaxSessions. */
  maxSessions?: number;
}

export interface SshPoolStats {
  /** Completed handshakes since the pool was created (a reused connection adds none). */
  handshakes: number;
  lastHandshakeMs: number | null;
  openConnections: number;
}

export class SshPool {
  private readonly nodes = new Map<string, { identity: string; conn: NodeConnection }>();
  private readonly locks = new KeyedMutex();
  private handshakes = 0;
  private lastHandshakeMs: number | null = null;
  private readonly opts: Required<SshPoolOptions>;

  constructor(opts: SshPoolOptions = {}) {
    this.opts = {
      connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      maxSessions: opts.maxSessions ?? DEFAULT_MAX_SESSIONS,
    };
  }

  /** Runs a command; a non-zero exit is a result, not an exception. */
  exec(nodeId: string, endpoint: SshEndpoint, command: SshCommand, options?: ExecOptions): Promise<ExecResult> {
    return this.connectionFor(nodeId, endpoint).exec(command, options);
  }

  /**
   * Serialises changes to nodes: a save or re-apply holds its nodes' locks from the read it plans
   * on to the last answer of its apply, so nothing else writes in between and the live view knows
   * not to judge drift meanwhile. Polls don't take it; they only read.
   */
  withNodeLocks<T>(nodeIds: string[], fn: () => Promise<T>): Promise<T> {
    return this.locks.runAll(nodeIds, fn);
  }

  isNodeLocked(nodeId: string): boolean {
    return this.locks.isLocked(nodeId);
  }

  close(nodeId: string): void {
    const entry = this.nodes.get(nodeId);
    if (!entry) return;
    this.nodes.delete(nodeId);
    entry.conn.close();
  }

  closeAll(): void {
    for (const id of [...this.nodes.keys()]) this.close(id);
  }

  stats(): SshPoolStats {
    let open = 0;
    for (const { conn } of this.nodes.values()) if (conn.isOpen) open++;
    return { handshakes: this.handshakes, lastHandshakeMs: this.lastHandshakeMs, openConnections: open };
  }

  private connectionFor(nodeId: string, endpoint: SshEndpoint): NodeConnection {
    const identity = endpointIdentity(endpoint);
    const entry = this.nodes.get(nodeId);
    if (entry && entry.identity === identity) return entry.conn;
    // New credential, host key pin or address: the old session was authenticated against
    // something that is no longer true, so it must not serve another command.
    if (entry) entry.conn.close();
    const conn = new NodeConnection(nodeId, endpoint, {
      ...this.opts,
      onHandshake: (_id, ms) => {
        this.handshakes++;
        this.lastHandshakeMs = ms;
      },
    });
    this.nodes.set(nodeId, { identity, conn });
    return conn;
  }
}

// On globalThis so Next.js dev reloads (which re-evaluate modules) keep using one pool
// instead of leaking a fresh set of connections per reload.
const GLOBAL_KEY = Symbol.for('lvs-console.ssh-pool');
type PoolHolder = { [GLOBAL_KEY]?: SshPool };

export function sshPool(): SshPool {
  const g = globalThis as PoolHolder;
  return (g[GLOBAL_KEY] ??= new SshPool());
}

export function withNodeLocks<T>(nodeIds: string[], fn: () => Promise<T>): Promise<T> {
  return sshPool().withNodeLocks(nodeIds, fn);
}
