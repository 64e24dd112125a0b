/**
 * Host-key pinning. The fingerprint format is OpenSSH's (`ssh-keygen -lf`): `SHA256:` + unpadded
 * base64 of sha256 over the raw public key blob, so an admin can compare it with what the node says.
 */
import { createHash } from 'node:crypto';
import { SshError } from './errors';

/**
 * Host-key algorithms, in preference order, for both probing and connecting: the key we pin must be
 * the key type the real connection negotiates, so both sides use this one list.
 */
export const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
] as const;

export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function isFingerprint(s: string): boolean {
  return FINGERPRINT.test(s);
}

export type HostKeyVerdict =
  | { ok: true }
  | { ok: false; code: 'unknown-hostkey'; presented: string }
  | { ok: false; code: 'host-key-changed'; presented: string; pinned: string };

/** The pinning rule as a pure function: no pin never means "trust on first use". */
export function judgeHostKey(pinned: string | null, presented: string): HostKeyVerdict {
  if (pinned === null || pinned.trim() === '') return { ok: false, code: 'unknown-hostkey', presented };
  // Accept a pin pasted with base64 padding; ssh-keygen never prints one.
  const norm = pinned.trim().replace(/=+$/, '');
  if (norm === presented) return { ok: true };
  return { ok: false, code: 'host-key-changed', presented, pinned: norm };
}

export function hostKeyError(v: Exclude<HostKeyVerdict, { ok: true }>, where: { nodeId?: string; host: string; port: number; user?: string }): SshError {
  if (v.code === 'unknown-hostkey') {
    return new SshError('unknown-hostkey', {
      ...where,
      presentedFingerprint: v.presented,
      remedy: 'Compare with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the node, then pin it.',
    });
  }
  return new SshError('host-key-changed', {
    ...where,
    presentedFingerprint: v.presented,
    pinnedFingerprint: v.pinned,
    remedy:
      'The node presented a different host key. If it was reinstalled or its keys were regenerated, ' +
      'verify the new fingerprint on the node console and re-pin it; otherwise treat it as an attack.',
  });
}
