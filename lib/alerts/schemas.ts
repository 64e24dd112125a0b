/**
 * One zod schema per alert entity, used by the API and the settings form. Everything that ends up
 * in a mail header or an HTTP request line is checked here: no CR/LF (header injection), URLs only
 * http(s) and without credentials (the secret belongs in the sealed field, not in a URL a log prints).
 */
import { z } from 'zod';

import { EVENT_KINDS } from './kinds';

export { EVENT_KINDS };

const noControl = (s: string) => !/[\x00-\x1f\x7f]/.test(s);
const headerText = (max: number) => z.string().max(max).refine(noControl, 'must not contain control characters (CR, LF, tab…)');
// A deliberately plain address: local@domain, no display names, quotes, commas or angle brackets.
const mailAddress = z.string().max(254).regex(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'must be a plain address like ops@example.com');
const hostname = z.string().min(1).max(253).regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^\d{1,3}(?:\.\d{1,3}){3}$/, 'must be a host name or IPv4 address');

export const webhookUrl = z.string().max(2000).refine(noControl, 'must not contain control characters').superRefine((v, ctx) => {
  let u: URL;
  try { u = new URL(v); } catch { ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' }); return; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must be http or https' });
  if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'must not carry credentials; use the secret field' });
});

const pemCertificate = z.string().max(20_000).regex(/^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/, 'must be one PEM certificate');

const secret = z.string().min(16, 'must be at least 16 characters').max(512).refine(noControl, 'must not contain control characters');

const common = {
  id: z.string().min(1).max(64).optional(), // absent: a new channel
  name: z.string().trim().min(1).max(64).refine(noControl, 'must not contain control characters'),
  enabled: z.boolean().default(true),
  language: z.enum(['en', 'ko']).default('en'),
  kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).default(['rs-down', 'rs-up']),
  realertMinutes: z.number().int().min(0).max(10_080).default(0), // mon's alertevery; 0 = never
};

export const WebhookChannelInput = z.strictObject({
  ...common,
  kind: z.literal('webhook'),
  url: webhookUrl,
  secret: secret.optional(), // write-only; absent on an existing channel keeps the stored one
});

export const MailChannelInput = z.strictObject({
  ...common,
  kind: z.literal('mail'),
  host: hostname,
  port: z.number().int().min(1).max(65535).default(587),
  starttls: z.enum(['required', 'opportunistic']).default('required'),
  user: headerText(254).optional(),
  password: z.string().min(1).max(512).refine(noControl, 'must not contain control characters').optional(), // write-only
  from: mailAddress,
  to: z.array(mailAddress).min(1, 'needs at least one recipient').max(20),
  ca: pemCertificate.optional(), // trust this CA for STARTTLS (a private SMTP relay); public CAs need none
});

export const AlertChannelInput = z.discriminatedUnion('kind', [WebhookChannelInput, MailChannelInput]);
export type AlertChannelInput = z.output<typeof AlertChannelInput>;

export const AlertsPut = z.strictObject({ channels: z.array(AlertChannelInput).max(50) }).superRefine((v, ctx) => {
  const names = new Set<string>();
  v.channels.forEach((c, i) => {
    if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'name'], message: 'is used by another channel' });
    names.add(c.name);
  });
});

export const AlertTestBody = z.strictObject({ channel: z.string().min(1).max(64) });

/** What is stored in AlertChannel.config: everything but the secret. */
export const WebhookConfig = z.object({ url: webhookUrl });
export const MailConfig = z.object({ host: hostname, port: z.number().int(), starttls: z.enum(['required', 'opportunistic']), user: z.string().optional(), from: mailAddress, to: z.array(mailAddress), ca: z.string().optional() });
export type WebhookConfig = z.output<typeof WebhookConfig>;
export type MailConfig = z.output<typeof MailConfig>;
