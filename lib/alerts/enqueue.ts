/**
 * Alert deliveries are rows written in the event's own transaction: a crash after the commit
 * leaves them pending for the dispatcher, a crash before leaves neither. The dedupe key makes a
 * second enqueue of the same event a no-op.
 */
import type { Tx } from '../db';
import type { StoredEvent } from '../events/store';

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
  for (const c of channels) {
    const kinds = new Set(subscribedKinds(c.kinds));
    for (const e of events.filter((x) => kinds.has(x.kind))) {
      const dedupeKey = eventDeliveryKey(e.id, c.id);
      await tx.alertDelivery.upsert({ where: { dedupeKey }, create: { channelId: c.id, eventId: e.id, dedupeKey, reason: 'event' }, update: {} });
    }
  }
}
