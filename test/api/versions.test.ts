/**
 * Saved versions round-trip through the one module that writes and reads them: what a save stores
 * (model, rendered state, plan, results) comes back parsed and equal, and only applied or partial
 * versions count as the state the cluster was left in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { buildExample1 } from '../support/example1';

useTestDataDir();
const { api } = await import('../support/api-client');
const { db } = await import('@/lib/db');
const { loadModel } = await import('@/lib/queries/model');
const { renderCluster } = await import('@/lib/ipvs/render');
const { planNodeChanges } = await import('@/lib/ipvs/plan');
const versions = await import('@/lib/queries/versions');

const actor = { username: 'admin' };
const emptyLive = { ipvs: [], addresses: [], sysctls: {}, modules: [], defaultGateway: null, bootFiles: {} };

describe('saved versions', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    const token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    await buildExample1(api, token);
  });

  it('reads back what it wrote, and skips failed versions as the applied state', async () => {
    expect(await versions.newestAppliedVersionId()).toBeNull();
    expect(await versions.lastAppliedDesired()).toBeNull();
    const model = await loadModel();
    const rendered = renderCluster(model, { activeDirector: model.masterPriority.nodes[0] });
    const plan = Object.fromEntries(rendered.map((d) => [d.nodeId, planNodeChanges(d, emptyLive)]));
    const nodes = rendered.map((d, i) => ({
      node: d.nodeId, name: d.nodeName, roles: d.roles, status: i === 0 ? ('failed' as const) : ('applied' as const),
      steps: plan[d.nodeId].map(({ kind, op, summary }) => ({ kind, op, summary })),
      ...(i === 0 ? { error: { code: 'timeout' as const, message: 'no answer' } } : {}),
    }));
    const results = { activeDirector: rendered[0].nodeId, nodes };
    expect(versions.versionStatusOf(nodes)).toBe('partial');

    const id = await db.$transaction((tx) => versions.createVersion(tx, actor, { model, rendered, plan, results, status: 'partial' }));
    const failed = await db.$transaction((tx) => versions.createVersion(tx, actor, { model, rendered, plan, results, status: 'failed' }));
    expect(failed).toBeGreaterThan(id);

    const v = await versions.getVersion(id);
    expect(v).toMatchObject({ id, actor: 'admin', status: 'partial', revertOf: null, model, rendered, plan, results });
    expect((await versions.listVersions()).map((r) => [r.id, r.status, r.nodes[0].error])).toEqual([[failed, 'failed', 'timeout'], [id, 'partial', 'timeout']]);
    expect(await versions.newestAppliedVersionId()).toBe(id);
    expect(JSON.parse((await versions.newestAppliedModelJson())!)).toEqual(model);
    const desired = await versions.lastAppliedDesired();
    expect(desired?.version).toBe(id);
    expect(desired?.desired.get(rendered[1].nodeId)).toEqual(rendered[1]);

    await versions.markRevertOf(failed, id);
    expect((await versions.getVersion(failed)).revertOf).toBe(id);
  });

  it('refuses a stored row that does not match its schema instead of passing it on', async () => {
    const row = await db.saveVersion.create({ data: { actor: 'x', modelHash: '', model: '{}', rendered: '[]', plan: '{}', results: '{"nodes":[]}', status: 'applied' } });
    await expect(versions.getVersion(row.id)).rejects.toThrow(/stored model of version/);
    await db.saveVersion.delete({ where: { id: row.id } });
  });
});
