/**
 * Saved versions: the one module that writes and reads them. A version is one real save: the model
 * it applied, what it rendered and planned for each node, what each node did, and how it ended.
 * Stored JSON is parsed with the schemas in ./version-schemas, never cast.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../cluster/canonical';
import type { ClusterModel } from '../cluster/model';
import { db, type Tx } from '../db';
import { notFound } from '../errors';
import type { NodeDesiredState, Step } from '../ipvs/types';
import type { VersionStatus, VersionSummary } from '../wire';
import { storedModelSchema, storedPlanSchema, storedRenderedSchema, storedResultsSchema, versionStatusSchema, type StoredResults } from './version-schemas';
import type { Actor } from './write';

/** Statuses whose rendered state reached (some of) the cluster: what drift and re-apply compare against. */
const REACHED_CLUSTER: VersionStatus[] = ['applied', 'partial'];

function parseStored<S extends z.ZodType>(schema: S, json: string, what: string): z.output<S> {
  const r = schema.safeParse(JSON.parse(json));
  if (!r.success) throw new Error(`stored ${what} does not match its schema: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
  return r.data;
}

/** How a save ended over all its nodes. */
export function versionStatusOf(results: StoredResults['nodes']): VersionStatus {
  const failed = results.filter((r) => r.status === 'failed').length;
  return failed === 0 ? 'applied' : failed === results.length ? 'failed' : 'partial';
}

export interface NewVersion {
  model: ClusterModel;
  rendered: NodeDesiredState[];
  plan: Record<string, Step[]>;
  results: StoredResults;
  status: VersionStatus;
}

/** Records a finished save inside the caller's transaction (which also writes its audit entry). */
export async function createVersion(tx: Tx, actor: Actor, v: NewVersion): Promise<number> {
  const modelJson = canonicalJson(v.model);
  const row = await tx.saveVersion.create({
    data: {
      actor: actor.username,
      modelHash: createHash('sha256').update(modelJson).digest('hex'),
      model: modelJson,
      rendered: JSON.stringify(v.rendered),
      plan: JSON.stringify(v.plan),
      results: JSON.stringify(v.results),
      status: v.status,
    },
  });
  return row.id;
}

export async function markRevertOf(id: number, revertOf: number): Promise<void> {
  await db.saveVersion.update({ where: { id }, data: { revertOf } });
}

export async function listVersions(take = 100): Promise<VersionSummary[]> {
  const rows = await db.saveVersion.findMany({ orderBy: { id: 'desc' }, take, select: { id: true, createdAt: true, actor: true, status: true, revertOf: true, results: true } });
  return rows.map(({ results, status, ...r }) => {
    const parsed = parseStored(storedResultsSchema, results, `results of version ${r.id}`);
    return {
      ...r,
      status: versionStatusSchema.parse(status),
      activeDirector: parsed.activeDirector,
      nodes: parsed.nodes.map((n) => ({ node: n.node, name: n.name, status: n.status, error: n.error?.code ?? null })),
    };
  });
}

export async function getVersion(id: number) {
  const v = await db.saveVersion.findUnique({ where: { id } });
  if (!v) throw notFound(`version ${id}`);
  return {
    id: v.id, createdAt: v.createdAt, actor: v.actor, status: versionStatusSchema.parse(v.status), revertOf: v.revertOf,
    model: parseStored(storedModelSchema, v.model, `model of version ${id}`),
    rendered: parseStored(storedRenderedSchema, v.rendered, `rendered state of version ${id}`),
    plan: parseStored(storedPlanSchema, v.plan, `plan of version ${id}`),
    results: parseStored(storedResultsSchema, v.results, `results of version ${id}`),
  };
}

export type SavedVersion = Awaited<ReturnType<typeof getVersion>>;

/** The newest version whose state reached the cluster, with only the columns asked for. */
function newestAppliedRow<S extends { id: true; model?: true; rendered?: true }>(select: S) {
  return db.saveVersion.findFirst({ where: { status: { in: REACHED_CLUSTER } }, orderBy: { id: 'desc' }, select });
}

export async function newestAppliedVersionId(): Promise<number | null> {
  return (await newestAppliedRow({ id: true }))?.id ?? null;
}

/** The model JSON (canonical) of the newest applied version, or null if nothing was applied yet. */
export async function newestAppliedModelJson(): Promise<string | null> {
  return (await newestAppliedRow({ id: true, model: true }))?.model ?? null;
}

/** The last applied state per node: what the newest applied or partial save rendered, by node id. */
export async function lastAppliedDesired(): Promise<{ version: number; desired: Map<string, NodeDesiredState> } | null> {
  const v = await newestAppliedRow({ id: true, rendered: true });
  if (!v) return null;
  const rendered = parseStored(storedRenderedSchema, v.rendered, `rendered state of version ${v.id}`);
  return { version: v.id, desired: new Map(rendered.map((d) => [d.nodeId, d])) };
}
