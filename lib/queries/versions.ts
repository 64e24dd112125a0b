/**
 * Saved versions: the one module that reads them (./version-journal writes them). A version is one
 * change to the cluster: the model it applied, what it rendered and planned for each node, what each
 * node did, and how it ended. Stored JSON is parsed with the schemas in ./version-schemas, never cast.
 *
 * What a node runs is judged per node: a node holds the state of the newest version that it applied
 * (or that had nothing to change on it, or that start-up recovery found on it) — not of the newest
 * version as a whole, which may have failed or been interrupted on that node.
 */
import { z } from 'zod';
import { db } from '../db';
import { notFound } from '../errors';
import type { NodeDesiredState } from '../ipvs/types';
import type { NodeResult, VersionStatus, VersionSummary } from '../wire';
import { storedModelSchema, storedPlanSchema, storedRenderedSchema, storedResultsSchema, versionKindSchema, versionStatusSchema, type StoredResults } from './version-schemas';

export type { VersionStatus };

export function parseStored<S extends z.ZodType>(schema: S, json: string, what: string): z.output<S> {
  const r = schema.safeParse(JSON.parse(json));
  if (!r.success) throw new Error(`stored ${what} does not match its schema: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
  return r.data;
}

/** Whether the node was left running what this version rendered for it. */
export function nodeHoldsVersion(r: Pick<NodeResult, 'status' | 'recovered'>): boolean {
  return r.recovered ? r.recovered === 'applied' : r.status === 'applied' || r.status === 'unchanged';
}

/** Whether the node ended this version without its state (failed, or recovery found otherwise). */
const nodeMissedVersion = (r: Pick<NodeResult, 'status' | 'recovered'>) => (r.recovered ? r.recovered !== 'applied' : r.status === 'failed');

/** How a save ended over all its nodes. */
export function versionStatusOf(results: StoredResults['nodes']): Exclude<VersionStatus, 'applying'> {
  const failed = results.filter(nodeMissedVersion).length;
  return failed === 0 ? 'applied' : failed === results.length ? 'failed' : 'partial';
}

export async function listVersions(take = 100): Promise<VersionSummary[]> {
  const rows = await db.saveVersion.findMany({ orderBy: { id: 'desc' }, take, select: { id: true, createdAt: true, actor: true, status: true, revertOf: true, kind: true, recoveredAt: true, results: true } });
  return rows.map(({ results, status, kind, recoveredAt, ...r }) => {
    const parsed = parseStored(storedResultsSchema, results, `results of version ${r.id}`);
    return {
      ...r,
      status: versionStatusSchema.parse(status),
      kind: versionKindSchema.parse(kind),
      interrupted: recoveredAt !== null,
      activeDirector: parsed.activeDirector,
      nodes: parsed.nodes.map((n) => ({ node: n.node, name: n.name, status: n.status, error: n.error?.code ?? null, recovered: n.recovered ?? null })),
    };
  });
}

export async function getVersion(id: number) {
  const v = await db.saveVersion.findUnique({ where: { id } });
  if (!v) throw notFound(`version ${id}`);
  return {
    id: v.id, createdAt: v.createdAt, actor: v.actor, status: versionStatusSchema.parse(v.status), revertOf: v.revertOf,
    kind: versionKindSchema.parse(v.kind), finishedAt: v.finishedAt, recoveredAt: v.recoveredAt,
    model: parseStored(storedModelSchema, v.model, `model of version ${id}`),
    rendered: parseStored(storedRenderedSchema, v.rendered, `rendered state of version ${id}`),
    plan: parseStored(storedPlanSchema, v.plan, `plan of version ${id}`),
    results: parseStored(storedResultsSchema, v.results, `results of version ${id}`),
  };
}

export type SavedVersion = Awaited<ReturnType<typeof getVersion>>;

/** Saves still `applying`, oldest first: at start-up, the ones the console did not live through. */
export async function listApplyingVersionIds(): Promise<number[]> {
  return (await db.saveVersion.findMany({ where: { status: 'applying' }, orderBy: { id: 'asc' }, select: { id: true } })).map((v) => v.id);
}

/**
 * The model JSON (canonical) of the newest save that reached the cluster, or null if none did.
 * Re-applies restore one node and say nothing about the model, so they do not count.
 */
export async function newestAppliedModelJson(): Promise<string | null> {
  const v = await db.saveVersion.findFirst({ where: { kind: 'save', status: { in: ['applied', 'partial'] } }, orderBy: { id: 'desc' }, select: { model: true } });
  return v?.model ?? null;
}

/** Moves on every write to any version: the live view reloads the last applied state when it does. */
export async function versionsStamp(): Promise<number | null> {
  const r = await db.saveVersion.aggregate({ _max: { updatedAt: true } });
  return r._max.updatedAt?.getTime() ?? null;
}

export interface AppliedToNode {
  version: number;
  desired: NodeDesiredState;
}

const PAGE = 25;
const MAX_SCANNED = 1000; // a node not found in the newest thousand versions counts as never applied

/**
 * For each of `nodeIds`, the newest version (older than `before`, if given) whose state the node
 * holds, with what that version rendered for it. Newest first, a page at a time, stopping once
 * every node is found; only the rendered state of versions that answer a node is parsed.
 */
export async function lastAppliedPerNode(nodeIds: readonly string[], before?: number): Promise<Map<string, AppliedToNode>> {
  const found = new Map<string, AppliedToNode>();
  let cursor = before;
  for (let scanned = 0; found.size < nodeIds.length && scanned < MAX_SCANNED; scanned += PAGE) {
    const rows = await db.saveVersion.findMany({
      where: cursor === undefined ? {} : { id: { lt: cursor } }, orderBy: { id: 'desc' }, take: PAGE, select: { id: true, results: true, rendered: true },
    });
    for (const row of rows) {
      const holds = parseStored(storedResultsSchema, row.results, `results of version ${row.id}`).nodes
        .filter((r) => nodeIds.includes(r.node) && !found.has(r.node) && nodeHoldsVersion(r)).map((r) => r.node);
      if (!holds.length) continue;
      const rendered = parseStored(storedRenderedSchema, row.rendered, `rendered state of version ${row.id}`);
      for (const id of holds) {
        const desired = rendered.find((d) => d.nodeId === id);
        if (desired) found.set(id, { version: row.id, desired });
      }
    }
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1].id;
  }
  return found;
}

/** lastAppliedPerNode for every node of the model as it is now. */
export async function lastAppliedToNodes(): Promise<Map<string, AppliedToNode>> {
  const nodes = await db.node.findMany({ select: { id: true } });
  return lastAppliedPerNode(nodes.map((n) => n.id));
}
