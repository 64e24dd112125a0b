/**
 * "An environment variable, else a 0600 file created on first use": how the secret key, the session
 * key and the metrics token are found. The file is written whole under a temporary name and linked
 * into place, so two processes starting at once agree on one value and neither ever reads a
 * half-written file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretSetting } from './config';

/** The raw content of `file`, creating it with `make()` (directory 0700, file 0600) if it is missing. */
export function readOrCreateSecretFile(file: string, make: () => Buffer): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, make(), { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600); // whatever the umask
    fs.linkSync(tmp, file); // fails with EEXIST if another process got there first: theirs wins
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file);
}

export const isSetInEnv = (setting: SecretSetting): setting is SecretSetting & { value: string } => setting.value !== undefined && setting.value.trim() !== '';

/** The setting's environment value when set and not blank, else its file's (created with `make()`). */
export function loadSecretSetting<T>(setting: SecretSetting, parse: { env: (value: string) => T; file: (raw: Buffer) => T }, make: () => Buffer): T {
  if (isSetInEnv(setting)) return parse.env(setting.value);
  return parse.file(readOrCreateSecretFile(setting.file, make));
}
