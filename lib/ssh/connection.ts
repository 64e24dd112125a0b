/**
 * One persistent SSH connection to one node: opened lazily, reopened after it drops, shared by
 * every command (ssh2 multiplexes channels), capped at the server's MaxSessions.
 */
import { performance } from 'node:perf_hooks';
import { Client, type ClientChannel } from 'ssh2';
import { SshError, codeForConnectError, scrubSecrets } from './errors';
import { fingerprintOf, hostKeyError, judgeHostKey, type HostKeyVerdict } from './hostkey';
import { Semaphore } from './limits';
import { BoundedBuffer, MAX_STDERR_BYTES, MAX_STDOUT_BYTES, scrubNodeText } from './node-output';
import {
  commandLine,
  connectConfig,
  describeCommand,
  secretsOf,
  type ExecOptions,
  type ExecResult,
  type SshCommand,
  type SshEndpoint,
} from './endpoint';

export interface NodeConnectionOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxSessions: number;
  onHandshake?: (nodeId: string, ms: number) => void;
}


/** The channel never opened, so the command never ran. `refused`: the server said no, the connection is fine. */
class ChannelNotOpened extends Error {
  readonly refused: boolean;
  constructor(readonly cause: Error) {
    super('channel not opened');
    this.refused = typeof (cause as { reason?: unknown }).reason === 'number';
  }
}

/**
 * sshd does not kill a command when its channel closes; a "signal" request makes it killpg the
 * session. ssh2's channel.signal() silently does nothing once stdin is ended (always, here), so
 * the request goes out through the protocol object directly. Best effort: OpenSSH before 9.8
 * refuses signals for root logins ("session signalling requires privilege separation"), and
 * then the command runs on to its natural end on the node.
 */
