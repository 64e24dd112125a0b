/**
 * SSH transport for save state and the live view. Typical use:
 *
 *   const ep = { host, port, user, hostKeyFingerprint, credential: { kind: 'key', privateKey: openSecret(sealed) } };
 *   // live view, once per poll: one round trip, read-only
 *   const r = await sshPool().exec(node.id, ep, { script: buildPollScript(...) }, { timeoutMs: 1_500 });
 *   // save state: serialised per node; a non-zero exit is a result the caller reads
 *   const r = await withNodeLocks([node.id], async () => { read; plan; return sshPool().exec(node.id, ep, { script: buildApplyScript(steps) }); });
 *
 * Errors are SshError with a `code` from SSH_ERROR_CODES; branch on the code.
 */
export { SSH_ERROR_CODES, SshError, isSshError, type SshErrorCode, type SshErrorDetails } from './errors';
export { fingerprintOf, isFingerprint, judgeHostKey, HOST_KEY_ALGORITHMS } from './hostkey';
export {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_SESSIONS,
  type ExecOptions,
  type ExecResult,
  type SshCommand,
  type SshCredential,
  type SshEndpoint,
} from './endpoint';
export { SshPool, sshPool, withNodeLocks, type SshPoolOptions, type SshPoolStats } from './pool';
