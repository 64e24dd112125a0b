export { SSH_ERROR_CODES, SshError, isSshError, type SshErrorCode, type SshErrorDetails } from './errors';
export { fingerprintOf, isFingerprint, judgeHostKey, probeHostKey, HOST_KEY_ALGORITHMS } from './hostkey';
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
export { SshPool, sshPool, withNodeLock, type SshPoolOptions, type SshPoolStats } from './pool';
