/** Save history: every save is a version; any two can be diffed; reverting to one makes a new save. */
import type { ClusterModel } from '../cluster/model';
import { DOCUMENT_FORMAT, modelDocumentSchema } from '../cluster/document';
import type { NodeDesiredState } from '../ipvs/types';
import { conflict, notFound } from '../errors';
import { db } from '../db';
import { importModel } from '../queries/backup';
import type { Actor } from '../queries/write';
import type { NodeResult } from './run';
import { saveState } from './service';
import { diffLines, type DiffLine } from './text-diff';

export async function listVersions(take = 100) {
  const rows = await db.saveVersion.findMany({ orderBy: { id: 'desc' }, take, select: { id: true, createdAt: true, actor: true, status: true, revertOf: true, results: true } });
  return rows.map(({ results, ...r }) => {
    const parsed = JSON.parse(results) as { activeDirector: string | null; nodes: NodeResult[] };
    return { ...r, activeDirector: parsed.activeDirector, nodes: parsed.nodes.map((n) => ({ node: n.node, name: n.name, status: n.status, error: n.error?.code ?? null })) };
  });
}

export async function getVersion(id: number) {
  const v = await db.saveVersion.findUnique({ where: { id } });
  if (!v) throw notFound(`version ${id}`);
  return {
    id: v.id, createdAt: v.createdAt, actor: v.actor, status: v.status, revertOf: v.revertOf,
    model: JSON.parse(v.model) as ClusterModel,
    rendered: JSON.parse(v.rendered) as NodeDesiredState[],
    plan: JSON.parse(v.plan) as Record<string, unknown>,
    results: JSON.parse(v.results) as { activeDirector: string | null; nodes: NodeResult[] },
  };
}

export interface VersionDiff {
  from: number;
  to: number;
  model: DiffLine[];
  nodes: Array<{ name: string; files: Array<{ path: string; lines: DiffLine[] }> }>;
}

/** Per node, the difference of every rendered boot file (rules, addresses, sysctls, modules). */
export async function diffVersions(fromId: number, toId: number): Promise<VersionDiff> {
  const [a, b] = await Promise.all([getVersion(fromId), getVersion(toId)]);
  const names = [...new Set([...a.rendered, ...b.rendered].map((d) => d.nodeName))];
  const filesOf = (v: NodeDesiredState[], name: string) => new Map((v.find((d) => d.nodeName === name)?.bootFiles ?? []).map((f) => [f.path, f.content]));
  const nodes = names.map((name) => {
    const fa = filesOf(a.rendered, name);
    const fb = filesOf(b.rendered, name);
    const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
    return { name, files: paths.map((path) => ({ path, lines: diffLines(fa.get(path) ?? '', fb.get(path) ?? '') })).filter((f) => f.lines.some((l) => l.op !== ' ')) };
  });
  return { from: fromId, to: toId, model: diffLines(JSON.stringify(a.model, null, 2), JSON.stringify(b.model, null, 2)), nodes: nodes.filter((n) => n.files.length) };
}

/** Restores the model of a version (keeping today's node credentials) and saves it as a new version. */
export async function revertToVersion(actor: Actor, id: number) {
  const v = await getVersion(id);
  const creds = new Map((await db.node.findMany({ select: { id: true, credentialKind: true, credentialSealed: true } })).map((n) => [n.id, { kind: n.credentialKind, sealed: n.credentialSealed }]));
  const missing = v.model.nodes.filter((n) => !creds.has(n.id)).map((n) => n.name);
  if (missing.length) throw conflict(`version ${id} names nodes deleted since (${missing.join(', ')}); their SSH credentials are gone — re-create them first`);
  const doc = modelDocumentSchema.parse({
    format: DOCUMENT_FORMAT,
    version: 1,
    ...v.model,
    nodes: v.model.nodes.map((n) => ({ ...n, credential: creds.get(n.id) })),
  });
  await importModel(actor, doc);
  const answer = await saveState(actor, { dryRun: false });
  if (answer.version !== null) await db.saveVersion.update({ where: { id: answer.version }, data: { revertOf: id } });
  return answer;
}
