/** Login and host keys of a lab run: generated per run, kept in its state dir, never committed. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function generateEd25519(file: string, comment: string): void {
  for (const f of [file, file + '.pub']) if (existsSync(f)) rmSync(f);
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

/** OpenSSH's `SHA256:` fingerprint of a public key line (`ssh-ed25519 AAAA... comment`). */
export function fingerprintOfPublicKeyLine(line: string): string {
  const blob = line.trim().split(/\s+/)[1];
  if (!blob) throw new Error('not a public key line');
  return 'SHA256:' + createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '');
}

export function publicKeyLine(file: string): string {
  return readFileSync(file + '.pub', 'utf8').trim();
}
