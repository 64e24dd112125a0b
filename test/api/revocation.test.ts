/** Sessions and tokens end when they should: password, role, disable, sign-out, revoke, expiry; an open stream too. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';

useTestDataDir();
process.env.LVS_POLL_INTERVAL_MS = '300';
const { api, routeFor } = await import('../support/api-client');
const { encode } = await import('next-auth/jwt');
const { authSecret } = await import('@/lib/auth/secret');
const { endSessions, currentSessionVersion } = await import('@/lib/auth/sessions');
const { userForToken } = await import('@/lib/auth/tokens');
const stream = await import('@/app/api/v1/live/stream/route');
const { liveMonitor } = await import('@/lib/monitor');

let admin = '';
const ids: Record<string, string> = {};
const session = async (name: string) =>
  `authjs.session-token=${await encode({ token: { sub: ids[name], uid: ids[name], sv: await currentSessionVersion(ids[name]!) }, secret: authSecret(), salt: 'authjs.session-token' })}`;
const asCookie = async (cookie: string) => (await routeFor('GET', '/api/v1/services', { cookie })).status;

beforeAll(async () => {
  await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
  admin = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
  for (const n of ['ann', 'bob', 'cat', 'dan', 'eve']) ids[n] = (await api('POST', '/api/v1/users', { token: admin, body: { username: n, password: 'long enough', role: 'operator' } })).body.id;
});
afterAll(() => liveMonitor().stop());

describe('sessions', () => {
  it.each([
    ['a password change', { password: 'another password' }],
    ['a role change', { role: 'viewer' }],
    ['disabling', { disabled: true }],
  ])('%s ends the user’s sessions', async (_, change) => {
    const name = Object.keys(change)[0] === 'password' ? 'ann' : Object.keys(change)[0] === 'role' ? 'bob' : 'cat';
    const cookie = await session(name);
    expect(await asCookie(cookie)).toBe(200);
    expect((await api('PUT', `/api/v1/users/${ids[name]}`, { token: admin, body: change })).status).toBe(200);
    expect(await asCookie(cookie)).toBe(401);
  });

  it('a locale change ends nothing', async () => {
    const cookie = await session('dan');
    await api('PUT', `/api/v1/users/${ids.dan}`, { token: admin, body: { locale: 'ko' } });
    expect(await asCookie(cookie)).toBe(200);
  });

  it('sign-out ends the session (the cookie does not stay valid for 12 hours)', async () => {
    const cookie = await session('dan');
    expect(await asCookie(cookie)).toBe(200);
    await endSessions(ids.dan!); // what Auth.js's signOut event does
    expect(await asCookie(cookie)).toBe(401);
  });

  it('a malformed session cookie is a plain 401', async () => {
    expect(await asCookie('authjs.session-token=not-a-jwt')).toBe(401);
  });
});

describe('tokens', () => {
  it('are listed without secrets, with name, expiry and last use; revoked by their owner', async () => {
    const made = await api('POST', '/api/v1/tokens', { basic: ['eve', 'long enough'], body: { name: 'ci job', expiresInDays: 30 } });
    expect(made.status, made.text).toBe(201);
    expect(made.body.expiresAt).toMatch(/^\d{4}-/);
    expect((await api('GET', '/api/v1/services', { token: made.body.token })).status).toBe(200);
    const list = await api('GET', '/api/v1/tokens', { token: made.body.token });
    expect(list.body).toEqual([expect.objectContaining({ id: made.body.id, name: 'ci job', expired: false, lastUsedAt: expect.any(String) })]);
    expect(list.text).not.toContain(made.body.token);
    // Someone else's token is not found to a non-admin.
    const other = (await api('POST', '/api/v1/tokens', { basic: ['dan', 'long enough'] })).body;
    expect((await api('DELETE', `/api/v1/tokens/${other.id}`, { token: made.body.token })).status).toBe(404);
    expect((await api('DELETE', `/api/v1/tokens/${made.body.id}`, { token: made.body.token })).status).toBe(204);
    expect((await api('GET', '/api/v1/services', { token: made.body.token })).status).toBe(401);
    expect((await api('DELETE', `/api/v1/tokens/${other.id}`, { token: admin })).status).toBe(204);
    expect((await api('GET', '/api/v1/services', { token: other.token })).status).toBe(401);
  });

  it('an expired token no longer works', async () => {
    const made = (await api('POST', '/api/v1/tokens', { basic: ['eve', 'long enough'], body: { expiresInDays: 1 } })).body;
    expect(await userForToken(made.token)).not.toBeNull();
    expect(await userForToken(made.token, new Date(Date.now() + 2 * 86_400_000))).toBeNull();
  });

  it('refuses a bad expiry with a field error', async () => {
    const r = await api('POST', '/api/v1/tokens', { token: admin, body: { expiresInDays: 0 } });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fields)).toEqual(['expiresInDays']);
  });
});

describe('an open live stream', () => {
  it('is closed within one poll after its user is disabled', async () => {
    const eve = (await api('POST', '/api/v1/tokens', { basic: ['eve', 'long enough'] })).body.token;
    const res = await stream.GET(new Request('http://console.test/api/v1/live/stream', { headers: { authorization: `Bearer ${eve}` } }));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    const disabledAt = Date.now();
    await api('PUT', `/api/v1/users/${ids.eve}`, { token: admin, body: { disabled: true } });
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: closed');
    expect(Date.now() - disabledAt).toBeLessThan(300 * 2 + 500);
  });
});
