import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts', 'lab/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Hooks create users (bcrypt) and boot consoles: on a loaded 2-core machine 10 s is not enough.
    hookTimeout: 120_000,
    pool: 'forks',
    // Lab test files share and reset the same nodes: never run two files at once.
    fileParallelism: false,
    // next-auth imports 'next/server' without an extension; let Vite resolve it.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
  },
});
