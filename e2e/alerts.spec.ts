/**
 * The alerts page as an admin uses it, on a console of its own: a bad URL is a field error and
 * writes nothing; a webhook channel to a loopback receiver gets a signed test; a mail channel to a
 * loopback SMTP sink (STARTTLS with its own CA) gets a test mail; an empty secret on edit keeps the
 * stored one; no page ever carries the secret or the password. Screenshots at 1280 and 390 px, in
 * English and Korean, go to /tmp/shots-alerts/.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startSmtpSink, startWebhookReceiver } from '../test/support/alert-sinks';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../lib/alerts/sign';
import { apiClient, startConsole, type ConsoleServer } from './support/live-server';

const SECRET = 'Wombat-Hook-Secret-9931';
const MAIL_PASSWORD = 'Platypus-Mail-Pass-5528';
const ADMIN = { username: 'admin', password: 'correct-horse-42' };
const SHOTS = '/tmp/shots-alerts';
let server: ConsoleServer;
let api: ReturnType<typeof apiClient>;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  hook = await startWebhookReceiver();
  smtp = await startSmtpSink({ user: 'lvs', password: MAIL_PASSWORD });
  server = await startConsole(Number(process.env.ALERTS_E2E_PORT ?? 3807), {});
  api = apiClient(server);
  await api.call('POST', '/api/v1/setup', ADMIN);
  await api.signIn(ADMIN.username, ADMIN.password);
});

test.afterAll(async () => {
  await server?.stop();
  await hook?.close();
  await smtp?.close();
});

const input = (page: Page, name: string) => page.locator(`form [name="${name}"]:not([type=hidden])`).first();
const storedChannels = async () => (await api.call<{ channels: Array<{ name: string; secretSet: boolean }> }>('GET', '/api/v1/alerts')).channels;

async function noSecretInPage(page: Page, where: string) {
  const html = await page.content();
  for (const s of [SECRET, MAIL_PASSWORD, Buffer.from(SECRET).toString('base64')]) expect(html, where).not.toContain(s);
}

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('alert channels through the UI: validate, save, test, keep secrets write-only, translate', async ({ page }) => {
  test.setTimeout(240_000);
  page.on('dialog', (d) => d.accept());
  await page.goto(`${server.url}/login`);
  await page.locator('input[name=username]').fill(ADMIN.username);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/cluster');
  await page.goto(`${server.url}/alerts`);

  await test.step('a bad URL is a field error at channels.0.url, what was typed stays, nothing is written', async () => {
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await input(page, 'channels.0.name').fill('ops-hook');
    await input(page, 'channels.0.url').fill('ftp://127.0.0.1/hook');
    await input(page, 'channels.0.secret').fill(SECRET);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('[data-field-error="channels.0.url"]')).toHaveText('URL: must be http or https');
    await expect(input(page, 'channels.0.url')).toHaveValue('ftp://127.0.0.1/hook');
    expect(await storedChannels()).toEqual([]);
    await noSecretInPage(page, 'form with an error');
    await shots(page, 'en-webhook-form-error');
  });

  await test.step('a webhook to the loopback receiver: saved with its secret set, a test arrives signed', async () => {
    await input(page, 'channels.0.url').fill(hook.url);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('form[data-channel-form]')).toHaveCount(0);
    const row = page.locator('tr[data-row="ops-hook"]');
    await expect(row).toContainText(hook.url);
    await expect(row).toContainText('set');
    await expect(row).not.toContainText('not set');
    expect(await storedChannels()).toMatchObject([{ name: 'ops-hook', secretSet: true }]);
    await page.getByRole('button', { name: 'Send test ops-hook' }).click();
    await expect(row.locator('[data-test-result]')).toHaveAttribute('data-test-result', 'ok');
    await expect(row).toContainText('Test alert sent.');
    expect(hook.hits).toHaveLength(1);
    const { headers, body } = hook.hits[0];
    expect(verifyWebhook(SECRET, String(headers[TIMESTAMP_HEADER]), body, String(headers[SIGNATURE_HEADER]))).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ reason: 'test', channel: 'ops-hook' });
    await expect(page.locator('tr[data-delivery="sent"]')).toHaveCount(1); // the log refreshed
    await page.reload();
    await noSecretInPage(page, 'after save');
  });

  await test.step('edit with the secret left empty keeps it; a failing receiver is reported inline and in the log', async () => {
    await page.getByRole('button', { name: 'Edit ops-hook' }).click();
    await expect(input(page, 'channels.0.secret')).toHaveValue('');
    await noSecretInPage(page, 'edit form');
    await input(page, 'channels.0.realertMinutes').fill('15');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('form[data-channel-form]')).toHaveCount(0);
    await expect(page.locator('tr[data-row="ops-hook"]')).toContainText('15');
    await page.getByRole('button', { name: 'Send test ops-hook' }).click();
    await expect(page.locator('tr[data-row="ops-hook"] [data-test-result="ok"]')).toBeVisible();
    await expect.poll(() => hook.hits.length).toBe(2);
    const { headers, body } = hook.hits[1];
    expect(verifyWebhook(SECRET, String(headers[TIMESTAMP_HEADER]), body, String(headers[SIGNATURE_HEADER]))).toBe(true);
    hook.failNext(1);
    await page.getByRole('button', { name: 'Send test ops-hook' }).click();
    await expect(page.locator('tr[data-row="ops-hook"] [data-test-result="failed"]')).toContainText('webhook answered HTTP 503');
    await expect(page.locator('tr[data-delivery="failed"]')).toHaveCount(1);
  });

  await test.step('a mail channel: a bad recipient is named at its input; then a test mail over STARTTLS', async () => {
    await page.getByRole('button', { name: 'Add mail' }).click();
    const p = 'channels.1.';
    await input(page, `${p}name`).fill('ops-mail');
    await input(page, `${p}host`).fill('127.0.0.1');
    await input(page, `${p}port`).fill(String(smtp.port));
    await input(page, `${p}user`).fill('lvs');
    await input(page, `${p}password`).fill(MAIL_PASSWORD);
    await input(page, `${p}from`).fill('lvs@example.com');
    await input(page, `${p}to`).fill('ops@example.com\nnot-an-address');
    await input(page, `${p}ca`).fill(smtp.ca.trim());
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator(`[data-field-error="${p}to"]`)).toContainText('not-an-address: must be a plain address');
    expect(await storedChannels()).toHaveLength(1);
    await input(page, `${p}to`).fill('ops@example.com, oncall@example.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('form[data-channel-form]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Send test ops-mail' }).click();
    await expect(page.locator('tr[data-row="ops-mail"] [data-test-result="ok"]')).toBeVisible();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ secure: true, user: 'lvs', to: ['ops@example.com', 'oncall@example.com'] });
    await page.reload();
    await noSecretInPage(page, 'with a mail channel');
    await shots(page, 'en-alerts');
    await page.getByRole('button', { name: 'Edit ops-mail' }).click();
    await shots(page, 'en-mail-form');
  });

  await test.step('Korean labels', async () => {
    await page.goto(`${server.url}/alerts`);
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.getByRole('button', { name: '웹훅 추가' })).toBeVisible();
    await expect(page.getByRole('button', { name: '테스트 전송 ops-hook' })).toBeVisible();
    await shots(page, 'ko-alerts');
    await page.getByRole('button', { name: '웹훅 추가' }).click();
    await input(page, 'channels.2.name').fill('bad');
    await input(page, 'channels.2.url').fill('not a url');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect(page.locator('[data-field-error="channels.2.url"]')).toBeVisible();
    await shots(page, 'ko-webhook-form-error');
    await noSecretInPage(page, 'Korean page');
  });

  await test.step('delete a channel', async () => {
    await page.goto(`${server.url}/alerts`);
    await page.getByRole('button', { name: '삭제 ops-mail' }).click();
    await expect(page.locator('tr[data-row="ops-mail"]')).toHaveCount(0);
    expect((await storedChannels()).map((c) => c.name)).toEqual(['ops-hook']);
  });
});
