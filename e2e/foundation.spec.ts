/**
 * Example 1 of the domain notes, built through the UI only on an empty console: first admin,
 * services, four nodes, a node group, a virtual node, weights 200/100/200/100, then Korean labels,
 * a viewer who can't change a weight, and no stored key in any page the admin sees.
 */
import { expect, test } from '@playwright/test';
import { field, fill, screenshot, signIn, signOut, submitAndWaitClosed } from './support/console';
import { throwawayPrivateKey } from './support/ssh-key';
import { httpsRequest } from './support/https';

const ADMIN = { username: 'admin', password: 'correct-horse-42' };
const VIEWER = { username: 'viewer1', password: 'viewer-pass-42' };
const NODES = [
  { name: 'Web01', address: '10.10.0.11', port: '2201', weight: '200' },
  { name: 'Web02', address: '10.10.0.12', port: '2202', weight: '100' },
  { name: 'Web03', address: '10.10.0.13', port: '2203', weight: '200' },
  { name: 'Web04', address: '10.10.0.14', port: '2204', weight: '100' },
];
const PAGES = ['cluster', 'services', 'nodes', 'node-groups', 'virtual-nodes', 'master', 'weights', 'users', 'audit', 'save'];

test('example 1 through the UI: build, see, translate, restrict', async ({ page }) => {
  const sshKey = throwawayPrivateKey();
  page.on('dialog', (d) => d.accept());
  try {
    await test.step('the first visit on an empty database goes to setup; bad input keeps what was typed', async () => {
      await page.goto('/services');
      await page.waitForURL('**/setup');
      await screenshot(page, 'setup');
      await fill(page, { username: 'A!', password: 'short' });
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('[data-field-error="username"]')).toContainText('must be 2–32 lowercase letters');
      await expect(page.locator('[data-field-error="password"]')).toContainText('at least 8 characters');
      await expect(field(page, 'username')).toHaveValue('A!');
      await fill(page, { ...ADMIN, passwordConfirm: 'correct-horse-24' });
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('[data-field-error="passwordConfirm"]')).toContainText('The two passwords differ.');
      await fill(page, { passwordConfirm: ADMIN.password });
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/cluster');
      await expect(page.getByTestId('current-user')).toContainText('admin');
    });

    await test.step('served over HTTPS: Secure session cookie, HSTS, and the served certificate\'s fingerprint on the sign-in page', async () => {
      const session = (await page.context().cookies()).find((c) => c.name.endsWith('authjs.session-token'));
      expect(session?.name).toBe('__Secure-authjs.session-token');
      expect(session?.secure).toBe(true);
      const response = await page.goto('/cluster');
      expect(page.url()).toMatch(/^https:/);
      expect(response?.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
      const served = (await httpsRequest(page.url())).fingerprint256;
      const signedOut = await page.context().browser()!.newPage({ ignoreHTTPSErrors: true });
      await signedOut.goto(new URL('/login', page.url()).href);
      await expect(signedOut.getByTestId('certificate-fingerprint')).toContainText(served);
      await signedOut.close();
    });

    await test.step('services httpd (tcp 80, lc, persistent 360, DR) and drinfo', async () => {
      await page.goto('/services');
      await page.getByRole('button', { name: 'New service' }).click();
      await fill(page, { name: 'httpd', port: '80' });
      await field(page, 'scheduler').selectOption('lc');
      await page.getByLabel('Persistent connections').check();
      await fill(page, { 'persistence.timeout': '360' });
      await submitAndWaitClosed(page, 'New service');
      const httpd = page.locator('tr[data-row="httpd"]');
      await expect(httpd).toContainText('lc');
      await expect(httpd).toContainText('360 s');
      await expect(httpd).toContainText('Route');

      await page.getByRole('button', { name: 'New service' }).click();
      await fill(page, { name: 'drinfo', port: '99999', description: 'Encluster drinfo' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.locator('[data-field-error="port"]')).toHaveText('Port: must be between 1 and 65535');
      await expect(field(page, 'name')).toHaveValue('drinfo');
      await expect(page.locator('tr[data-row="drinfo"]')).toHaveCount(0);
      await screenshot(page, 'en-services-form-error');
      await fill(page, { port: '7777' });
      await submitAndWaitClosed(page, 'New service');
      await expect(page.locator('tr[data-row="drinfo"]')).toContainText('7777');
    });

    await test.step('four nodes Web01–Web04 with a private key, running both services', async () => {
      await page.goto('/nodes');
      for (const n of NODES) {
        await page.getByRole('button', { name: 'New node' }).click();
        if (n.name === 'Web01') await screenshot(page, 'en-nodes-form');
        await fill(page, { name: n.name, address: n.address, 'ssh.host': '127.0.0.1', 'ssh.port': n.port, 'ssh.privateKey': sshKey.key });
        await page.getByLabel('httpd', { exact: true }).check();
        await page.getByLabel('drinfo', { exact: true }).check();
        await submitAndWaitClosed(page, 'New node');
        await expect(page.locator(`tr[data-row="${n.name}"]`)).toContainText(`root@127.0.0.1:${n.port}`);
      }
      await expect(page.locator('tr[data-row="Web01"]')).toContainText('private key');
      await expect(page.locator('tr[data-row="Web01"]')).toContainText('not pinned');
    });

    await test.step('node group "web" with all four, serving both', async () => {
      await page.goto('/node-groups');
      await page.getByRole('button', { name: 'New node group' }).click();
      await fill(page, { name: 'web' });
      for (const n of NODES) await page.getByLabel('Add node…').selectOption({ label: n.name });
      await page.getByLabel('httpd', { exact: true }).check();
      await page.getByLabel('drinfo', { exact: true }).check();
      await submitAndWaitClosed(page, 'New node group');
      await expect(page.locator('tr[data-row="web"]')).toContainText('Web01, Web02, Web03, Web04');
    });

    await test.step('virtual node www: VIP 10.20.0.100 offering httpd on group web', async () => {
      await page.goto('/virtual-nodes');
      await page.getByRole('button', { name: 'New virtual node' }).click();
      await fill(page, { name: 'www', vip: '10.20.0.100' });
      await field(page, 'nodeGroup').selectOption({ label: 'web' });
      await page.getByLabel('httpd (tcp/80)').check();
      await submitAndWaitClosed(page, 'New virtual node');
      await expect(page.locator('tr[data-row="www"]')).toContainText('255.255.255.255');
    });

    await test.step('a service still in use cannot be deleted, and the message says what refers to it', async () => {
      await page.goto('/services');
      await page.getByRole('button', { name: 'Delete httpd' }).click();
      await expect(page.locator('[data-notice=error]')).toContainText('service httpd is served by node group web');
      await expect(page.locator('tr[data-row="httpd"]')).toHaveCount(1);
      await screenshot(page, 'en-services-delete-conflict');
    });

    await test.step('weights 200/100/200/100 on the Cluster page', async () => {
      await page.goto('/cluster');
      const card = page.locator('[data-vnode="www"]');
      await expect(card).toContainText('10.20.0.100:80');
      await expect(card).toContainText('lc');
      for (const n of NODES) await page.getByLabel(`Weight ${n.name} httpd`).fill(n.weight);
      await page.getByRole('button', { name: 'Save weights' }).click();
      await expect(card.getByText('Saved.')).toBeVisible();
      await page.reload();
      for (const n of NODES) await expect(page.getByLabel(`Weight ${n.name} httpd`)).toHaveValue(n.weight);
      await expect(page.getByTestId('save-status')).toContainText('unsaved changes');
      await expect(page.getByRole('link', { name: 'Save state' })).toBeVisible();
    });

    await test.step('master priority and the weights matrix', async () => {
      await page.goto('/master');
      await page.getByLabel('Add node…').selectOption({ label: 'Web03 (10.10.0.13)' });
      await page.getByLabel('Add node…').selectOption({ label: 'Web02 (10.10.0.12)' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByText('Saved.')).toBeVisible();
      await page.goto('/weights');
      await expect(page.getByLabel('Weight Web02 httpd')).toHaveValue('100');
      await expect(page.getByLabel('Weight Web02 drinfo')).toHaveValue('1');
    });

    await test.step('a viewer account', async () => {
      await page.goto('/users');
      await fill(page, VIEWER);
      await page.getByRole('form', { name: 'New user' }).getByRole('button', { name: 'Add' }).click();
      await expect(page.locator(`tr[data-row="${VIEWER.username}"]`)).toContainText('viewer');
    });

    await test.step('the audit log filters by entity', async () => {
      await page.goto('/audit');
      await page.getByLabel('Entity').selectOption('node');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/entity=node/);
      await expect(page.locator('tbody tr')).toHaveCount(4);
      await expect(page.locator('tbody')).toContainText('Web04');
    });

    await test.step('no page the admin sees carries the stored private key', async () => {
      for (const p of ['nodes', 'cluster', 'audit', 'weights', 'node-groups']) {
        const raw = await (await page.request.get(`/${p}`)).text();
        expect(raw.length).toBeGreaterThan(1000);
        expect(raw, `/${p} HTML`).not.toContain(sshKey.marker);
        await page.goto(`/${p}`);
        expect(await page.content(), `/${p} DOM`).not.toContain(sshKey.marker);
      }
      await page.goto('/nodes');
      await page.getByRole('button', { name: 'Edit Web01' }).click();
      await expect(page.getByPlaceholder('stored (private key); leave empty to keep')).toBeVisible();
      expect(await page.content()).not.toContain(sshKey.marker);
      await screenshot(page, 'en-nodes-edit');
    });

    await test.step('screenshots in English', async () => {
      for (const p of PAGES) {
        await page.goto(`/${p}`);
        await screenshot(page, `en-${p}`);
      }
    });

    await test.step('switch to Korean: labels follow and are remembered', async () => {
      await page.goto('/cluster');
      await page.getByRole('button', { name: '한국어' }).click();
      await expect(page.getByRole('heading', { name: '클러스터' })).toBeVisible();
      const menu = page.getByRole('navigation', { name: 'main' });
      for (const label of ['서비스', '노드', '노드 그룹', '가상 노드', '마스터 설정', '서비스 가중치', '감사 로그']) {
        await expect(menu.getByRole('link', { name: label, exact: true })).toBeVisible();
      }
      await expect(page.getByText('저장되지 않은 변경')).toBeVisible();
      await expect(page.getByRole('link', { name: '설정상태저장' })).toBeVisible();
      await expect(page.getByLabel('가중치 Web01 httpd')).toHaveValue('200');
      await page.reload();
      await expect(page.getByRole('heading', { name: '클러스터' })).toBeVisible();
      for (const p of PAGES) {
        await page.goto(`/${p}`);
        await screenshot(page, `ko-${p}`);
      }
      await page.goto('/services');
      await page.getByRole('button', { name: '서비스 추가' }).click();
      await screenshot(page, 'ko-services-form');
    });

    await test.step('save state: the plan streams per node, and an unreachable node gets its code and remedy (in Korean)', async () => {
      await page.goto('/save');
      await page.getByTestId('save-plan').click();
      for (const n of ['Web01', 'Web02', 'Web03', 'Web04']) {
        await expect(page.getByTestId(`status-${n}`)).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
      }
      await expect(page.locator('[data-testid="node-error"][data-code="unreachable"]')).toHaveCount(4);
      await expect(page.getByText('노드가 SSH 포트에서 응답하지 않습니다').first()).toBeVisible();
      await expect(page.getByRole('button', { name: '이 노드 다시 시도' })).toHaveCount(4);
      await screenshot(page, 'ko-save-unreachable');
    });

    await test.step('the viewer sees weights but cannot change them', async () => {
      await signOut(page);
      await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible(); // the cookie carries the language
      await screenshot(page, 'ko-login');
      await signIn(page, VIEWER.username, VIEWER.password);
      const card = page.locator('[data-vnode="www"]');
      await expect(card.locator('[data-cell="Web01/httpd"]')).toHaveText('200');
      await expect(card.locator('[data-cell="Web02/httpd"]')).toHaveText('100');
      await expect(page.locator('input[type=number]')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Save weights' })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Save state' })).toHaveCount(0);
      await screenshot(page, 'en-cluster-viewer');
      await page.goto('/services');
      await expect(page.getByRole('button', { name: 'New service' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
      const nodes = await (await page.request.get('/api/v1/nodes')).json() as { id: string; name: string }[];
      const services = await (await page.request.get('/api/v1/services')).json() as { id: string; name: string }[];
      const web01 = nodes.find((n) => n.name === 'Web01')!.id;
      const httpd = services.find((s) => s.name === 'httpd')!.id;
      const put = await page.request.put('/api/v1/weights', { data: [{ node: web01, service: httpd, weight: 0 }] });
      expect(put.status()).toBe(403);
      await page.goto('/cluster');
      await expect(card.locator('[data-cell="Web01/httpd"]')).toHaveText('200');
    });
  } finally {
    sshKey.cleanup();
  }
});


test('every screen runs under its Content-Security-Policy; sign-out ends the session; tokens are issued once and revoked', async ({ page, context }) => {
  // Violations are collected in the page itself: a blocked inline script or style fires this event.
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text()); });
  await signIn(page, ADMIN.username, ADMIN.password);
  for (const p of [...PAGES, 'live', 'history', 'tokens']) {
    const res = await page.goto(`/${p}`);
    expect(res?.headers()['content-security-policy'], p).toContain("default-src 'self'");
    await expect(page.locator('main')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), p).toEqual([]);
  }
  expect(consoleErrors).toEqual([]);

  await page.goto('/tokens');
  await page.locator('input[name=name]').fill('e2e script');
  await page.locator('input[name=expiresInDays]').fill('7');
  await page.locator('form[aria-label] button[type=submit]').click(); // the admin's screens speak Korean by now
  const token = (await page.getByTestId('new-token').textContent())!;
  expect(token).toMatch(/^lvs_/);
  const api = await page.request.get('/api/v1/services', { headers: { authorization: `Bearer ${token}` } });
  expect(api.status()).toBe(200);
  await page.reload();
  await expect(page.getByText('e2e script')).toBeVisible();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  page.once('dialog', (d) => d.accept());
  await page.locator('tr', { hasText: 'e2e script' }).locator('button[type=submit]').click();
  await expect(page.getByText('e2e script')).toHaveCount(0);
  expect((await page.request.get('/api/v1/services', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

  // The old cookie, replayed after sign-out, no longer opens anything.
  const cookies = await context.cookies();
  await signOut(page);
  await context.addCookies(cookies);
  await page.goto('/services');
  await page.waitForURL('**/login');
});
