/**
 * Failover in the browser, on the lab (LVS_LAB_STATE): lab1 and lab2 are the master-priority
 * candidates, set up on the Master priority page with failover on (a bad advert interval is named
 * at its field first); lab3 serves. After Save state (API), the Live and Cluster pages name lab1 as
 * the VIP's holder with lab2 backup; when lab1's VM stops, lab2 within a few polls and lab1 unknown,
 * never green. A switchover from the Live page moves the VIP there and back. Screenshots at 1280 and 390 px in English and Korean go to /tmp/shots-failover/.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { attachLab, type Lab } from '../lab/harness';
import { quietCandidates } from '../lab/timing';
import { apiClient, startConsole, type ConsoleServer } from './support/live-server';

const STATE = process.env.LVS_LAB_STATE;
const VIP = '10.10.0.100';
const ADMIN = { username: 'foadmin', password: 'failover-pass-42' };
const SHOTS = '/tmp/shots-failover';

test.skip(!STATE, 'needs a running lab (LVS_LAB_STATE)');
test.describe.configure({ mode: 'serial' });

let lab: Lab;
let server: ConsoleServer;
let api: ReturnType<typeof apiClient>;
let ids: Record<string, string> = {};
let adminId = '';
let stopped = false;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  lab = attachLab(STATE!);
  await lab.resetAll();
  // 2 s polls (1.8 s poll timeout) like the live e2e: at 1 s, the candidates' polls on a loaded
  // 2-core machine kept running past their 1 s timeout and both showed unknown.
  server = await startConsole(Number(process.env.FAILOVER_E2E_PORT ?? 3827), { LVS_POLL_INTERVAL_MS: '2000' });
  api = apiClient(server);
  adminId = (await api.call<{ id: string }>('POST', '/api/v1/setup', ADMIN)).id;
  await api.signIn(ADMIN.username, ADMIN.password);
  const web = (await api.call<{ id: string }>('POST', '/api/v1/services', { name: 'web', protocol: 'tcp', port: 80, scheduler: 'wlc', forwarding: 'dr' })).id;
  for (const name of ['lab1', 'lab2', 'lab3']) {
    const n = lab.node(name);
    ids[name] = (await api.call<{ id: string }>('POST', '/api/v1/nodes', {
      name, address: n.clusterAddress, vipInterface: 'eth0', services: name === 'lab3' ? [web] : [],
      ssh: { host: n.sshHost, port: n.sshPort, user: 'root', privateKey: lab.privateKey, hostKeyFingerprint: n.hostKeyFingerprint },
    })).id;
  }
  const group = (await api.call<{ id: string }>('POST', '/api/v1/node-groups', { name: 'web', nodes: [ids.lab3], services: [web] })).id;
  await api.call('POST', '/api/v1/virtual-nodes', { name: 'www', vip: VIP, services: [web], nodeGroup: group });
  await api.call('PUT', '/api/v1/master-priority', { nodes: [ids.lab1, ids.lab2], preempt: true, failover: null });
});

test.afterAll(async () => {
  test.setTimeout(240_000);
  if (lab) {
    if (stopped) await lab.start('lab1').catch(() => undefined);
    await quietCandidates(lab);
    await lab.resetAll().catch(() => undefined);
    lab.close();
  }
  await server?.stop();
});

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const vip = (page: Page) => page.locator(`[data-vip="${VIP}"]`);
const stateOf = (page: Page, node: string) => vip(page).locator('[data-vrrp-state]').filter({ hasText: node });

test('failover through the UI: set it up, see the holder, lose the master', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${server.url}/login`);
  await page.locator('input[name=username]').fill(ADMIN.username);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/cluster');

  await test.step('the master page: a bad advert interval is named at its field; then failover is stored', async () => {
    await page.goto(`${server.url}/master`);
    await page.locator('input[name="failover.enabled"]').check();
    await page.locator('input[name="failover.advertIntervalMs"]').fill('105');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('[data-field-error="failover.advertIntervalMs"]')).toContainText('multiple of 10 ms');
    await expect(page.locator('input[name="failover.advertIntervalMs"]')).toHaveValue('105');
    await page.locator('input[name="failover.advertIntervalMs"]').fill('1000'); // room for starved emulated nodes
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await api.call<{ failover: { advertIntervalMs: number } | null }>('GET', '/api/v1/master-priority')).failover?.advertIntervalMs).toBe(1000);
    await shots(page, 'en-master');
  });

  await test.step('saved: the Live and Cluster pages name lab1 the holder, lab2 backup', async () => {
    const saved = await api.call<{ nodes: Array<{ name: string; status: string; error?: { message: string } }> }>('POST', '/api/v1/save-state', { dryRun: false });
    expect(saved.nodes.map((n) => [n.name, n.status, n.error?.message]), JSON.stringify(saved.nodes.map((n) => n.error))).toEqual([['lab1', 'applied', undefined], ['lab2', 'applied', undefined], ['lab3', 'applied', undefined]]);
    await page.goto(`${server.url}/live`);
    await expect(vip(page)).toHaveAttribute('data-holder', ids.lab1, { timeout: 60_000 });
    await expect(stateOf(page, 'lab2')).toHaveAttribute('data-vrrp-state', 'backup');
    await shots(page, 'en-live-vips');
    // Leaving /live let the loops rest (the always-on watch takes the new candidates at its next
    // refresh): the Cluster page shows them unknown until the first poll after its visit, then the holder.
    await page.goto(`${server.url}/cluster`);
    await expect(vip(page)).toHaveAttribute('data-holder', ids.lab1, { timeout: 60_000 });
    await shots(page, 'en-cluster-vips');
  });

  await test.step('a planned switchover from the Live page, there and back', async () => {
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/live`);
    await page.locator(`[data-action="switchover"][data-to="${ids.lab2}"]`).click();
    await expect(page.getByRole('status')).toContainText('lab2 holds the VIP', { timeout: 60_000 });
    await expect(vip(page)).toHaveAttribute('data-holder', ids.lab2, { timeout: 30_000 });
    await shots(page, 'en-live-switched-over');
    await page.locator(`[data-action="switchover"][data-to="${ids.lab1}"]`).click();
    await expect(vip(page)).toHaveAttribute('data-holder', ids.lab1, { timeout: 60_000 });
  });

  await test.step('lab1 stops: lab2 holds the VIP within a few polls, lab1 is unknown, not green', async () => {
    await page.goto(`${server.url}/live`);
    stopped = true;
    await lab.stop('lab1');
    await expect(vip(page)).toHaveAttribute('data-holder', ids.lab2, { timeout: 30_000 });
    await expect(stateOf(page, 'lab1')).toHaveAttribute('data-vrrp-state', 'unknown', { timeout: 30_000 });
    await api.call('PUT', `/api/v1/users/${adminId}`, { locale: 'ko' });
    await page.reload();
    await expect(page.getByText('가상 IP (장애 조치)')).toBeVisible();
    await shots(page, 'ko-live-vips-failed-over');
    await page.goto(`${server.url}/master`);
    await shots(page, 'ko-master');
    await api.call('PUT', `/api/v1/users/${adminId}`, { locale: 'en' });
  });
});
