/**
 * What a node connection is made of, and the pure pieces built from it: the ssh2 connect config,
 * the identity that decides when a pooled connection must be replaced, the command line sent.
 */
import { createHash } from 'node:crypto';
import type { ConnectConfig } from 'ssh2';
import { quoteArgv } from '../shell';
import { HOST_KEY_ALGORITHMS } from './hostkey';

export type SshCredential =
  | { kind: 'key'; privateKey: string; passphrase?: string }
  | { kind: 'password'; password: string };

export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
  hostKeyFingerprint: string | null;
  credential: SshCredential;
}

/**
 * `argv` is quoted for the remote login shell; `script` is our own generated text, fed to `sh -s`
 * on stdin so it never appears on a command line (and so one channel runs a whole batch).
 */
export type SshCommand = { argv: readonly string[] } | { script: string };

export interface ExecOptions {
  /** Bytes for the command's stdin (argv commands only: a script's stdin is the script). */
  stdin?: string;
  /** Per-command limit, default 15 s; the channel is closed when it runs out. */
  timeoutMs?: number;
}

export interface ExecResult {
  /** Exit status; -1 when the command was killed by a signal (see `signal`). */
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the command on an open connection (channel open → close), not the handshake. */
  ms: number;
  signal?: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 15_000;
/**
 * Channels one connection may hold open at once. OpenSSH's MaxSessions defaults to 10, but sshd
 * frees a session slot a moment after the client sees the channel close, so a cap of exactly 10
 * gets refusals in bursts; 8 leaves that slack (refusals that still happen are retried).
 */
export const DEFAULT_MAX_SESSIONS = 8;

/**
 * Everything that, when changed, must drop the pooled connection. Hashed so the credential text
 * is not kept around as a map key or printed with one.
 */
export function endpointIdentity(ep: SshEndpoint): string {
  const c = ep.credential;
  const parts = [ep.host, ep.port, ep.user, ep.hostKeyFingerprint ?? '', c.kind];
  if (c.kind === 'key') parts.push(c.privateKey, c.passphrase ?? '');
  else parts.push(c.password);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The secret strings of an endpoint, for scrubbing anything that leaves this module. */
export function secretsOf(ep: SshEndpoint): string[] {
  const c = ep.credential;
  return c.kind === 'key' ? [c.privateKey, c.passphrase ?? ''] : [c.password];
}

export function commandLine(command: SshCommand): string {
  return 'argv' in command ? quoteArgv(command.argv) : 'sh -s';
}

/** How a command is named in errors and logs: the quoted argv, or the script's size (not its text). */
export function describeCommand(command: SshCommand): string {
  return 'argv' in command ? quoteArgv(command.argv) : `sh -s (${Buffer.byteLength(command.script)}-byte script)`;
}

export function connectConfig(
  ep: SshEndpoint,
  opts: { connectTimeoutMs: number; hostVerifier: (key: Buffer) => boolean },
): ConnectConfig {
  const base: ConnectConfig = {
    host: ep.host,
    port: ep.port,
    username: ep.user,
    readyTimeout: opts.connectTimeoutMs,
    // A dead peer that never sends FIN is noticed within ~15 s instead of at the next command.
    keepaliveInterval: 5_000,
    keepaliveCountMax: 3,
    algorithms: { serverHostKey: [...HOST_KEY_ALGORITHMS] },
    hostVerifier: opts.hostVerifier,
    // No agent, no debug callback: the only credential used is the one given, and nothing is logged.
  };
  const c = ep.credential;
  if (c.kind === 'key') return { ...base, privateKey: c.privateKey, ...(c.passphrase ? { passphrase: c.passphrase } : {}) };
  // Many distributions only offer keyboard-interactive for passwords (PAM); answer it with the same password.
  return { ...base, password: c.password, tryKeyboard: true };
}
