/**
 * The closed set of SSH failures. Callers (save state, live view, the UI's remedy dialog) branch on
 * `code`, never on message text; the UI owns the wording of remedies in both languages.
 */
import { SSH_ERROR_CODES, type SshErrorCode } from '../wire';

export { SSH_ERROR_CODES, type SshErrorCode };

/** Everything an error may carry. Built field by field from safe values: never a credential. */
export interface SshErrorDetails {
  nodeId?: string;
  host?: string;
  port?: number;
  user?: string;
  /** unknown-hostkey / host-key-changed: what the server presented (`SHA256:...`). */
  presentedFingerprint?: string;
  /** host-key-changed: what we had pinned. */
  pinnedFingerprint?: string;
  /** command-failed / timeout: the command as sent (quoted argv, or `sh -s` with the script size). */
  command?: string;
  argv?: string[];
  exitCode?: number;
  stderr?: string;
  /** timeout: which phase ran out of time. */
  phase?: 'connect' | 'command';
  timeoutMs?: number;
  /** Low-level cause (socket errno, ssh2 message), already scrubbed of credentials. */
  reason?: string;
  remedy?: string;
}

const MESSAGES: Record<SshErrorCode, string> = {
  unreachable: 'Node is unreachable over SSH',
  'auth-failed': 'SSH authentication failed',
  'unknown-hostkey': 'Host key is not pinned yet; confirm its fingerprint',
  'host-key-changed': 'Host key does not match the pinned fingerprint',
  'command-failed': 'Remote command exited with a non-zero status',
  timeout: 'SSH operation timed out',
};

export class SshError extends Error {
  readonly code: SshErrorCode;
  readonly details: SshErrorDetails;

  constructor(code: SshErrorCode, details: SshErrorDetails = {}) {
    const where = details.host ? ` (${details.user ? `${details.user}@` : ''}${details.host}:${details.port ?? 22})` : '';
    super(`${MESSAGES[code]}${where}`);
    this.name = 'SshError';
    this.code = code;
    this.details = details;
  }

  /** Plain JSON for server actions and API responses. */
  toJSON(): { code: SshErrorCode; message: string; details: SshErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Structural, not instanceof: Next.js may bundle the transport into more than one chunk, and an
 * SshError made by one copy of the class must still be recognised (and keep its code) in another.
 */
export function isSshError(e: unknown): e is SshError {
  const c = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && e.name === 'SshError' && typeof c === 'string' && (SSH_ERROR_CODES as readonly string[]).includes(c)
    && typeof (e as { details?: unknown }).details === 'object';
}

/** Replace every occurrence of a secret (and of each of its lines, for PEM keys) with a marker. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const pieces = [secret, ...secret.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 8)];
    for (const p of pieces) out = out.split(p).join('[redacted]');
  }
  return out;
}

const UNREACHABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

/** ssh2 marks errors with `level`; sockets add `code`. Both are mapped here, messages are not read. */
export function codeForConnectError(err: unknown): SshErrorCode {
  const e = err as { level?: string; code?: string };
  if (e.level === 'client-authentication') return 'auth-failed';
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT') return 'timeout';
  if (e.code && UNREACHABLE_ERRNOS.has(e.code)) return 'unreachable';
  // client-socket, client-dns, protocol and handshake failures: no session could be set up.
  return 'unreachable';
}
