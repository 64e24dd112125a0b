import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';

useTestDataDir();
const { api } = await import('../support/api-client');

describe('api smoke', () => {
  let token = '';
  beforeAll(async () => {
    expect((await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } })).status).toBe(201);
    const t = await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] });
    expect(t.status).toBe(201);
    token = t.body.token;
  });
  it('creates and lists a service', async () => {
    const r = await api('POST', '/api/v1/services', { token, body: { name: 'httpd', protocol: 'tcp', port: 80, scheduler: 'lc', persistence: { timeout: 360 } } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.id).toBeTruthy();
    const l = await api('GET', '/api/v1/services', { token });
    expect(l.body).toHaveLength(1);
  });
});
