/** How a body is read: bounded, exactly decoded, JSON only; setup's 409 comes before the body; ids stay in range. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';

useTestDataDir();
const { api } = await import('../support/api-client');
const setupRoute = await import('@/app/api/v1/setup/route');
const servicesRoute = await import('@/app/api/v1/[collection]/route');

/** A body of `total` bytes produced on demand; `pulled()` says how much the server asked for. */
function streamedBody(total: number, chunk = 65_536) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, pulled: () => sent };
}

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://console.test/api/v1/setup', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);

let token = '';

describe('before setup', () => {
  it('a 50 MB body is not read past the 5 MB limit', async () => {
    const body = streamedBody(50_000_000);
    const res = await setupRoute.POST(post(body.stream));
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toHaveProperty('_');
    expect(body.pulled()).toBeLessThan(5_200_000);
  });

  it('a declared Content-Length over the limit is refused before reading', async () => {
    const body = streamedBody(6_000_000);
    const res = await setupRoute.POST(post(body.stream, { 'content-type': 'application/json', 'content-length': '6000000' }));
    expect(res.status).toBe(400);
    expect(body.pulled()).toBeLessThanOrEqual(65_536);
  });

  it('invalid UTF-8 is refused, not turned into U+FFFD (a password would change silently)', async () => {
    const bytes = new Uint8Array([...Buffer.from('{"username":"admin","password":"correct '), 0xff, 0xfe, ...Buffer.from('horse"}')]);
    const res = await setupRoute.POST(post(bytes));
    expect(res.status).toBe(400);
    expect((await res.json()).fields._).toMatch(/UTF-8/);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])('content type %j → 415', async (type) => {
    const res = await setupRoute.POST(post('{"username":"admin","password":"correct horse"}', type ? { 'content-type': type } : {}));
    expect(res.status).toBe(415);
  });

  it('a lone surrogate escape in any key or value → 400 naming it', async () => {
    const r = await api('POST', '/api/v1/setup', { raw: '{"username":"admin","password":"correct horse \\ud800"}' });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fields)).toEqual(['password']);
  });
});

describe('after setup', () => {
  beforeAll(async () => {
    expect((await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } })).status).toBe(201);
    token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
  });

  it.each([
    ['an invalid body', '{"username":"A!"}'], ['malformed JSON', '{'], ['an empty body', ''], ['a valid body', '{"username":"eve","password":"long enough"}'],
  ])('setup with %s → 409, the body unread', async (_, raw) => {
    expect((await api('POST', '/api/v1/setup', { raw })).status).toBe(409);
    const body = streamedBody(50_000_000);
    const res = await setupRoute.POST(post(body.stream));
    expect(res.status).toBe(409);
    expect(body.pulled()).toBeLessThanOrEqual(65_536);
  });

  it.each(['99999999999999999999', '18446744073709551616', '2147483648', '1e3', '0x10', '-1', '0'])('version id %s → 400 naming the field', async (id) => {
    for (const [method, path, field] of [
      ['GET', `/api/v1/versions/${id}`, 'id'], ['POST', `/api/v1/versions/${id}/revert`, 'id'], ['GET', `/api/v1/versions/diff?from=${id}&to=1`, 'from'], ['GET', `/api/v1/versions/diff?from=1&to=${id}`, 'to'],
    ] as const) {
      const r = await api(method, path, { token });
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(400);
      expect(Object.keys(r.body.fields)).toEqual([field]);
    }
  });

  it('a JSON write with a non-JSON content type → 415, nothing written', async () => {
    const req = new Request('http://console.test/api/v1/services', {
      method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, body: '{"name":"x","protocol":"tcp","port":81}',
    });
    const res = await servicesRoute.POST(req, { params: Promise.resolve({ collection: 'services' }) });
    expect(res.status).toBe(415);
    expect((await api('GET', '/api/v1/services', { token })).body).toEqual([]);
  });
});
