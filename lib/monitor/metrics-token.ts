/**
 * The /metrics bearer token: LVS_METRICS_TOKEN, else a random token kept in the data directory
 * (created on first use, mode 0600). Compared in constant time; Prometheus sends it as
 * `Authorization: Bearer <token>` (scrape config `authorization: {credentials_file: ...}`).
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { metricsTokenSetting } from '../config';
import { loadSecretSetting } from '../secret-file';

export const metricsTokenPath = () => metricsTokenSetting().file;

export function metricsToken(): string {
  return loadSecretSetting(metricsTokenSetting(), { env: (v) => v, file: (raw) => raw.toString('utf8').trim() }, () => Buffer.from(`${randomBytes(32).toString('base64url')}\n`));
}

/** Hashing both sides first makes the compare constant-time whatever the lengths. */
export function isMetricsAuthorized(authorization: string | null, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!presented || !token) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}
