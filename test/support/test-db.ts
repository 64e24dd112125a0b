/**
 * A throwaway data directory with a migrated SQLite database, set up before any module that opens
 * the database is imported (call at the top of a test file, then import the app modules dynamically).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function useTestDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-console-test-'));
  process.env.LVS_CONSOLE_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, 'console.db')}`;
  execFileSync(process.execPath, [path.resolve('node_modules/prisma/build/index.js'), 'migrate', 'deploy'], {
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  });
  return dir;
}

/** Empties every table of the already-open test database (the Prisma client stays connected). */
export async function wipeDatabase(): Promise<void> {
  const { db } = await import('@/lib/db');
  await db.$transaction([
    db.virtualNode.deleteMany(), db.nodeGroup.deleteMany(), db.masterCandidate.deleteMany(), db.node.deleteMany(), db.service.deleteMany(),
    db.setting.deleteMany(), db.apiToken.deleteMany(), db.user.deleteMany(), db.auditLog.deleteMany(), db.saveVersion.deleteMany(),
  ]);
}
