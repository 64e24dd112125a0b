import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretSetting, readOrCreateSecretFile } from './secret-file';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'secret-file-'));
const asText = { env: (v: string) => v, file: (raw: Buffer) => raw.toString('utf8') };

describe('environment variable, else a 0600 file', () => {
  it('creates a missing file 0600 in a 0700 directory, then reads the same value back', () => {
    const file = path.join(tmp(), 'new-dir', 'token');
    const first = readOrCreateSecretFile(file, () => Buffer.from('one'));
    expect(first.toString()).toBe('one');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readOrCreateSecretFile(file, () => Buffer.from('two')).toString()).toBe('one');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['token']); // no temporary file left behind
  });

  it('loses a creation race gracefully: the value already linked into place wins', () => {
    const file = path.join(tmp(), 'token');
    // The other process links its file in while we are making ours.
    const value = readOrCreateSecretFile(file, () => {
      fs.writeFileSync(file, 'theirs', { mode: 0o600 });
      return Buffer.from('ours');
    });
    expect(value.toString()).toBe('theirs');
    expect(fs.readFileSync(file, 'utf8')).toBe('theirs');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['token']);
  });

  it('takes the environment value when set and not blank, and touches no file then', () => {
    const file = path.join(tmp(), 'token');
    expect(loadSecretSetting({ name: 'X', value: 'from-env', file }, asText, () => Buffer.from('made'))).toBe('from-env');
    expect(fs.existsSync(file)).toBe(false);
    expect(loadSecretSetting({ name: 'X', value: '  ', file }, asText, () => Buffer.from('made'))).toBe('made');
    expect(loadSecretSetting({ name: 'X', value: undefined, file }, asText, () => Buffer.from('other'))).toBe('made');
  });
});
