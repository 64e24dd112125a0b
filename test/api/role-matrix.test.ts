/**
 * Every /api/v1 route file × every method it exports × every kind of caller. The route list is
 * read from app/api/v1 on disk, so a new route without an entry in PERMISSION fails this test
 * instead of escaping it. Allowed callers send a body no schema accepts or an id that does not
 * exist, so the matrix changes nothing; what is checked is the answer's class (401, 403, or past
 * authorization).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import type { Permission } from '@/lib/auth/permissions';

useTestDataDir();
const { api } = await import('../support/api-client');
const { encode } = await import('next-auth/jwt');
const { authSecret } = await import('@/lib/auth/secret');

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
type Method = (typeof METHODS)[number];

/** What each route and method needs. 'setup' answers 409 to everyone once a user exists. */
const PERMISSION: Record<string, Permission | 'setup'> = {
  'GET /api/v1/[collection]': 'read', 'POST /api/v1/[collection]': 'edit-model',
  'GET /api/v1/[collection]/[id]': 'read', 'PUT /api/v1/[collection]/[id]': 'edit-model', 'DELETE /api/v1/[collection]/[id]': 'edit-model',
  'GET /api/v1/events': 'read', 'GET /api/v1/alerts': 'edit-model', 'PUT /api/v1/alerts': 'edit-model', 'POST /api/v1/alerts/test': 'edit-model',
  'GET /api/v1/audit': 'read-audit', 'GET /api/v1/export': 'edit-model', 'POST /api/v1/import': 'edit-model',
  'GET /api/v1/live': 'read', 'GET /api/v1/live/connections': 'read', 'GET /api/v1/live/history': 'read', 'GET /api/v1/live/stream': 'read',
  'POST /api/v1/live/reapply': 'save-state', 'POST /api/v1/live/doctor': 'save-state',
  'GET /api/v1/nodes/[id]/admin-state': 'read', 'PUT /api/v1/nodes/[id]/admin-state': 'edit-weights',
  'GET /api/v1/master-priority': 'read', 'PUT /api/v1/master-priority': 'edit-model',
  'GET /api/v1/weights': 'read', 'PUT /api/v1/weights': 'edit-weights',
  'GET /api/v1/check-overrides': 'read', 'PUT /api/v1/check-overrides': 'edit-model',
  'POST /api/v1/switchover': 'save-state',
  'POST /api/v1/save-state': 'save-state', 'POST /api/v1/setup': 'setup',
  'GET /api/v1/tokens': 'read', 'POST /api/v1/tokens': 'read', 'DELETE /api/v1/tokens/[id]': 'read',
  'GET /api/v1/users': 'manage-users', 'POST /api/v1/users': 'manage-users', 'PUT /api/v1/users/[id]': 'manage-users',
  'GET /api/v1/versions': 'read', 'GET /api/v1/versions/diff': 'read', 'GET /api/v1/versions/[id]': 'read', 'POST /api/v1/versions/[id]/revert': 'edit-model',
};
const GRANTS: Record<'viewer' | 'operator' | 'admin', Permission[]> = {
  viewer: ['read'], operator: ['read', 'edit-weights', 'save-state'],
  admin: ['read', 'edit-weights', 'save-state', 'edit-model', 'manage-users', 'read-audit'],
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === 'route.ts' ? [p] : [];
  });
}
const ROOT = path.resolve('app/api/v1');
const ROUTES = routeFiles(ROOT).map((file) => `/api/v1${path.dirname(file).slice(ROOT.length).split(path.sep).join('/')}`).sort();

/** A concrete URL for a route pattern: a real collection, ids that exist nowhere, valid queries. */
const urlOf = (pattern: string) => pattern
  .replace('[collection]', 'services').replace('[id]', pattern.includes('versions') ? '424242' : 'nonexistent-id')
  + (pattern.endsWith('/diff') ? '?from=1&to=2' : pattern.endsWith('/history') || pattern.endsWith('/connections') ? '?node=nonexistent-id' : '');

type Caller = { name: string; auth: { token?: string; cookie?: string }; role: keyof typeof GRANTS | null };
const callers: Caller[] = [];

const mintSession = async (uid: string, sv: number) =>
  `authjs.session-token=${await encode({ token: { sub: uid, uid, sv }, secret: authSecret(), salt: 'authjs.session-token' })}`;