function killRemote(ch: ClientChannel): void {
  const c = ch as unknown as {
    outgoing?: { id?: number; state?: string };
    _client?: { _protocol?: { signal?: (id: number, name: string) => void } };
  };
  try {
    if ((c.outgoing?.state === 'open' || c.outgoing?.state === 'eof') && typeof c.outgoing.id === 'number') c._client?._protocol?.signal?.(c.outgoing.id, 'KILL');
  } catch {
    /* closing the channel still happens */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class NodeConnection {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly sessions: Semaphore;
  private closed = false;

  constructor(
    readonly nodeId: string,
    readonly endpoint: SshEndpoint,
    private readonly opts: NodeConnectionOptions,
  ) {
    this.sessions = new Semaphore(opts.maxSessions);
  }

  get isOpen(): boolean {
    return this.client !== null;
  }

  async exec(command: SshCommand, options: ExecOptions = {}): Promise<ExecResult> {
    if ('script' in command && options.stdin !== undefined) throw new Error('a script is sent on stdin; it cannot take stdin too');
    const line = commandLine(command); // throws on control characters before anything is sent
    const stdin = 'script' in command ? command.script : (options.stdin ?? '');
    const timeoutMs = options.timeoutMs ?? this.opts.commandTimeoutMs;
    return this.sessions.run(async () => {
      // A channel that did not open means the command never ran, so retrying is safe
      // for writes too. A refusal (sshd's MaxSessions counts a session until its child is reaped,
      // a moment after we see the close) leaves the connection fine: wait and ask again. Anything
      // else means the pooled connection died unnoticed (server restart): reconnect once.
      const deadline = performance.now() + timeoutMs;
      for (let attempt = 1; ; attempt++) {
        const client = await this.connect();
        try {
          return await this.runOnce(client, line, stdin, deadline, timeoutMs, command);
        } catch (err) {
          if (!(err instanceof ChannelNotOpened)) throw err;
          if (err.refused) {
            // Keep asking within the command's own time budget: the command can't run sooner anyway.
            const wait = Math.min(10 * 2 ** attempt, 200);
            if (performance.now() + wait < deadline) {
              await sleep(wait);
              continue;
            }
            throw this.error('timeout', { phase: 'command', timeoutMs, command: describeCommand(command), reason: 'the server kept refusing a new session (MaxSessions)' });
          }
          this.drop(client);
          if (attempt === 1) continue;
          throw this.error('unreachable', { command: describeCommand(command), reason: this.scrub(err.cause.message) });
        }
      }
    });
  }

  close(): void {
    this.closed = true;
    if (this.client) this.drop(this.client);
  }

  private connect(): Promise<Client> {
    if (this.closed) return Promise.reject(this.error('unreachable', { reason: 'connection closed by the pool' }));
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const ep = this.endpoint;
    const attempt = new Promise<Client>((resolve, reject) => {
      const client = new Client();
      const started = performance.now();
      let verdict: HostKeyVerdict | null = null;
      let settled = false;
      const fail = (e: SshError) => {
        if (settled) return;
        settled = true;
        client.end();
        reject(e);
      };
      client.on('ready', () => {
        if (settled) return;
        settled = true;
        if (this.closed) {
          client.end();
          return reject(this.error('unreachable', { reason: 'connection closed by the pool' }));
        }
        this.client = client;
        this.opts.onHandshake?.(this.nodeId, performance.now() - started);
        resolve(client);
      });
      client.on('error', (err) => {
        if (verdict && !verdict.ok) return fail(hostKeyError(verdict, this.where()));
        const code = codeForConnectError(err);
        const e = err as { code?: string; message?: string };
        const reason = this.scrub(e.code ?? e.message ?? 'unknown');
        fail(this.error(code, code === 'timeout' ? { phase: 'connect', timeoutMs: this.opts.connectTimeoutMs, reason } : { reason }));
      });
      client.on('close', () => {
        if (this.client === client) this.client = null;
        fail(this.error('unreachable', { reason: 'connection closed during the handshake' }));
      });
      if (ep.credential.kind === 'password') {
        const password = ep.credential.password;
        client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)));
      }
      try {
        client.connect(
          connectConfig(ep, {
            connectTimeoutMs: this.opts.connectTimeoutMs,
            hostVerifier: (key: Buffer) => {
              verdict = judgeHostKey(ep.hostKeyFingerprint, fingerprintOf(key));
              return verdict.ok;
            },
          }),
        );
        // Small request/response packets: Nagle + delayed ACK added ~40 ms to every warm exec.
        client.setNoDelay(true);
      } catch {
        // ssh2 throws synchronously on an unparsable key or wrong passphrase; its text is not passed on.
        fail(this.error('auth-failed', { reason: 'private key could not be parsed (wrong format or passphrase)' }));
      }
    });
    this.connecting = attempt;
    const clear = () => {
      if (this.connecting === attempt) this.connecting = null;
    };
    attempt.then(clear, clear);
    return attempt;
  }

  /**
   * Opens one exec channel and runs it to completion. Listeners go on inside ssh2's callback,
   * synchronously: the reply, output, exit status and close often arrive in one TCP read, and an
   * `exit` event emitted before anyone listens is lost. Rejects with ChannelNotOpened when the
   * command never started (safe to retry), with SshError otherwise.
   */
  private runOnce(client: Client, line: string, stdin: string, deadline: number, timeoutMs: number, command: SshCommand): Promise<ExecResult> {
    const started = performance.now();
    const described = describeCommand(command);
    return new Promise((resolve, reject) => {
      let channel: ClientChannel | null = null;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(this.error('timeout', { phase: 'command', timeoutMs, command: described }));
        if (!channel) return this.drop(client, true); // couldn't even open a channel: wedged
        // The connection answered (the channel opened), so it is not wedged: siblings keep it. A
        // connection that dies later is caught by keepalive. sshd only confirms the close once the
        // command has exited, so nothing waits for that.
        killRemote(channel);
        channel.close();
      }, Math.max(deadline - started, 1));

      const onOpen = (err: Error | undefined, ch: ClientChannel) => {
        if (timedOut) return ch?.close();
        if (err) {
          clearTimeout(timer);
          return reject(new ChannelNotOpened(err));
        }
        channel = ch;
        const out = new BoundedBuffer(MAX_STDOUT_BYTES);
        const errOut = new BoundedBuffer(MAX_STDERR_BYTES);
        let code: number | null = null;
        let signal: string | undefined;
        let overflow = false;
        ch.on('data', (d: Buffer) => {
          out.push(d);
          if (out.overflowed && !overflow) {
            // Endless output: stop the command rather than read it all into memory.
            overflow = true;
            killRemote(ch);
            ch.close();
          }
        });
        ch.stderr.on('data', (d: Buffer) => errOut.push(d));
        ch.on('exit', (c: number | null, sig?: string) => {
          if (typeof c === 'number') code = c;
          else signal = sig ?? 'unknown';
        });
        ch.on('close', () => {
          clearTimeout(timer);
          if (timedOut) return;
          if (overflow) return reject(this.error('command-failed', { command: described, reason: `output larger than ${MAX_STDOUT_BYTES / 1024 / 1024} MB` }));
          if (code === null && signal === undefined) {
            // The connection went away mid-command: the outcome on the node is unknown, so no retry.
            return reject(this.error('unreachable', { command: described, reason: 'connection lost while the command ran' }));
          }
          resolve({
            code: code ?? -1,
            stdout: out.text(),
            // Scrubbed here, the one way node stderr enters the console: save, re-apply and poll.
            stderr: scrubNodeText(errOut.text(), this.endpoint, MAX_STDERR_BYTES),
            ms: performance.now() - started,
            ...(signal ? { signal } : {}),
          });
        });
        ch.end(stdin);
      };
      try {
        client.exec(line, onOpen);
      } catch (err) {
        clearTimeout(timer); // "Not connected"
        reject(new ChannelNotOpened(err as Error));
      }
    });
  }

  private drop(client: Client, hard = false): void {
    if (this.client === client) this.client = null;
    if (hard) client.destroy();
    else client.end();
  }

  private where() {
    const { host, port, user } = this.endpoint;
    return { nodeId: this.nodeId, host, port, user };
  }

  private error(code: SshError['code'], details: SshError['details']): SshError {
    return new SshError(code, { ...this.where(), ...details });
  }

  private scrub(text: string): string {
    return scrubSecrets(text, secretsOf(this.endpoint));
  }
}
