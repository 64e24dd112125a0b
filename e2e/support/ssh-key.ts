import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway ed25519 key made for this run (never committed), and a substring that must never show up in a page. */
export function throwawayPrivateKey(): { key: string; marker: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-e2e-key-'));
  const file = path.join(dir, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lvs-e2e', '-f', file]);
  const key = fs.readFileSync(file, 'utf8');
  // The second body line is pure private material (the first carries the public-key header too).
  const marker = key.split('\n')[2].slice(8, 40);
  return { key, marker, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
