/** 401, 403, 404 and 409 answers, setup's one-shot rule, export → wipe → import, and secrets never leaving. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { buildExample1, SAMPLE_KEY } from '../support/example1';

useTestDataDir();
const { api } = await import('../support/api-client');

let admin = '';
let viewer = '';
let operator = '';
let ids: Awaited<ReturnType<typeof buildExample1>>;
const PASSWORD_SECRET = 'pw-Zebra-Quokka-91';

// Every line the server code logs during this file, checked for secrets at the end.
const logged: string[] = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
}
afterAll(() => {
  const all = logged.join('\n');
  expect(all).not.toContain(PASSWORD_SECRET);
  expect(all).not.toContain(SAMPLE_KEY.split('\n')[1]);
});

beforeAll(async () => {
  expect((await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } })).status).toBe(201);
  admin = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
  ids = await buildExample1(api, admin);
  for (const [u, role] of [['vera', 'viewer'], ['otto', 'operator']] as const) {
    expect((await api('POST', '/api/v1/users', { token: admin, body: { username: u, password: 'long enough', role } })).status).toBe(201);
  }
  viewer = (await api('POST', '/api/v1/tokens', { basic: ['vera', 'long enough'] })).body.token;
  operator = (await api('POST', '/api/v1/tokens', { basic: ['otto', 'long enough'] })).body.token;
});

describe('error classes', () => {
  it('setup is refused once a user exists (409)', async () => {
    expect((await api('POST', '/api/v1/setup', { body: { username: 'mallory', password: 'long enough' } })).status).toBe(409);
  });
  it('no or bad credentials → 401', async () => {
    expect((await api('GET', '/api/v1/services')).status).toBe(401);
    expect((await api('GET', '/api/v1/services', { token: 'lvs_nope' })).status).toBe(401);
    expect((await api('POST', '/api/v1/tokens', { basic: ['admin', 'wrong'] })).status).toBe(401);
  });
  it('roles → 403', async () => {
    expect((await api('GET', '/api/v1/services', { token: viewer })).status).toBe(200);
    expect((await api('PUT', '/api/v1/weights', { token: viewer, body: [{ node: ids.web[0], service: ids.httpd, weight: 5 }] })).status).toBe(403);
    expect((await api('POST', '/api/v1/services', { token: operator, body: { name: 'x', protocol: 'tcp', port: 81 } })).status).toBe(403);
    expect((await api('GET', '/api/v1/users', { token: operator })).status).toBe(403);
    expect((await api('PUT', '/api/v1/weights', { token: operator, body: [{ node: ids.web[0], service: ids.httpd, weight: 250 }] })).status).toBe(200);
  });
  it('unknown ids and collections → 404', async () => {
    expect((await api('GET', '/api/v1/nodes/nope', { token: admin })).status).toBe(404);
    expect((await api('PUT', '/api/v1/services/nope', { token: admin, body: { port: 81 } })).status).toBe(404);
    expect((await api('DELETE', '/api/v1/node-groups/nope', { token: admin })).status).toBe(404);
    expect((await api('GET', '/api/v1/widgets', { token: admin })).status).toBe(404);
  });
  it('conflicts → 409 saying what refers to what', async () => {
    const dup = await api('POST', '/api/v1/services', { token: admin, body: { name: 'httpd2', protocol: 'tcp', port: 80 } });
    const twin = await api('POST', '/api/v1/virtual-nodes', { token: admin, body: { name: 'www-b', vip: '10.20.0.100', services: [], nodeGroup: ids.group } });
    await api('PUT', `/api/v1/node-groups/${ids.group}`, { token: admin, body: { services: [ids.httpd, ids.drinfo, dup.body.id] } });
    const clash = await api('PUT', `/api/v1/virtual-nodes/${twin.body.id}`, { token: admin, body: { services: [dup.body.id] } });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatch(/www\/httpd and www-b\/httpd2 both claim virtual service tcp 10\.20\.0\.100:80/);

    const n5 = await api('POST', '/api/v1/nodes', { token: admin, body: { name: 'Web05', address: '10.10.0.15', ssh: { host: '127.0.0.1', privateKey: SAMPLE_KEY } } });
    const w = await api('PUT', '/api/v1/weights', { token: admin, body: [{ node: n5.body.id, service: ids.httpd, weight: 10 }] });
    expect(w.status).toBe(409);
    expect(w.body.error).toMatch(/Web05 does not run httpd/);

    const del = await api('DELETE', `/api/v1/nodes/${ids.web[0]}`, { token: admin });
    expect(del.status).toBe(409);
    expect(del.body.error).toMatch(/Web01 is a member of node group web/);
    expect(del.body.error).toMatch(/Web01 is in the master priority list/);

    expect((await api('POST', '/api/v1/services', { token: admin, body: { name: 'HTTPD', protocol: 'tcp', port: 82 } })).status).toBe(409);
  });
});

describe('secrets', () => {
  it('a stored password or key never comes back', async () => {
    const n = await api('POST', '/api/v1/nodes', { token: admin, body: { name: 'Pw01', address: '10.10.0.30', ssh: { host: '127.0.0.1', password: PASSWORD_SECRET } } });
    expect(n.status).toBe(201);
    expect(n.body.ssh).not.toHaveProperty('password');
    const keyBody = SAMPLE_KEY.split('\n')[1];
    const texts: string[] = [n.text];
    for (const path of ['/api/v1/nodes', `/api/v1/nodes/${n.body.id}`, `/api/v1/nodes/${ids.web[0]}`, '/api/v1/audit', '/api/v1/export']) {
      texts.push((await api('GET', path, { token: admin })).text);
    }
    // A save against the unreachable endpoints makes the transport fail and report: still no secret.
    const save = await api('POST', '/api/v1/save-state', { token: admin, body: { dryRun: true } });
    expect(save.status).toBe(200);
    texts.push(save.text);
    for (const t of texts) {
      expect(t).not.toContain(PASSWORD_SECRET);
      expect(t).not.toContain(keyBody);
    }
  });
});

describe('export and import', () => {
  it('export, wipe, import gives back an identical model', async () => {
    const exported = (await api('GET', '/api/v1/export', { token: admin })).body;
    const before = JSON.stringify({ ...exported, exportedAt: null });
    const empty = { format: 'lvs-console-model', version: 1 };
    expect((await api('POST', '/api/v1/import', { token: admin, body: empty })).status, 'wipe').toBe(200);
    expect((await api('GET', '/api/v1/services', { token: admin })).body).toEqual([]);
    const r = await api('POST', '/api/v1/import', { token: admin, body: exported });
    expect(r.status, r.text).toBe(200);
    const again = (await api('GET', '/api/v1/export', { token: admin })).body;
    expect(JSON.stringify({ ...again, exportedAt: null })).toBe(before);
  });
  it('a bad document is refused whole, naming the field', async () => {
    const exported = (await api('GET', '/api/v1/export', { token: admin })).body;
    const broken = structuredClone(exported);
    broken.virtualNodes[0].nodeGroup = 'missing';
    const r = await api('POST', '/api/v1/import', { token: admin, body: broken });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fields)).toContain('virtualNodes.0.nodeGroup');
    const bad = structuredClone(exported);
    bad.services[0].port = 99999;
    const r2 = await api('POST', '/api/v1/import', { token: admin, body: bad });
    expect(r2.status).toBe(400);
    expect(Object.keys(r2.body.fields).some((k) => k.startsWith('services.0') && k.endsWith('port'))).toBe(true);
    const now = (await api('GET', '/api/v1/export', { token: admin })).body;
    expect(JSON.stringify({ ...now, exportedAt: null })).toBe(JSON.stringify({ ...exported, exportedAt: null }));
  });
});

describe('cross-site writes', () => {
  it('a cookie-authenticated write from another origin is refused before anything else', async () => {
    const { POST } = await import('@/app/api/v1/[collection]/route');
    const req = new Request('http://console.test/api/v1/services', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'authjs.session-token=x', origin: 'http://evil.example', host: 'console.test' },
      body: JSON.stringify({ name: 'x', protocol: 'tcp', port: 81 }),
    });
    const res = await POST(req, { params: Promise.resolve({ collection: 'services' }) });
    expect(res.status).toBe(403);
  });
});
