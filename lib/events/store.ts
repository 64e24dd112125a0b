/**
 * The event store. Node events are identified by (node id, byte offset of their line), so a chunk
 * read twice — a poll retried, a console restarted between read and commit — inserts nothing twice.
 * Each insert, the cursor move and the alert deliveries for it share one transaction: an event is
 * stored and alerted together or not at all.
 */
import { db, type Tx } from '../db';
import type { ClusterModel } from '../cluster/model';
import { newestAppliedModelJson } from '../queries/versions';
import { enqueueEventAlerts } from '../alerts/enqueue';
import { parseEventLog } from './parse';
import { resolveEventRefs } from './resolve';

export interface StoredEvent {
  id: number;
  at: string;
  kind: string;
  node: string;
  service?: string;
  realServer?: string;
  detail: Record<string, unknown>;
}

export interface LogChunk {
  from: number; // the byte offset the text was read from
  fileSize: number; // the file's size when it was read
  text: string;
}

type EventRow = { id: number; at: Date; kind: string; nodeId: string; serviceId: string | null; realServerId: string | null; detail: string };

export function toStoredEvent(r: EventRow): StoredEvent {
  let detail: Record<string, unknown> = {};
  try { detail = JSON.parse(r.detail); } catch { /* a row is never written unreadable; keep the event anyway */ }
  return { id: r.id, at: r.at.toISOString(), kind: r.kind, node: r.nodeId, ...(r.serviceId ? { service: r.serviceId } : {}), ...(r.realServerId ? { realServer: r.realServerId } : {}), detail };
}

async function savedModel(): Promise<ClusterModel | null> {
  const json = await newestAppliedModelJson();
  if (!json) return null;
  try { return JSON.parse(json) as ClusterModel; } catch { return null; }
}

export async function eventCursor(nodeId: string): Promise<number> {
  return (await db.eventCursor.findUnique({ where: { nodeId } }))?.offset ?? 0;
}

/** A file shorter than what was read (node reinstalled) starts over; old events keep their rows. */
async function startOverIfTruncated(tx: Tx, nodeId: string, fileSize: number, cursor: number): Promise<number> {
  if (fileSize >= cursor) return cursor;
  // The new file's offsets will repeat the old ones: the old rows give up their identity, not their history.
  await tx.event.updateMany({ where: { nodeId, offset: { not: null } }, data: { offset: null } });
  return 0;
}

export async function ingestNodeLog(nodeId: string, chunk: LogChunk): Promise<StoredEvent[]> {
  const model = await savedModel();
  const parsed = parseEventLog(chunk.text, chunk.from);
  const rows = [
    ...parsed.events.map((e) => ({ offset: e.offset, at: new Date(e.at), kind: e.kind, ...resolveEventRefs(model, e.fields), detail: e.fields as Record<string, unknown> })),
    ...parsed.errors.map((e) => ({ offset: e.offset, at: new Date(), kind: 'parse-error', serviceId: null, realServerId: null, detail: { line: e.line, reason: e.reason } as Record<string, unknown> })),
  ].sort((a, b) => a.offset - b.offset);
  return db.$transaction(async (tx) => {
    let cursor = (await tx.eventCursor.findUnique({ where: { nodeId } }))?.offset ?? 0;
    cursor = await startOverIfTruncated(tx, nodeId, chunk.fileSize, cursor);
    if (chunk.from > cursor) return []; // a gap: this chunk does not follow what was read; read again from the cursor
    const offsets = rows.map((r) => r.offset);
    const seen = new Set((await tx.event.findMany({ where: { nodeId, offset: { in: offsets } }, select: { offset: true } })).map((r) => r.offset));
    const inserted: StoredEvent[] = [];
    for (const r of rows.filter((x) => !seen.has(x.offset))) {
      const row = await tx.event.create({ data: { nodeId, offset: r.offset, at: r.at, kind: r.kind, serviceId: r.serviceId, realServerId: r.realServerId, detail: JSON.stringify(r.detail) } });
      inserted.push(toStoredEvent(row));
    }
    const next = Math.max(cursor, chunk.from + parsed.consumed);
    await tx.eventCursor.upsert({ where: { nodeId }, create: { nodeId, offset: next }, update: { offset: next } });
    await enqueueEventAlerts(tx, inserted);
    return inserted;
  });
}

export interface ConsoleEvent {
  kind: string;
  node: string;
  service?: string;
  realServer?: string;
  detail: Record<string, unknown>;
  at?: Date;
}

/** Events the console itself observes (drain-started, drain-done, split-brain…): no offset. */
export async function recordConsoleEvent(e: ConsoleEvent): Promise<StoredEvent> {
  return db.$transaction(async (tx) => {
    const row = await tx.event.create({ data: { nodeId: e.node, offset: null, at: e.at ?? new Date(), kind: e.kind, serviceId: e.service ?? null, realServerId: e.realServer ?? null, detail: JSON.stringify(e.detail) } });
    const stored = toStoredEvent(row);
    await enqueueEventAlerts(tx, [stored]);
    return stored;
  });
}

export interface EventFilter {
  since?: Date;
  until?: Date;
  kinds?: string[];
  node?: string;
  limit: number;
}

/** Oldest first. With `since`: the first `limit` from then on (catching up); without: the newest `limit`. */
export async function listEvents(f: EventFilter): Promise<StoredEvent[]> {
  const where = { at: { gte: f.since, lte: f.until }, kind: f.kinds?.length ? { in: f.kinds } : undefined, nodeId: f.node };
  const rows = f.since
    ? await db.event.findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: f.limit })
    : (await db.event.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: f.limit })).reverse();
  return rows.map(toStoredEvent);
}

/** The kinds and nodes that occur, for the timeline's filter menus. */
export async function listEventFacets(): Promise<{ kinds: string[]; nodes: string[] }> {
  const [kinds, nodes] = await Promise.all([
    db.event.findMany({ distinct: ['kind'], select: { kind: true }, orderBy: { kind: 'asc' } }),
    db.event.findMany({ distinct: ['nodeId'], select: { nodeId: true }, orderBy: { nodeId: 'asc' } }),
  ]);
  return { kinds: kinds.map((k) => k.kind), nodes: nodes.map((n) => n.nodeId) };
}

/** Adds one key to a stored event's detail (the doctor's report on an rs-down); the rest is kept. */
export async function addEventDetail(id: number, key: string, value: unknown): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.event.findUnique({ where: { id }, select: { detail: true } });
    if (!row) return; // pruned meanwhile
    let detail: Record<string, unknown> = {};
    try { detail = JSON.parse(row.detail); } catch { /* replaced below */ }
    await tx.event.update({ where: { id }, data: { detail: JSON.stringify({ ...detail, [key]: value }) } });
  });
}
