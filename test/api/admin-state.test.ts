/**
 * PUT /api/v1/nodes/{id}/admin-state refuses before it writes: a wrong field is named, a node or
 * service that does not fit is refused, and a model with unsaved changes gets 409 with nothing
 * stored, so a drain click can never push an admin's half-done edits. The lab test drains for real.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { buildExample1 } from '../support/example1';

useTestDataDir();
const { api } = await import('../support/api-client');
const { db } = await import('@/lib/db');

let token = '';
let ids: Awaited<ReturnType<typeof buildExample1>>;
const put = (node: string, body: unknown) => api('PUT', `/api/v1/nodes/${node}/admin-state`, { token, body });

describe('admin state', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    ids = await buildExample1(api, token);
  }, 60_000);

  it.each<[string, () => string, unknown, number, string[]]>([
    ['an unknown state', () => ids.web[0]!, { state: 'halt' }, 400, ['state']],
    ['a deadline out of range', () => ids.web[0]!, { state: 'drain', deadlineSeconds: 0 }, 400, ['deadlineSeconds']],
    ['a deadline on maintenance', () => ids.web[0]!, { state: 'maintenance', deadlineSeconds: 30 }, 400, ['deadlineSeconds']],
    ['a service the node does not serve', () => ids.web[0]!, { state: 'drain', service: 'no-such-service' }, 400, ['service']],
    ['an unknown node', () => 'no-such-node', { state: 'drain' }, 404, []],
    ['a model not saved yet', () => ids.web[0]!, { state: 'drain' }, 409, []],
  ])('%s: refused, nothing stored', async (_, node, body, status, fields) => {
    const r = await put(node(), body);
    expect([r.status, Object.keys(r.body.fields ?? {})], r.text).toEqual([status, fields]);
    expect(await db.adminState.count()).toBe(0);
  });

  it('GET lists a node\'s rows (none yet)', async () => {
    const r = await api('GET', `/api/v1/nodes/${ids.web[0]}/admin-state`, { token });
    expect(r.body).toEqual({ node: ids.web[0], states: [] });
  });

  it('the save a click runs checks for unsaved changes again inside the save queue, where no edit can slip in', async () => {
    const { saveState } = await import('@/lib/save/save-state');
    const err = await saveState({ username: 'admin' }, { dryRun: false, onlyIfSaved: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict' });
    expect(await db.saveVersion.count()).toBe(0); // refused before a version was written ahead
  });
});
