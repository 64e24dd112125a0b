/**
 * Alert channels in the database. Secrets are sealed (lib/secrets.ts) and write-only: the public
 * shape says only whether one is set, and a PUT without it keeps the stored one.
 */
import { db } from '../db';
import { invalid, notFound } from '../errors';
import { openSecret, sealSecret } from '../secrets';
import { appendAudit, type Actor } from '../queries/write';
import { subscribedKinds } from './enqueue';
import { MailConfig, WebhookConfig, type AlertChannelInput } from './schemas';

type ChannelRow = Awaited<ReturnType<typeof db.alertChannel.findMany>>[number];

export interface PublicChannel {
  id: string;
  name: string;
  kind: 'webhook' | 'mail';
  enabled: boolean;
  language: 'en' | 'ko';
  kinds: string[];
  realertMinutes: number;
  config: Record<string, unknown>;
  secretSet: boolean;
}

function parseConfig(row: ChannelRow): WebhookConfig | MailConfig {
  const raw = JSON.parse(row.config);
  return row.kind === 'mail' ? MailConfig.parse(raw) : WebhookConfig.parse(raw);
}

export function toPublicChannel(row: ChannelRow): PublicChannel {
  return {
    id: row.id, name: row.name, kind: row.kind === 'mail' ? 'mail' : 'webhook', enabled: row.enabled,
    language: row.language === 'ko' ? 'ko' : 'en', kinds: subscribedKinds(row.kinds), realertMinutes: row.realertMinutes,
    config: parseConfig(row), secretSet: row.secretSealed !== null,
  };
}

export async function listChannels(): Promise<PublicChannel[]> {
  return (await db.alertChannel.findMany({ orderBy: { name: 'asc' } })).map(toPublicChannel);
}

export interface SendableChannel {
  id: string;
  name: string;
  kind: 'webhook' | 'mail';
  language: 'en' | 'ko';
  config: WebhookConfig | MailConfig;
  secret: string | null; // opened only here, on the server, for the send
}

export async function loadSendableChannel(id: string): Promise<SendableChannel | null> {
  const row = await db.alertChannel.findUnique({ where: { id } });
  if (!row) return null;
  const p = toPublicChannel(row);
  return { id: p.id, name: p.name, kind: p.kind, language: p.language, config: p.config as WebhookConfig | MailConfig, secret: row.secretSealed ? openSecret(row.secretSealed) : null };
}

function splitInput(c: AlertChannelInput): { config: WebhookConfig | MailConfig; secret: string | undefined } {
  if (c.kind === 'webhook') return { config: { url: c.url }, secret: c.secret };
  const { host, port, starttls, user, from, to, ca } = c;
  return { config: { host, port, starttls, user, from, to, ca }, secret: c.password };
}

/** Replaces the whole set of channels in one transaction; unknown ids and missing secrets are field errors. */
export async function replaceChannels(channels: AlertChannelInput[], actor: Actor): Promise<PublicChannel[]> {
  await db.$transaction(async (tx) => {
    const existing = new Map((await tx.alertChannel.findMany()).map((r) => [r.id, r]));
    const errors: Record<string, string> = {};
    channels.forEach((c, i) => {
      const old = c.id ? existing.get(c.id) : undefined;
      if (c.id && !old) errors[`channels.${i}.id`] = 'no such channel';
      const keeps = old && old.kind === c.kind && old.secretSealed !== null;
      const field = c.kind === 'webhook' ? 'secret' : 'password';
      const needed = c.kind === 'webhook' || Boolean(c.user);
      if (needed && !splitInput(c).secret && !keeps) errors[`channels.${i}.${field}`] = 'is required';
    });
    if (Object.keys(errors).length) throw invalid(errors);
    const keep = new Set(channels.map((c) => c.id).filter(Boolean));
    await tx.alertChannel.deleteMany({ where: { id: { notIn: [...keep] as string[] } } });
    for (const c of channels) {
      const { config, secret } = splitInput(c);
      const old = c.id ? existing.get(c.id) : undefined;
      const carried = old && old.kind === c.kind ? old.secretSealed : null;
      const secretSealed = secret ? sealSecret(secret) : c.kind === 'mail' && !c.user ? null : carried;
      const data = { name: c.name, kind: c.kind, enabled: c.enabled, language: c.language, kinds: JSON.stringify(c.kinds), realertMinutes: c.realertMinutes, config: JSON.stringify(config), secretSealed };
      if (old) await tx.alertChannel.update({ where: { id: old.id }, data });
      else await tx.alertChannel.create({ data });
    }
    // The audit names what changed, never a secret (config holds none).
    await appendAudit(tx, actor, { action: 'update', entity: 'alerts', after: channels.map((c) => ({ name: c.name, kind: c.kind, enabled: c.enabled, kinds: c.kinds, realertMinutes: c.realertMinutes, config: splitInput(c).config })) });
  });
  return listChannels();
}

export async function channelIdByRef(ref: string): Promise<string> {
  const row = await db.alertChannel.findFirst({ where: { OR: [{ id: ref }, { name: ref }] }, select: { id: true } });
  if (!row) throw notFound('alert channel');
  return row.id;
}

export async function listDeliveries(take = 100) {
  const rows = await db.alertDelivery.findMany({ orderBy: { id: 'desc' }, take });
  return rows.map((r) => ({ id: r.id, channel: r.channelId, event: r.eventId, reason: r.reason, status: r.status, attempts: r.attempts, lastError: r.lastError, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, nextAttemptAt: r.nextAttemptAt.toISOString() }));
}
