/**
 * Sends the pending alert deliveries. They are rows (written with their event), so a restarted
 * console picks up where the last one stopped; a delivery is marked sent right after its send, and
 * its dedupe key keeps a re-read event from queueing it again. One loop per process, started from
 * instrumentation.ts; ticks never overlap.
 */
import { db } from '../db';
import { toStoredEvent, type StoredEvent } from '../events/store';
import { loadSendableChannel, type SendableChannel } from './channels';
import { subscribedKinds } from './enqueue';
import { alertText, type AlertReason } from './messages';
import { MAX_ATTEMPTS, backoffMs, realertRound, stillDown } from './policy';
import type { MailConfig, WebhookConfig } from './schemas';
import { AlertSendError, sendMail, sendWebhook } from './transport';

export interface DispatcherOptions {
  tickMs?: number;
  backoffBaseMs?: number;
}

const testEvent = (): StoredEvent => ({ id: 0, at: new Date().toISOString(), kind: 'test', node: 'lvs-console', detail: {} });

export async function sendOne(channel: SendableChannel, event: StoredEvent, reason: AlertReason): Promise<void> {
  const payload = { reason, channel: channel.name, event, text: alertText(event, reason, channel.language) };
  if (channel.kind === 'webhook') await sendWebhook(channel.config as WebhookConfig, channel.secret, payload);
  else await sendMail(channel.config as MailConfig, channel.secret, payload);
}

const TEST_GRACE_MS = 5 * 60_000;

const errorText = (e: unknown) => (e instanceof AlertSendError ? e.message : 'send failed');

/** The "send test" button: one attempt, recorded in the delivery log, the result returned. */
export async function sendTestAlert(channelId: string): Promise<{ ok: boolean; error?: string }> {
  const channel = await loadSendableChannel(channelId);
  if (!channel) return { ok: false, error: 'no such channel' };
  // Due only well after this send's own timeout: the dispatcher loop must not take the row while the
  // send runs (it has no event, so it would mark it failed "event gone" next to a send that worked).
  // If the console dies mid-send, the loop later closes the row as interrupted.
  const later = new Date(Date.now() + TEST_GRACE_MS);
  const row = await db.alertDelivery.create({ data: { channelId, dedupeKey: `test:${Date.now()}:${Math.random().toString(36).slice(2)}`, reason: 'test', attempts: 1, nextAttemptAt: later } });
  try {
    await sendOne(channel, testEvent(), 'test');
    await db.alertDelivery.update({ where: { id: row.id }, data: { status: 'sent', sentAt: new Date() } });
    return { ok: true };
  } catch (e) {
    await db.alertDelivery.update({ where: { id: row.id }, data: { status: 'failed', lastError: errorText(e) } });
    return { ok: false, error: errorText(e) };
  }
}

async function attempt(d: { id: number; channelId: string; eventId: number | null; reason: string; attempts: number }, o: Required<DispatcherOptions>): Promise<void> {
  const [channel, row] = await Promise.all([loadSendableChannel(d.channelId), d.eventId === null ? null : db.event.findUnique({ where: { id: d.eventId } })]);
  if (!channel || !row) {
    const why = !channel ? 'channel gone' : d.reason === 'test' ? 'test interrupted' : 'event gone';
    await db.alertDelivery.update({ where: { id: d.id }, data: { status: 'failed', lastError: why } });
    return;
  }
  const attempts = d.attempts + 1;
  try {
    await sendOne(channel, toStoredEvent(row), d.reason === 'realert' ? 'realert' : 'event');
    await db.alertDelivery.update({ where: { id: d.id }, data: { status: 'sent', attempts, sentAt: new Date() } }); // a last error stays: the log shows why it took retries
  } catch (e) {
    const done = attempts >= MAX_ATTEMPTS;
    await db.alertDelivery.update({ where: { id: d.id }, data: { status: done ? 'failed' : 'pending', attempts, lastError: errorText(e), nextAttemptAt: new Date(Date.now() + backoffMs(attempts, o.backoffBaseMs)) } });
  }
}

// Re-alerts look back this far (console clock: a node's clock may be off) for a still-down server.
const REALERT_WINDOW_MS = 30 * 86_400_000;

/** Queues a re-alert for each real server still down past a channel's interval (mon's alertevery). */
export async function queueRealerts(now = new Date()): Promise<void> {
  const channels = (await db.alertChannel.findMany({ where: { enabled: true, realertMinutes: { gt: 0 } } })).filter((c) => subscribedKinds(c.kinds).includes('rs-down'));
  if (!channels.length) return;
  const recent = await db.event.findMany({ where: { kind: { in: ['rs-down', 'rs-up'] }, createdAt: { gte: new Date(now.getTime() - REALERT_WINDOW_MS) } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  for (const down of stillDown(recent.map(toStoredEvent))) {
    for (const c of channels) {
      const first = await db.alertDelivery.findFirst({ where: { channelId: c.id, eventId: down.id, reason: 'event' }, select: { createdAt: true } });
      const round = realertRound(c.realertMinutes, first?.createdAt ?? null, now);
      if (round < 1) continue;
      // One key per round: a second look within the round, or a second process, queues nothing more;
      // rounds missed while the console was down collapse into the current one.
      const dedupeKey = `realert:${down.id}:${c.id}:${round}`;
      await db.alertDelivery.upsert({ where: { dedupeKey }, create: { channelId: c.id, eventId: down.id, dedupeKey, reason: 'realert' }, update: {} });
    }
  }
}

/** One round: re-alerts due, then every pending delivery whose time has come, oldest first. */
export async function dispatchOnce(options: DispatcherOptions = {}): Promise<void> {
  const o = { tickMs: 1000, backoffBaseMs: 2000, ...options };
  await queueRealerts();
  const due = await db.alertDelivery.findMany({ where: { status: 'pending', nextAttemptAt: { lte: new Date() } }, orderBy: { id: 'asc' }, take: 50 });
  for (const d of due) await attempt(d, o);
}

export interface Dispatcher {
  stop(): Promise<void>;
}

export function startDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const tickMs = options.tickMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    running = dispatchOnce(options)
      .catch((e) => console.error('alerts: dispatch round failed', e instanceof Error ? e.message : 'unknown'))
      .finally(() => { if (!stopped) timer = setTimeout(loop, tickMs); timer?.unref(); });
  };
  loop();
  return { stop: async () => { stopped = true; if (timer) clearTimeout(timer); await running; } };
}

const g = globalThis as unknown as { lvsAlertDispatcher?: Dispatcher };

/** The process's one dispatcher (instrumentation.ts). */
export function ensureDispatcher(): Dispatcher {
  g.lvsAlertDispatcher ??= startDispatcher();
  return g.lvsAlertDispatcher;
}
