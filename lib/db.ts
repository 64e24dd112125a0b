/** The one Prisma client of the process (kept on globalThis so Next's dev reloads reuse it). */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
import { databaseUrl } from './config';

const globalForPrisma = globalThis as unknown as { lvsPrisma?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });
}

export const db: PrismaClient = globalForPrisma.lvsPrisma ?? createClient();
globalForPrisma.lvsPrisma = db;

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
