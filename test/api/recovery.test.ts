/**
 * Start-up recovery over the database, with nodes that do not answer: a save left `applying` is
 * resolved once, per node — a batch that was sent to a node that cannot be read now is `unknown`,
 * a node never sent its batch is `not-applied` — and the audit log names the interrupted save.
 * (test/lab/crash-recovery.test.ts does the same against real kernels after real kills.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { buildExample1 } from '../support/example1';

useTestDataDir();
const { api } = await import('../support/api-client');
const { db } = await import('@/lib/db');
const { loadModel } = await import('@/lib/queries/model');
const { renderCluster } = await import('@/lib/ipvs/render');
const { VersionJournal } = await import('@/lib/queries/version-journal');
const versions = await import('@/lib/queries/versions');
const { recoverInterruptedSaves } = await import('@/lib/save/recovery');

const actor = { username: 'admin' };

describe('start-up recovery of interrupted saves', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    const token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    await buildExample1(api, token);
  });

  it('resolves each node whose answer is not on record, and the save as a whole', async () => {
    const model = await loadModel();
    const rendered = renderCluster(model, { activeDirector: model.masterPriority.nodes[0] });
    const plan = Object.fromEntries(rendered.map((d) => [d.nodeId, []]));
    const status = ['applying', 'planned', 'unchanged'] as const;
    const nodes = rendered.slice(0, 3).map((d, i) => ({ node: d.nodeId, name: d.nodeName, roles: d.roles, status: status[i], steps: [] }));

    const beforePlan = await VersionJournal.begin(actor, { model, kind: 'save' }); // killed before the read
    const midApply = await VersionJournal.begin(actor, { model, kind: 'save' });
    await midApply.planned({ activeDirector: rendered[0].nodeId, rendered, plan, nodes });
    expect(await versions.listApplyingVersionIds()).toEqual([beforePlan.id, midApply.id]);

    expect(await recoverInterruptedSaves()).toEqual([beforePlan.id, midApply.id]);
    expect(await versions.listApplyingVersionIds()).toEqual([]);
    expect(await recoverInterruptedSaves(), 'resolved once').toEqual([]);

    const [mid, early] = await versions.listVersions();
    expect(mid).toMatchObject({ id: midApply.id, status: 'partial', interrupted: true });
    expect(mid.nodes.map((n) => [n.status, n.recovered])).toEqual([['applying', 'unknown'], ['planned', 'not-applied'], ['unchanged', null]]);
    expect(early).toMatchObject({ id: beforePlan.id, status: 'failed', interrupted: true });
    expect(early.nodes.map((n) => n.recovered)).toEqual(model.nodes.map(() => 'not-applied'));
    expect((await versions.getVersion(midApply.id)).recoveredAt).toBeInstanceOf(Date);

    const audit = await db.auditLog.findMany({ where: { action: 'save-interrupted' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.actor, a.entity, a.entityId])).toEqual([['console', 'save', String(beforePlan.id)], ['console', 'save', String(midApply.id)]]);
    // The unchanged node holds the interrupted version's state; the others still have none applied.
    const perNode = await versions.lastAppliedToNodes();
    expect([...perNode].map(([id, a]) => [id, a.version])).toEqual([[rendered[2].nodeId, midApply.id]]);
  }, 60_000);
});
