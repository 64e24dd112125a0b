/** Where the console keeps its state. One data directory; the database and the secret key live there by default. */
import path from 'node:path';

export function dataDir(): string {
  return path.resolve(process.env.LVS_CONSOLE_DATA_DIR ?? 'data');
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:${path.join(dataDir(), 'console.db')}`;
}
