// Prisma 6.19's JS engine mode: the schema engine runs as WebAssembly through the better-sqlite3
// adapter, so no native engine is downloaded (this network reaches only the npm registry).
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

process.env.DATABASE_URL ??= `file:${path.resolve(process.env.LVS_CONSOLE_DATA_DIR ?? 'data', 'console.db')}`;
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
