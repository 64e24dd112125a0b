/** The AdminState rows: read for every save and by the drain watch, written by setAdminState. */
import { db, type Tx } from '../db';
import { appendAudit, type Actor } from '../queries/write';
import type { AdminStateRecord } from './types';

type Row = { nodeId: string; serviceId: string; state: string; since: Date; deadlineAt: Date | null; drainedAt: Date | null; outcome: string | null; actor: string };

function toRecord(r: Row): AdminStateRecord {
  return {
    node: r.nodeId,
    service: r.serviceId === '' ? null : r.serviceId,
    state: r.state === 'maintenance' ? 'maintenance' : 'drain',
    since: r.since.toISOString(),
    deadlineAt: r.deadlineAt?.toISOString() ?? null,
    drainedAt: r.drainedAt?.toISOString() ?? null,
    outcome: r.outcome === 'idle' || r.outcome === 'deadline' ? r.outcome : null,
    actor: r.actor,
  };
}

// On globalThis: Next bundles instrumentation (where the watch runs) apart from the route handlers
// and actions (where rows are written), so a module-level set could exist twice in one process.
const g = globalThis as unknown as { lvsAdminStateListeners?: Set<() => void> };
const listeners = (g.lvsAdminStateListeners ??= new Set());

/** Called after every committed change to the rows: the drain watch wakes on it instead of polling the table. */
export function onAdminStateChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed() {
  for (const fn of listeners) fn();
}

export async function listAdminStates(tx: Tx | typeof db = db): Promise<AdminStateRecord[]> {
  return (await tx.adminState.findMany({ orderBy: [{ nodeId: 'asc' }, { serviceId: 'asc' }] })).map(toRecord);
}

export interface AdminStateChange {
  node: string;
  service: string | null;
  state: 'active' | 'drain' | 'maintenance';
  deadlineAt: Date | null;
}

/**
 * Sets one row (active deletes it; a node-wide change also clears the node's per-service rows, as
 * one click on the node means the whole node) and audits it. Returns the rows before, to restore.
 */
export async function writeAdminState(actor: Actor, c: AdminStateChange): Promise<AdminStateRecord[]> {
  const before = await db.$transaction(async (tx) => {
    const before = await listAdminStates(tx);
    const serviceId = c.service ?? '';
    if (c.service === null) await tx.adminState.deleteMany({ where: { nodeId: c.node } });
    else await tx.adminState.deleteMany({ where: { nodeId: c.node, serviceId } });
    if (c.state !== 'active') {
      await tx.adminState.create({ data: { nodeId: c.node, serviceId, state: c.state, deadlineAt: c.deadlineAt, actor: actor.username } });
    }
    await appendAudit(tx, actor, { action: `admin-state-${c.state}`, entity: 'node', entityId: c.node, before: before.filter((s) => s.node === c.node), after: { service: c.service, state: c.state, deadlineAt: c.deadlineAt?.toISOString() ?? null } });
    return before;
  });
  changed();
  return before;
}

/** Puts the rows back as they were (a save that could not apply the change). */
export async function restoreAdminStates(node: string, rows: AdminStateRecord[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.adminState.deleteMany({ where: { nodeId: node } });
    for (const r of rows.filter((x) => x.node === node)) {
      await tx.adminState.create({ data: { nodeId: r.node, serviceId: r.service ?? '', state: r.state, since: new Date(r.since), deadlineAt: r.deadlineAt ? new Date(r.deadlineAt) : null, drainedAt: r.drainedAt ? new Date(r.drainedAt) : null, outcome: r.outcome, actor: r.actor } });
    }
  });
  changed();
}

/** A drain is over: once, whoever asks first (the watch may tick twice). Returns whether this call ended it. */
export async function markDrained(r: Pick<AdminStateRecord, 'node' | 'service' | 'since'>, outcome: 'idle' | 'deadline'): Promise<boolean> {
  const { count } = await db.adminState.updateMany({ where: { nodeId: r.node, serviceId: r.service ?? '', state: 'drain', since: new Date(r.since), drainedAt: null }, data: { drainedAt: new Date(), outcome } });
  return count === 1;
}
