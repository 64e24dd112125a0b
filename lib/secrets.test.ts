import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretError, loadSecretKey, openSecret, openWithKey, parseSecretKey, sealSecret, sealWithKey } from './secrets';
import { fakePrivateKey } from '@/test/support/fake-key';

const key = randomBytes(32);
const PEM = fakePrivateKey('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof SecretError ? e.code : 'not-a-SecretError';
  }
  return undefined;
}

describe('seal/open with an explicit key', () => {
  it.each([['', 'empty'], ['hunter2', 'ascii'], [PEM, 'pem key'], ['пароль ✓', 'utf-8']])('round-trips %j (%s)', (plain) => {
    expect(openWithKey(sealWithKey(plain, key), key)).toBe(plain);
  });

  it('is versioned and never gives equal ciphertexts for equal plaintexts', () => {
    const a = sealWithKey('same', key);
    const b = sealWithKey('same', key);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same');
  });

  it('refuses the wrong key', () => {
    expect(codeOf(() => openWithKey(sealWithKey('x', key), randomBytes(32)))).toBe('wrong-key-or-tampered');
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 2],
    ['iv', 1],
  ])('detects a flipped bit in the %s', (_name, index) => {
    const parts = sealWithKey('secret-password', key).split(':');
    const bytes = Buffer.from(parts[index], 'base64');
    bytes[0] ^= 1;
    parts[index] = bytes.toString('base64');
    expect(codeOf(() => openWithKey(parts.join(':'), key))).toBe('wrong-key-or-tampered');
  });

  it.each([['plain text'], ['v2:a:b:c'], ['v1:AAAA:AAAA:AAAA'], ['v1:only:three']])('rejects malformed %j', (s) => {
    expect(codeOf(() => openWithKey(s, key))).toBe('malformed');
  });

  it('error messages never contain the secret or the key', () => {
    const sealed = sealWithKey('topsecret-value', key);
    try {
      openWithKey(sealed, randomBytes(32));
    } catch (e) {
      const text = JSON.stringify({ m: (e as Error).message, s: (e as Error).stack });
      expect(text).not.toContain('topsecret-value');
      expect(text).not.toContain(key.toString('hex'));
    }
  });
});

describe('parseSecretKey', () => {
  it.each([
    [key.toString('hex'), true],
    [key.toString('hex').toUpperCase(), true],
    [key.toString('base64'), true],
    [` ${key.toString('base64')}\n`, true],
    ['abc', false],
    [randomBytes(16).toString('base64'), false],
    [randomBytes(31).toString('hex'), false],
  ])('%j → valid=%s', (text, ok) => {
    if (ok) expect(parseSecretKey(text, 'test').equals(key)).toBe(true);
    else expect(codeOf(() => parseSecretKey(text, 'test'))).toBe('bad-key');
  });

  it('does not echo a bad key in its message', () => {
    try {
      parseSecretKey('not-a-real-key-material', 'LVS_CONSOLE_SECRET_KEY');
    } catch (e) {
      expect((e as Error).message).not.toContain('not-a-real-key-material');
    }
  });
});

describe('key source', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['LVS_CONSOLE_SECRET_KEY', 'LVS_CONSOLE_KEY_FILE', 'LVS_CONSOLE_DATA_DIR']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('creates the key file 0600 in a 0700 data dir on first use, then reuses it', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-secrets-')), 'data');
    delete process.env.LVS_CONSOLE_SECRET_KEY;
    delete process.env.LVS_CONSOLE_KEY_FILE;
    process.env.LVS_CONSOLE_DATA_DIR = dir;
    const sealed = sealSecret('pw');
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).length).toBe(32);
    expect(openSecret(sealed)).toBe('pw');
    expect(openWithKey(sealed, fs.readFileSync(file))).toBe('pw');
    fs.rmSync(path.dirname(dir), { recursive: true });
  });

  it('prefers LVS_CONSOLE_SECRET_KEY, and a different key cannot open the blob', () => {
    process.env.LVS_CONSOLE_SECRET_KEY = key.toString('hex');
    const sealed = sealSecret('pw');
    expect(openWithKey(sealed, key)).toBe('pw');
    process.env.LVS_CONSOLE_SECRET_KEY = randomBytes(32).toString('base64');
    expect(codeOf(() => openSecret(sealed))).toBe('wrong-key-or-tampered');
  });

  it('honours LVS_CONSOLE_KEY_FILE with a hex text key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-secrets-'));
    const file = path.join(dir, 'my.key');
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
    delete process.env.LVS_CONSOLE_SECRET_KEY;
    process.env.LVS_CONSOLE_KEY_FILE = file;
    expect(loadSecretKey().equals(key)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });
});
