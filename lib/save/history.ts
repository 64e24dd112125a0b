/** Save history: any two versions can be diffed; reverting to one makes a new save. */
import { canonicalJson } from '../cluster/canonical';
import { DOCUMENT_FORMAT, modelDocumentSchema } from '../cluster/document';
import type { NodeDesiredState } from '../ipvs/types';
import { conflict } from '../errors';
import { db } from '../db';
import { importModel } from '../queries/backup';
import { getVersion } from '../queries/versions';
import type { Actor } from '../queries/write';
import type { VersionDiff } from '../wire';
import { saveState } from './save-state';
import { diffLines } from './text-diff';

/** The model as indented JSON with sorted keys, as it is stored, so a diff shows real changes only. */
const modelText = (model: unknown) => JSON.stringify(JSON.parse(canonicalJson(model)), null, 2);

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
  return { from: fromId, to: toId, model: diffLines(modelText(a.model), modelText(b.model)), nodes: nodes.filter((n) => n.files.length) };
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
  // The revert is on record as one from the start (written ahead with the save).
  return saveState(actor, { dryRun: false, revertOf: id });
}
