/**
 * The alerts screen edits one channel at a time, but the API's unit is the whole set (AlertsPut):
 * the server action rebuilds that set from the stored channels plus the one in the form and runs it
 * through the same schema and replaceChannels as PUT /api/v1/alerts. Form inputs are named by their
 * path in that body (channels.2.url), so field errors land next to their inputs.
 */
import { ApiError, invalid } from '../errors';
import { all, checked, numberOrNull, optionalText, text } from '../api/form-data';
import type { PublicChannel } from './channels';

/** A stored channel as PUT input: no secret, so replaceChannels keeps the stored one. */
export function storedAsInput(c: PublicChannel): Record<string, unknown> {
  const common = { id: c.id, name: c.name, enabled: c.enabled, language: c.language, kinds: c.kinds, realertMinutes: c.realertMinutes };
  const k = c.config;
  if (c.kind === 'webhook') return { ...common, kind: 'webhook', url: k.url };
  const mail: Record<string, unknown> = { ...common, kind: 'mail', host: k.host, port: k.port, starttls: k.starttls, from: k.from, to: k.to };
  if (typeof k.user === 'string' && k.user) mail.user = k.user;
  if (typeof k.ca === 'string' && k.ca) mail.ca = k.ca;
  return mail;
}

/** Recipients: one per line or comma (or semicolon) separated. */
export const splitAddresses = (v: string): string[] => v.split(/[\s,;]+/).filter(Boolean);

/**
 * The channel in the form under `prefix` (e.g. "channels.2."), shaped for AlertChannelInput. Empty
 * optional inputs are left out so the schema's defaults apply; an empty secret or password is left
 * out, which keeps the stored one.
 */
export function channelFromForm(fd: FormData, prefix: string): Record<string, unknown> {
  const f = (k: string) => `${prefix}${k}`;
  const out: Record<string, unknown> = {
    kind: text(fd, f('kind')),
    name: text(fd, f('name')),
    enabled: checked(fd, f('enabled')),
    language: text(fd, f('language')) || 'en',
    kinds: all(fd, f('kinds')),
  };
  const id = optionalText(fd, f('id'));
  if (id) out.id = id;
  const realert = numberOrNull(fd, f('realertMinutes'));
  if (realert !== null) out.realertMinutes = realert;
  // Secrets are taken as typed (no trim): leading or trailing spaces may be part of one.
  const secret = (k: string) => { const v = text(fd, f(k)); if (v !== '') out[k] = v; };
  if (out.kind === 'webhook') {
    out.url = text(fd, f('url')).trim();
    secret('secret');
    return out;
  }
  out.host = text(fd, f('host')).trim();
  const port = numberOrNull(fd, f('port'));
  if (port !== null) out.port = port;
  out.starttls = text(fd, f('starttls')) || 'required';
  const user = optionalText(fd, f('user'));
  if (user) out.user = user;
  secret('password');
  out.from = text(fd, f('from')).trim();
  out.to = splitAddresses(text(fd, f('to')));
  const ca = optionalText(fd, f('ca'));
  if (ca) out.ca = `${ca}\n`;
  return out;
}

/**
 * Field errors from the position the server validated at to the one the form's inputs are named by,
 * with a recipient's error (channels.2.to.1) shown at the recipients input (channels.2.to).
 */
export function rekeyFields(fields: Record<string, string>, from: number, to: number, toList: string[] = []): Record<string, string> {
  const out = new Map<string, string>();
  for (const [key, message] of Object.entries(fields)) {
    let k = key.startsWith(`channels.${from}.`) ? `channels.${to}.${key.slice(`channels.${from}.`.length)}` : key;
    const rcpt = new RegExp(`^channels\\.${to}\\.to\\.(\\d+)$`).exec(k);
    if (rcpt) {
      k = `channels.${to}.to`;
      if (!out.has(k)) out.set(k, toList[Number(rcpt[1])] ? `${toList[Number(rcpt[1])]}: ${message}` : message);
      continue;
    }
    if (!out.has(k)) out.set(k, message);
  }
  return Object.fromEntries(out);
}

/** Runs `write`; an invalid-input error comes back with its fields rekeyed as above. */
export async function withRekeyedFields<T>(write: () => Promise<T>, from: number, to: number, toList: string[]): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof ApiError && e.code === 'invalid' && e.fields) throw invalid(rekeyFields(e.fields, from, to, toList), e.message);
    throw e;
  }
}
