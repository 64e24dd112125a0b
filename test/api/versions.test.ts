/**
 * Saved versions round-trip through the journal that writes them and the module that reads them:
 * what a save stores (model, rendered state, plan, results) comes back parsed and equal, and each
 * node's last applied state is the newest version that node holds, not the newest version overall.
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
const { VersionJournal } = await import('@/lib/queries/version-journal');

const actor = { username: 'admin' };
const emptyLive = { ipvs: [], addresses: [], sysctls: {}, modules: [], defaultGateway: null, bootFiles: {} };

describe('saved versions', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    const token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    await buildExample1(api, token);
  });

  it('reads back what it wrote, and takes each node\'s state from the newest version it holds', async () => {
    expect(await versions.lastAppliedToNodes()).toEqual(new Map());
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
    const audit = { action: 'save', entity: 'save' };

    const applied = await VersionJournal.begin(actor, { model, kind: 'save' });
    await applied.planned({ activeDirector: results.activeDirector, rendered, plan, nodes: nodes.map((n) => ({ ...n, status: 'planned' as const })) });
    expect((await versions.getVersion(applied.id)).status).toBe('applying');
    await applied.finish(actor, 'applied', { activeDirector: results.activeDirector, nodes: nodes.map((n) => ({ ...n, status: 'applied' as const, error: undefined })) }, audit);
    const partial = await VersionJournal.begin(actor, { model, kind: 'save' });
    await partial.planned({ activeDirector: results.activeDirector, rendered, plan, nodes });
    await partial.finish(actor, 'partial', results, audit);
    const failed = await VersionJournal.begin(actor, { model, kind: 'save', revertOf: partial.id });
    const allFailed = nodes.map((n) => ({ ...n, status: 'failed' as const, error: { code: 'timeout' as const, message: 'no answer' } }));
    await failed.planned({ activeDirector: results.activeDirector, rendered, plan, nodes: allFailed });
    await failed.finish(actor, versions.versionStatusOf(allFailed), { activeDirector: results.activeDirector, nodes: allFailed }, audit);

    const v = await versions.getVersion(partial.id);
    expect(v).toMatchObject({ id: partial.id, actor: 'admin', status: 'partial', kind: 'save', revertOf: null, recoveredAt: null, model, rendered, plan, results });
    expect(v.finishedAt).toBeInstanceOf(Date);
    expect((await versions.listVersions()).map((r) => [r.id, r.status, r.nodes[0].error, r.interrupted])).toEqual([[failed.id, 'failed', 'timeout', false], [partial.id, 'partial', 'timeout', false], [applied.id, 'applied', null, false]]);
    expect(JSON.parse((await versions.newestAppliedModelJson())!)).toEqual(model);
    const perNode = await versions.lastAppliedToNodes();
    // The node that failed in the partial save still runs what the first save applied to it.
    expect(perNode.get(rendered[0].nodeId)?.version).toBe(applied.id);
    expect(perNode.get(rendered[1].nodeId)).toEqual({ version: partial.id, desired: rendered[1] });
    expect((await versions.lastAppliedPerNode([rendered[1].nodeId], partial.id)).get(rendered[1].nodeId)?.version).toBe(applied.id);
    expect((await versions.getVersion(failed.id)).revertOf).toBe(partial.id);
    expect(await versions.listApplyingVersionIds()).toEqual([]);
  });

  it('refuses a stored row that does not match its schema instead of passing it on', async () => {
    const row = await db.saveVersion.create({ data: { actor: 'x', modelHash: '', model: '{}', rendered: '[]', plan: '{}', results: '{"nodes":[]}', status: 'applied' } });
    await expect(versions.getVersion(row.id)).rejects.toThrow(/stored model of version/);
    await db.saveVersion.delete({ where: { id: row.id } });
  });
});
