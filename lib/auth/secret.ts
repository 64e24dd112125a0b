/** The key that signs session cookies: AUTH_SECRET, or a random one kept in the data directory. */
import crypto from 'node:crypto';
import { authSecretSetting } from '../config';
import { loadSecretSetting } from '../secret-file';

export function authSecret(): string {
  return loadSecretSetting(authSecretSetting(), { env: (v) => v, file: (raw) => raw.toString('utf8').trim() }, () => Buffer.from(crypto.randomBytes(32).toString('base64url')));
}
