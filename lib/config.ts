/**
 * Every setting the console reads from its environment, in one place (README "Running it for
 * real" lists the same). One data directory holds the database, the generated secrets and the
 * certificate.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { parseTrustedProxies, type TrustedProxies } from './net/client-address';

type Env = Record<string, string | undefined>;

export function dataDir(env: Env = process.env): string {
  return path.resolve(env.LVS_CONSOLE_DATA_DIR ?? 'data');
}

export function databaseUrl(env: Env = process.env): string {
  return env.DATABASE_URL ?? `file:${path.join(dataDir(env), 'console.db')}`;
}

/** A secret given in the environment, else kept in a 0600 file (see lib/secret-file). */
export interface SecretSetting {
  name: string; // the environment variable, for messages
  value: string | undefined; // unset or blank: use the file
  file: string;
}

/** AES-256-GCM key that seals node credentials at rest. */
export function secretKeySetting(env: Env = process.env): SecretSetting {
  return { name: 'LVS_CONSOLE_SECRET_KEY', value: env.LVS_CONSOLE_SECRET_KEY, file: path.resolve(env.LVS_CONSOLE_KEY_FILE ?? path.join(dataDir(env), 'secret.key')) };
}

/** Signs session cookies. */
export function authSecretSetting(env: Env = process.env): SecretSetting {
  return { name: 'AUTH_SECRET', value: env.AUTH_SECRET, file: path.join(dataDir(env), 'auth.secret') };
}

/** Bearer token for /metrics. */
export function metricsTokenSetting(env: Env = process.env): SecretSetting {
  return { name: 'LVS_METRICS_TOKEN', value: env.LVS_METRICS_TOKEN?.trim(), file: path.join(dataDir(env), 'metrics-token') };
}

/** The live view's poll interval: 250 ms to 60 s, else the 2 s default. */
export function pollIntervalMs(env: Env = process.env): number {
  const v = Number(env.LVS_POLL_INTERVAL_MS);
  return Number.isInteger(v) && v >= 250 && v <= 60_000 ? v : 2_000;
}

export type TlsSetting = { mode: 'self-signed' } | { mode: 'files'; certFile: string; keyFile: string } | { mode: 'off' };

export interface ListenSettings {
  port: number;
  /** null: every address, IPv4 and IPv6. */
  addresses: string[] | null;
  tls: TlsSetting;
  trustedProxies: TrustedProxies;
}

/** Reads PORT, LVS_CONSOLE_LISTEN, LVS_TLS, LVS_TLS_CERT/KEY and LVS_TRUSTED_PROXIES; throws naming the variable. */
export function listenSettings(env: Env = process.env): ListenSettings {
  return { port: listenPort(env.PORT), addresses: listenAddresses(env.LVS_CONSOLE_LISTEN), tls: tlsSetting(env), trustedProxies: parseTrustedProxies(env.LVS_TRUSTED_PROXIES) };
}

function listenPort(value: string | undefined): number {
  if (value === undefined || value === '') return 777;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new Error(`PORT: "${value}" is not a port between 1 and 65535`);
  return port;
}

/** `10.0.0.5`, `[::]`, `127.0.0.1,[::1]`: addresses only (a host name could resolve anywhere, as HOSTNAME did). */
function listenAddresses(value: string | undefined): string[] | null {
  if (value === undefined || value.trim() === '') return null;
  return value.split(',').map((raw) => {
    const entry = raw.trim();
    const address = entry.startsWith('[') && entry.endsWith(']') ? entry.slice(1, -1) : entry;
    if (!isIP(address)) throw new Error(`LVS_CONSOLE_LISTEN: "${entry}" is not an IPv4 or IPv6 address`);
    return address;
  });
}

function tlsSetting(env: Env): TlsSetting {
  const mode = (env.LVS_TLS ?? 'on').toLowerCase();
  if (mode === 'off') return { mode: 'off' };
  if (mode !== 'on') throw new Error(`LVS_TLS: "${env.LVS_TLS}" is neither on nor off`);
  const { LVS_TLS_CERT: certFile, LVS_TLS_KEY: keyFile } = env;
  if (!certFile && !keyFile) return { mode: 'self-signed' };
  if (!certFile || !keyFile) throw new Error(`${certFile ? 'LVS_TLS_KEY' : 'LVS_TLS_CERT'}: set both LVS_TLS_CERT and LVS_TLS_KEY, or neither`);
  return { mode: 'files', certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
}

/** Set by server/ at start-up for the login page: the SHA-256 fingerprint of the certificate it serves. */
export function servedCertificateFingerprint(): string | null {
  return process.env.LVS_TLS_FINGERPRINT || null;
}

/**
 * Test only (test/lab/crash-recovery): the save phase at which the process stops and waits to be
 * killed, so a test can kill the console at a precise point of a save. Unset in production: then
 * lib/save/test-pause is a no-op.
 */
export function testPauseAt(env: Env = process.env): string | null {
  return env.LVS_TEST_PAUSE_AT?.trim() || null;
}