async function call(method: Method, url: string, auth: Caller['auth']) {
  const { cookie, token } = auth;
  if (!cookie) return api(method as 'GET', url, { token, ...(method === 'GET' || method === 'DELETE' ? {} : { raw: '{"__unknown__":1}' }) });
  // The test client sends bearer tokens only; a cookie goes on a hand-made request to the same handler.
  const { routeFor } = await import('../support/api-client');
  return routeFor(method, url, { cookie, raw: method === 'GET' || method === 'DELETE' ? undefined : '{"__unknown__":1}' });
}

describe('role matrix', () => {
  afterAll(async () => (await import('@/lib/monitor')).liveMonitor().stop());
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    const admin = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    const users = new Map<string, { id: string; token: string }>();
    for (const [name, role] of [['viewer1', 'viewer'], ['operator1', 'operator'], ['admin2', 'admin'], ['gone1', 'operator'], ['revoked1', 'admin'], ['moved1', 'admin']] as const) {
      const id = (await api('POST', '/api/v1/users', { token: admin, body: { username: name, password: 'long enough', role } })).body.id;
      users.set(name, { id, token: (await api('POST', '/api/v1/tokens', { basic: [name, 'long enough'] })).body.token });
    }
    const u = (n: string) => users.get(n)!;
    const goneCookie = await mintSession(u('gone1').id, 0);
    const movedCookie = await mintSession(u('moved1').id, 0);
    const adminCookie = await mintSession(u('admin2').id, 0);
    expect((await api('PUT', `/api/v1/users/${u('gone1').id}`, { token: admin, body: { disabled: true } })).status).toBe(200);
    expect((await api('PUT', `/api/v1/users/${u('moved1').id}`, { token: admin, body: { password: 'a new password' } })).status).toBe(200);
    const revoked = (await api('GET', '/api/v1/tokens', { token: u('revoked1').token })).body[0].id;
    expect((await api('DELETE', `/api/v1/tokens/${revoked}`, { token: u('revoked1').token })).status).toBe(204);
    callers.push(
      { name: 'none', auth: {}, role: null },
      { name: 'viewer', auth: { token: u('viewer1').token }, role: 'viewer' },
      { name: 'operator', auth: { token: u('operator1').token }, role: 'operator' },
      { name: 'admin', auth: { token: u('admin2').token }, role: 'admin' },
      { name: 'admin session', auth: { cookie: adminCookie }, role: 'admin' },
      { name: 'disabled (session)', auth: { cookie: goneCookie }, role: null },
      { name: 'disabled (token)', auth: { token: u('gone1').token }, role: null },
      { name: 'revoked token', auth: { token: u('revoked1').token }, role: null },
      { name: 'old session after a password change', auth: { cookie: movedCookie }, role: null },
      { name: 'token from before a password change', auth: { token: u('moved1').token }, role: null },
    );
  }, 120_000);

  it('every route file and method is in the permission table, and every entry is a real route', async () => {
    const found: string[] = [];
    for (const r of ROUTES) {
      const mod = await import(/* @vite-ignore */ path.join(ROOT, r.slice('/api/v1'.length), 'route.ts'));
      for (const m of METHODS) if (typeof mod[m] === 'function') found.push(`${m} ${r}`);
    }
    expect(found.filter((k) => !(k in PERMISSION)), 'routes without an expected permission').toEqual([]);
    expect(Object.keys(PERMISSION).filter((k) => !found.includes(k)), 'table entries without a route').toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(28);
  });

  it('each caller gets 401, 403 or through, exactly as its role allows', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const [key, need] of Object.entries(PERMISSION)) {
      const [method, pattern] = key.split(' ') as [Method, string];
      for (const c of callers) {
        const r = await call(method, urlOf(pattern), c.auth);
        calls++;
        const expected = need === 'setup' ? '409' : c.role === null ? '401' : GRANTS[c.role].includes(need) ? 'through' : '403';
        const got = r.status === 401 || r.status === 403 || r.status === 409 ? String(r.status) : r.status >= 500 ? `5xx ${r.status}` : 'through';
        if (got !== expected && !(expected === 'through' && got === '409')) wrong.push(`${c.name}: ${key} → ${r.status} (want ${expected}) ${r.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(280);
  }, 300_000);
});
