import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3777);

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `https://127.0.0.1:${port}`,
    // The console's own self-signed certificate (TLS is the default); e2e/tls.spec.ts checks it.
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'bash scripts/e2e-server.sh',
    url: `https://127.0.0.1:${port}/login`,
    ignoreHTTPSErrors: true,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
