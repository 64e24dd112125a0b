/**
 * Host-key pinning. The fingerprint format is OpenSSH's (`ssh-keygen -lf`): `SHA256:` + unpadded
 * base64 of sha256 over the raw public key blob, so an admin can compare it with what the node says.
 */
import { createHash } from 'node:crypto';
import { Client } from 'ssh2';
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

/**
 * Connect only far enough to see the host key, then hang up before authenticating. Used to show
 * the admin a fingerprint to confirm when a node is added.
 */
export function probeHostKey(host: string, port: number, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let presented: string | null = null;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      client.removeAllListeners();
      client.on('error', () => {}); // late socket errors after we hung up
      client.end();
      fn();
    };
    client.on('error', (err) => {
      if (presented) return finish(() => resolve(presented as string));
      const e = err as { level?: string; code?: string; message: string };
      const code = e.level === 'client-timeout' ? 'timeout' : 'unreachable';
      finish(() => reject(new SshError(code, { host, port, phase: 'connect', timeoutMs, reason: e.code ?? e.message })));
    });
    client.on('close', () => {
      if (presented) finish(() => resolve(presented as string));
      else finish(() => reject(new SshError('unreachable', { host, port, reason: 'connection closed before the host key was presented' })));
    });
    client.connect({
      host,
      port,
      username: 'lvs-console-probe',
      readyTimeout: timeoutMs,
      algorithms: { serverHostKey: [...HOST_KEY_ALGORITHMS] },
      hostVerifier: (key: Buffer) => {
        presented = fingerprintOf(key);
        return false; // refuse: we only wanted to look
      },
    });
  });
}
