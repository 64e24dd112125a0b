import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts', 'lab/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Setup hooks hash passwords and migrate databases: on a loaded 2-core machine 10 s was not enough.
    hookTimeout: 60_000,
    pool: 'forks',
    // Lab test files share and reset the same nodes: never run two files at once.
    fileParallelism: false,
    // next-auth imports 'next/server' without an extension; let Vite resolve it.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
  },
});
