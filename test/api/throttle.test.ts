/** Repeated failed logins lock the account for a while (429), even with the right password. */
import { describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';

useTestDataDir();
const { api } = await import('../support/api-client');

describe('login throttling', () => {
  it('locks an account after 5 failures and says when to retry', async () => {
    expect((await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } })).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await api('POST', '/api/v1/tokens', { basic: ['admin', `wrong ${i}`] })).status).toBe(401);
    const locked = await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatch(/too many failed sign-ins; try again in \d+ s/);
  });
  it('unknown users cost the same bcrypt work and answer 401', async () => {
    const t = performance.now();
    expect((await api('POST', '/api/v1/tokens', { basic: ['nobody', 'x'] })).status).toBe(401);
    expect(performance.now() - t).toBeGreaterThan(20);
  });
});
