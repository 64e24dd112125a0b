/**
 * Every setting the console reads from its environment, in one place (README "Running it for
 * real" lists the same). One data directory holds the database and the generated secrets.
 */
import path from 'node:path';

type Env = NodeJS.ProcessEnv;

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

/**
 * Test only (test/lab/crash-recovery): the save phase at which the process stops and waits to be
 * killed, so a test can kill the console at a precise point of a save. Unset in production: then
 * lib/save/test-pause is a no-op.
 */
export function testPauseAt(env: Env = process.env): string | null {
  return env.LVS_TEST_PAUSE_AT?.trim() || null;
}
