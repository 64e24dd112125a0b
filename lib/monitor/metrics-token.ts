/**
 * The /metrics bearer token: LVS_METRICS_TOKEN, else a random token kept in the data directory
 * (created on first use, mode 0600). Compared in constant time; Prometheus sends it as
 * `Authorization: Bearer <token>` (scrape config `authorization: {credentials_file: ...}`).
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../config';

export const metricsTokenPath = () => path.join(dataDir(), 'metrics-token');

export function metricsToken(): string {
  const fromEnv = process.env.LVS_METRICS_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const file = metricsTokenPath();
  try {
    const t = readFileSync(file, 'utf8').trim();
    if (t) return t;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const token = randomBytes(32).toString('base64url');
  try {
    // 'wx': two first requests at once must not overwrite each other's token.
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return token;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw e;
  }
}

/** Hashing both sides first makes the compare constant-time whatever the lengths. */
export function isMetricsAuthorized(authorization: string | null, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!presented || !token) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}
