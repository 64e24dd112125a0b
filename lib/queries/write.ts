/**
 * Every change to the model goes through `changeModel`: one transaction that checks references,
 * writes, re-reads the whole model, checks its invariants and appends to the audit log. A conflict
 * rolls the transaction back, so nothing is ever half-written.
 */
import { conflict, invalid } from '../errors';
import { modelConflicts, unknownReferences } from '../cluster/invariants';
import type { ClusterModel } from '../cluster/model';
import { db, type Tx } from '../db';
import { loadModel } from './model';

export interface Actor {
  username: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(tx: Tx, actor: Actor, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actor: actor.username,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    },
  });
}

export function checkReferences(model: ClusterModel, refs: Parameters<typeof unknownReferences>[1]): void {
  const errors = unknownReferences(model, refs);
  if (Object.keys(errors).length) throw invalid(errors, 'refers to something that does not exist');
}

export function checkUniqueName(list: { id: string; name: string }[], name: string, selfId: string | null, what: string): void {
  const clash = list.find((e) => e.name.toLowerCase() === name.toLowerCase() && e.id !== selfId);
  if (clash) throw conflict(`a ${what} named ${clash.name} already exists`);
}

export async function changeModel<T>(
  actor: Actor,
  write: (tx: Tx, before: ClusterModel) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const before = await loadModel(tx);
    const { result, audit } = await write(tx, before);
    const conflicts = modelConflicts(await loadModel(tx));
    if (conflicts.length) throw conflict(conflicts.join('; '));
    await appendAudit(tx, actor, audit);
    return result;
  });
}
