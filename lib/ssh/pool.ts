/**
 * The process-wide SSH pool shared by save state (push config) and the live view (poll every
 * 1–2 s): one persistent connection per node id, replaced when the node's endpoint changes.
 */
import { SshError } from './errors';
import { KeyedMutex } from './limits';
import { NodeConnection } from './connection';
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_SESSIONS,
  describeCommand,
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

/** stderr kept in a command-failed error: enough to read the reason, not a whole log. */
const STDERR_IN_ERROR = 4_000;

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

  /** Runs a command; a non-zero exit is a result, not an exception (see `execOk`). */
  exec(nodeId: string, endpoint: SshEndpoint, command: SshCommand, options?: ExecOptions): Promise<ExecResult> {
    return this.connectionFor(nodeId, endpoint).exec(command, options);
  }

  /** Like `exec`, but a non-zero exit throws `command-failed` with the command, status and stderr. */
  async execOk(nodeId: string, endpoint: SshEndpoint, command: SshCommand, options?: ExecOptions): Promise<ExecResult> {
    const result = await this.exec(nodeId, endpoint, command, options);
    if (result.code === 0) return result;
    throw new SshError('command-failed', {
      nodeId,
      host: endpoint.host,
      port: endpoint.port,
      user: endpoint.user,
      command: describeCommand(command),
      ...('argv' in command ? { argv: [...command.argv] } : {}),
      exitCode: result.code,
      stderr: result.stderr.slice(-STDERR_IN_ERROR),
      ...(result.signal ? { reason: `killed by signal ${result.signal}` } : {}),
    });
  }

  /** Writes a whole file atomically (temp file + rename) over SFTP on the node's pooled connection. */
  writeFile(nodeId: string, endpoint: SshEndpoint, path: string, content: string | Buffer, mode = 0o644): Promise<void> {
    if (!path.startsWith('/') || /[\0\n\r]/.test(path)) throw new Error(`refusing remote path ${JSON.stringify(path)}`);
    return this.connectionFor(nodeId, endpoint).writeFile(path, content, mode);
  }

  /**
   * Serialises work on one node: save state holds this for its whole plan → apply → verify so two
   * saves never interleave on a node. Polls don't take it; they only read.
   */
  withNodeLock<T>(nodeId: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(nodeId, fn);
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

export function withNodeLock<T>(nodeId: string, fn: () => Promise<T>): Promise<T> {
  return sshPool().withNodeLock(nodeId, fn);
}
