/**
 * The pages, too, never show a node's password: a fake node echoes it in every answer (stderr, a
 * failed step's output), a save fails on it, and every screen that shows node output or versions is
 * read as the browser gets it. test/api/node-secrets.test.ts covers the answers, versions and logs.
 */
import { expect, test } from '@playwright/test';
import { startFakeNode } from '../test/support/fake-ssh-node';
import { apiClient, startConsole, type ConsoleServer } from './support/live-server';

const SECRET = 'Quokka-Page-Secret-4417';
const ADMIN = { username: 'admin', password: 'correct-horse-42' };
let server: ConsoleServer;
let fake: Awaited<ReturnType<typeof startFakeNode>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fake = await startFakeNode(SECRET, () => ({
    stdout: `@@fail 0 1\n@@stderr ${Buffer.from(`sudo: ${SECRET}`).toString('base64')}\n`,
    stderr: `Permission denied for ${SECRET}\n`,
    code: 1,
  }));
  server = await startConsole(Number(process.env.SECRETS_E2E_PORT ?? 3797), { LVS_POLL_INTERVAL_MS: '1000' });
  const api = apiClient(server);
  await api.call('POST', '/api/v1/setup', ADMIN);
  await api.signIn(ADMIN.username, ADMIN.password);
  const svc = await api.call<{ id: string }>('POST', '/api/v1/services', { name: 'web', protocol: 'tcp', port: 80 });
  const node = await api.call<{ id: string }>('POST', '/api/v1/nodes', {
    name: 'Leaky', address: '10.10.0.11', services: [svc.id],
    ssh: { host: '127.0.0.1', port: fake.port, user: 'root', password: SECRET, hostKeyFingerprint: fake.fingerprint },
  });
  const group = await api.call<{ id: string }>('POST', '/api/v1/node-groups', { name: 'g', nodes: [node.id], services: [svc.id] });
  await api.call('POST', '/api/v1/virtual-nodes', { name: 'www', vip: '10.20.0.100', services: [svc.id], nodeGroup: group.id });
  await api.call('PUT', '/api/v1/master-priority', { nodes: [node.id], preempt: true });
  const saved = await api.call<{ nodes: Array<{ error?: { code: string } }> }>('POST', '/api/v1/save-state', { dryRun: false });
  expect(saved.nodes[0]?.error?.code).toBeTruthy(); // the node's failure is reported, without its password
});

test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

test('no page shows the password a node echoed', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${server.url}/login`);
  await page.locator('input[name=username]').fill(ADMIN.username);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/cluster');
  const encoded = Buffer.from(SECRET).toString('base64');
  for (const path of ['/live', '/history', '/nodes', '/audit', '/save', '/cluster']) {
    await page.goto(`${server.url}${path}`);
    if (path === '/live') await expect(page.locator('[data-node]').first()).toHaveAttribute('data-state', 'unknown', { timeout: 30_000 });
    const html = await page.content();
    expect(html, path).not.toContain(SECRET);
    expect(html, path).not.toContain(encoded);
  }
});
