/**
 * The health screens, on a console of its own. Per-node checks on the Services screen: a bad path
 * on one node's own check is named at its input, what was typed stays and nothing is stored; then an
 * own check and a "not checked" row are stored as the API's overrides; the card reads in Korean.
 * The Events timeline, with events as the node log collector stores them (the lab tests make real
 * ones): names, colours, filters, in both languages. Screenshots at 1280 and 390 px, in English and
 * Korean, go to /tmp/shots-overrides/ and /tmp/shots-events/.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { apiClient, startConsole, type ConsoleServer } from './support/live-server';
import { throwawayPrivateKey } from './support/ssh-key';

const ADMIN = { username: 'admin', password: 'correct-horse-42' };
const SHOTS = '/tmp/shots-overrides';
let server: ConsoleServer;
let api: ReturnType<typeof apiClient>;
let ids: { web: string; a: string; b: string; admin: string };

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startConsole(Number(process.env.OVERRIDES_E2E_PORT ?? 3817), {});
  api = apiClient(server);
  const admin = (await api.call<{ id: string }>('POST', '/api/v1/setup', ADMIN)).id;
  await api.signIn(ADMIN.username, ADMIN.password);
  const key = throwawayPrivateKey();
  const web = (await api.call<{ id: string }>('POST', '/api/v1/services', {
    name: 'web', protocol: 'tcp', port: 80, scheduler: 'wlc', forwarding: 'dr', healthCheck: { type: 'http', path: '/' },
  })).id;
  const node = async (name: string, n: number) => (await api.call<{ id: string }>('POST', '/api/v1/nodes', {
    name, address: `10.10.0.${n}`, services: [web], ssh: { host: '127.0.0.1', port: 2200 + n, privateKey: key.key },
  })).id;
  ids = { web, a: await node('web-a', 12), b: await node('web-b', 13), admin };
  key.cleanup();
});

test.afterAll(async () => { await server?.stop(); });

const input = (page: Page, name: string) => page.locator(`form [name="${name}"]`).first();
const stored = () => api.call<Array<{ node: string; healthCheck: { path: string } | null }>>('GET', '/api/v1/check-overrides');

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[name=username]').fill(ADMIN.username);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/cluster');
}

test('per-node checks through the UI: validate, store, translate', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await page.goto(`${server.url}/services`);
  const b = `co.${ids.b}.${ids.web}`;
  const a = `co.${ids.a}.${ids.web}`;

  await test.step('a path with a space is named at web-b\'s own input; what was typed stays; nothing stored', async () => {
    await expect(page.locator('[data-override-row]')).toHaveCount(2);
    await input(page, `${b}.mode`).selectOption('own');
    await input(page, `${b}.path`).fill('/app ok');
    await page.getByRole('button', { name: 'Save per-node checks' }).click();
    await expect(page.locator(`[data-field-error="${b}.path"]`)).toContainText('URL path: must be a URL path');
    await expect(input(page, `${b}.path`)).toHaveValue('/app ok');
    expect(await stored()).toEqual([]);
    await shots(page, 'en-override-error');
  });

  await test.step('an own check on web-b and none on web-a are stored as overrides', async () => {
    await input(page, `${b}.path`).fill('/app/ok');
    await input(page, `${a}.mode`).selectOption('none');
    await page.getByRole('button', { name: 'Save per-node checks' }).click();
    await expect.poll(async () => (await stored()).length).toBe(2);
    const got = await stored();
    expect(got.find((o) => o.node === ids.b)?.healthCheck).toMatchObject({ type: 'http', path: '/app/ok', intervalMs: 1000 });
    expect(got.find((o) => o.node === ids.a)?.healthCheck).toBeNull();
    await page.reload();
    await expect(input(page, `${b}.path`)).toHaveValue('/app/ok');
    await expect(input(page, `${a}.mode`)).toHaveValue('none');
    await shots(page, 'en-overrides');
  });

  await test.step('in Korean', async () => {
    await api.call('PUT', `/api/v1/users/${ids.admin}`, { locale: 'ko' });
    await page.reload();
    await expect(page.getByText('노드별 헬스 체크')).toBeVisible();
    await expect(page.getByRole('button', { name: '노드별 검사 저장' })).toBeVisible();
    await shots(page, 'ko-overrides');
    await api.call('PUT', `/api/v1/users/${ids.admin}`, { locale: 'en' });
  });
});

test('the events timeline: kinds, nodes, filters, both languages, phone width', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = '/tmp/shots-events';
  fs.mkdirSync(dir, { recursive: true });
  // As the collector stores node events (node id, byte offset, node time) and the console its own.
  const db = new Database(path.join(server.dataDir, 'console.db'));
  const insert = db.prepare('INSERT INTO "Event" (nodeId, "offset", at, kind, serviceId, realServerId, detail, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // Prisma's SQLite text form of a DateTime.
  const put = (node: string, offset: number | null, at: string, ...rest: [string, string | null, string, string]) =>
    insert.run(node, offset, at.replace('Z', '+00:00'), ...rest, at.replace('Z', '+00:00'));
  const svc = 'tcp/10.20.0.100:80';
  put(ids.a, 0, '2026-12-03T03:12:04.120Z', 'rs-down', ids.web, ids.b, JSON.stringify({ service: svc, rs: '10.10.0.13:80', output: 'HTTP status 404' }));
  put(ids.a, 90, '2026-12-03T03:12:31.480Z', 'rs-up', ids.web, ids.b, JSON.stringify({ service: svc, rs: '10.10.0.13:80' }));
  put(ids.a, null, '2026-12-03T03:20:00.000Z', 'drain-started', null, ids.b, JSON.stringify({ deadlineSeconds: 300 }));
  put(ids.a, null, '2026-12-03T03:21:10.000Z', 'drain-done', null, ids.b, JSON.stringify({ outcome: 'idle', active: 0, inactive: 0, persistent: 0 }));
  db.close();
  await signIn(page);
  await page.goto(`${server.url}/events`);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(page.locator('[data-event-card]')).toHaveCount(4); // the phone's cards, hidden at this width
  await expect(rows.first()).toContainText('rs-down'); // oldest first, a timeline
  await expect(rows.first()).toContainText('web-a');
  await expect(rows.first()).toContainText(`${svc} → 10.10.0.13:80`);
  await expect(rows.first()).toContainText('output=HTTP status 404');
  await expect(rows.last()).toContainText('drain-done');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${dir}/en-events-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/events?kind=rs-up`);
  await expect(rows).toHaveCount(1);
  await api.call('PUT', `/api/v1/users/${ids.admin}`, { locale: 'ko' });
  await page.goto(`${server.url}/events`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Events');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${dir}/ko-events-${width}.png`, fullPage: true });
  }
  await api.call('PUT', `/api/v1/users/${ids.admin}`, { locale: 'en' });
});
