/**
 * PUT /api/v1/check-overrides replaces every per-node check. A wrong field is named (400), an
 * override the model cannot carry is refused (409) and nothing is stored either way; a good list
 * round-trips through GET, export and import, and a pair left out goes back to the service's check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { buildExample1 } from '../support/example1';

useTestDataDir();
const { api } = await import('../support/api-client');
const { db } = await import('@/lib/db');

let token = '';
let ids: Awaited<ReturnType<typeof buildExample1>>;
const put = (body: unknown) => api('PUT', '/api/v1/check-overrides', { token, body });

describe('check overrides', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    ids = await buildExample1(api, token);
  }, 60_000);

  it.each<[string, () => unknown, number, string[] | RegExp]>([
    ['onFailure in an override', () => [{ node: ids.web[0], service: ids.httpd, healthCheck: { type: 'tcp', onFailure: 'quiesce' } }], 400, ['0.healthCheck.onFailure']],
    ['a path keepalived would cut at #', () => [{ node: ids.web[0], service: ids.httpd, healthCheck: { type: 'http', path: '/a#b' } }], 400, ['0.healthCheck.path']],
    ['an unknown node', () => [{ node: 'ghost', service: ids.httpd, healthCheck: null }], 400, ['0.node']],
    ['the same pair twice', () => [{ node: ids.web[0], service: ids.httpd, healthCheck: null }, { node: ids.web[0], service: ids.httpd, healthCheck: null }], 400, ['1']],
    ['a service without a check', () => [{ node: ids.web[0], service: ids.httpd, healthCheck: null }], 409, /httpd has no health check/],
  ])('%s: refused, nothing stored', async (_, body, status, want) => {
    const r = await put(body());
    expect(r.status, r.text).toBe(status);
    if (Array.isArray(want)) expect(Object.keys(r.body.fields ?? {})).toEqual(want);
    else expect(r.body.error).toMatch(want);
    expect(await db.checkOverride.count()).toBe(0);
  });

  it('a node that does not run the service is refused', async () => {
    const svc = (await api('GET', `/api/v1/services/${ids.drinfo}`, { token })).body;
    const { id: _id, ...body } = svc;
    expect((await api('PUT', `/api/v1/services/${ids.drinfo}`, { token, body: { ...body, healthCheck: { type: 'tcp' } } })).status).toBe(200);
    const node = (await api('GET', `/api/v1/nodes/${ids.web[3]}`, { token })).body;
    expect((await api('PUT', `/api/v1/nodes/${ids.web[3]}`, { token, body: { services: node.services.filter((s: string) => s !== ids.drinfo) } })).status).toBe(200);
    const r = await put([{ node: ids.web[3], service: ids.drinfo, healthCheck: null }]);
    expect([r.status, r.body.error]).toEqual([409, expect.stringMatching(/Web04 does not run drinfo/)]);
  });

  it('stores, lists, exports and replaces', async () => {
    const list = [
      { node: ids.web[0], service: ids.drinfo, healthCheck: { type: 'http', path: '/status', intervalMs: 500 } },
      { node: ids.web[1], service: ids.drinfo, healthCheck: null },
    ];
    const r = await put(list);
    expect(r.status, r.text).toBe(200);
    const got = (await api('GET', '/api/v1/check-overrides', { token })).body;
    expect(got).toHaveLength(2);
    expect(got.find((o: { node: string }) => o.node === ids.web[0]).healthCheck).toMatchObject({ type: 'http', path: '/status', intervalMs: 500, fall: 2 });
    expect(got.find((o: { node: string }) => o.node === ids.web[1]).healthCheck).toBeNull();
    const exported = (await api('GET', '/api/v1/export', { token })).body;
    expect(exported.checkOverrides).toEqual(got);
    expect((await api('POST', '/api/v1/import', { token, body: exported })).status).toBe(200);
    expect((await api('GET', '/api/v1/check-overrides', { token })).body).toEqual(got);
    expect((await put([])).status).toBe(200);
    expect(await db.checkOverride.count()).toBe(0);
  });

  it('operators may not change them', async () => {
    await api('POST', '/api/v1/users', { token, body: { username: 'op', password: 'operator pass', role: 'operator' } });
    const opToken = (await api('POST', '/api/v1/tokens', { basic: ['op', 'operator pass'] })).body.token;
    expect((await api('PUT', '/api/v1/check-overrides', { token: opToken, body: [] })).status).toBe(403);
    expect((await api('GET', '/api/v1/check-overrides', { token: opToken })).status).toBe(200);
  });
});
