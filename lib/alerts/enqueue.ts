/**
 * Alert deliveries are rows written in the event's own transaction: a crash after the commit
 * leaves them pending for the dispatcher, a crash before leaves neither. The dedupe key makes a
 * second enqueue of the same event a no-op.
 */
import type { Tx } from '../db';
import type { StoredEvent } from '../events/store';
import { isSilenced } from '../admin-state/apply';
import { listAdminStates } from '../admin-state/store';

/** A server in maintenance is expected to fail its check: its rs-down / rs-up are stored, not alerted. */
const CHECK_KINDS = new Set(['rs-down', 'rs-up']);

export const eventDeliveryKey = (eventId: number, channelId: string) => `event:${eventId}:${channelId}`;

export function subscribedKinds(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function enqueueEventAlerts(tx: Tx, events: readonly StoredEvent[]): Promise<void> {
  if (!events.length) return;
  const channels = await tx.alertChannel.findMany({ where: { enabled: true }, select: { id: true, kinds: true } });
  if (!channels.length) return;
  const states = await listAdminStates(tx);
  const alerted = events.filter((e) => !(CHECK_KINDS.has(e.kind) && isSilenced(states, e.realServer, e.service)));
  for (const c of channels) {
    const kinds = new Set(subscribedKinds(c.kinds));
    for (const e of alerted.filter((x) => kinds.has(x.kind))) {
      const dedupeKey = eventDeliveryKey(e.id, c.id);
      await tx.alertDelivery.upsert({ where: { dedupeKey }, create: { channelId: c.id, eventId: e.id, dedupeKey, reason: 'event' }, update: {} });
    }
  }
}
