/**
 * Node credentials at rest: AES-256-GCM with a key that never lives in the database, so a copied
 * database file (or backup, or export) alone does not reveal any node's SSH key or password.
 *
 * Key source, first match wins:
 *   1. env LVS_CONSOLE_SECRET_KEY: 64 hex characters, or base64 of 32 bytes;
 *   2. the key file LVS_CONSOLE_KEY_FILE ?? <LVS_CONSOLE_DATA_DIR ?? ./data>/secret.key,
 *      created on first use (directory 0700, file 0600, 32 random bytes).
 * Losing the key makes stored credentials unreadable: back it up separately from the database.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretKeySetting } from './config';
import { isSetInEnv, loadSecretSetting } from './secret-file';

const VERSION = 'v1';
const IV_BYTES = 12; // GCM's native nonce size
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// Binds ciphertexts to this purpose and format version; a blob from another use won't open here.
const AAD = Buffer.from('lvs-console/secret/v1');

export type SecretErrorCode = 'bad-key' | 'malformed' | 'wrong-key-or-tampered';

export class SecretError extends Error {
  constructor(
    readonly code: SecretErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}

/** Parses a key given as 64 hex characters or base64 of 32 bytes. Never echoes the value. */
export function parseSecretKey(text: string, source: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const b = Buffer.from(t, 'base64');
    if (b.length === KEY_BYTES) return b;
  }
  throw new SecretError('bad-key', `${source}: expected 64 hex characters or base64 of 32 bytes`);
}

function keyFromFile(raw: Buffer, file: string): Buffer {
  if (raw.length === KEY_BYTES) return raw;
  // Also accept a hand-made file holding the text forms (with or without a trailing newline).
  return parseSecretKey(raw.toString('utf8'), `key file ${file}`);
}

const keyCache = new Map<string, Buffer>();

/** The active key. Cached per source so a changed env (tests, key rotation tooling) takes effect. */
export function loadSecretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const setting = secretKeySetting(env);
  const load = () => loadSecretSetting(setting, { env: (v) => parseSecretKey(v, setting.name), file: (raw) => keyFromFile(raw, setting.file) }, () => randomBytes(KEY_BYTES));
  if (isSetInEnv(setting)) return load();
  let key = keyCache.get(setting.file);
  if (!key) {
    key = load();
    keyCache.set(setting.file, key);
  }
  return key;
}

export function sealWithKey(plain: string, key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new SecretError('bad-key', 'secret key must be 32 bytes');
  const iv = randomBytes(IV_BYTES); // random per message: equal plaintexts never give equal blobs
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

export function openWithKey(sealed: string, key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new SecretError('bad-key', 'secret key must be 32 bytes');
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SecretError('malformed', `sealed secret is not in the ${VERSION}:<iv>:<tag>:<ciphertext> format`);
  }
  const [, ivB64, tagB64, ctB64] = parts;
  const iv = Buffer.from(ivB64, 'base64');
  const tag = Buffer.from(tagB64, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretError('malformed', 'sealed secret has a bad IV or tag length');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError(
      'wrong-key-or-tampered',
      'sealed secret could not be opened: the secret key is not the one it was sealed with, or the data was altered',
    );
  }
}

export function sealSecret(plain: string): string {
  return sealWithKey(plain, loadSecretKey());
}

export function openSecret(sealed: string): string {
  return openWithKey(sealed, loadSecretKey());
}
