/**
 * Sending one alert over one channel. A failure throws an AlertSendError whose message is safe to
 * store and show: the channel's secret is cut out, control characters dropped, length capped.
 */
import nodemailer from 'nodemailer';
import type { StoredEvent } from '../events/store';
import type { AlertText, AlertReason } from './messages';
import type { MailConfig, WebhookConfig } from './schemas';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './sign';

const TIMEOUT_MS = 10_000;

export class AlertSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertSendError';
  }
}

export function scrubError(message: string, secrets: readonly (string | null | undefined)[]): string {
  let m = message;
  for (const s of secrets) if (s) m = m.split(s).join('***');
  return m.replace(/[\x00-\x1f\x7f]+/g, ' ').slice(0, 500);
}

export interface AlertPayload {
  reason: AlertReason;
  channel: string;
  event: StoredEvent;
  text: AlertText;
}

export async function sendWebhook(config: WebhookConfig, secret: string | null, payload: AlertPayload): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'lvs-console-alerts', [TIMESTAMP_HEADER]: String(timestamp) };
  if (secret) headers[SIGNATURE_HEADER] = signWebhook(secret, timestamp, body);
  let res: Response;
  try {
    // No redirects: a signed alert goes to the configured URL or nowhere.
    res = await fetch(config.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : 'request failed';
    throw new AlertSendError(scrubError(`webhook request failed: ${cause}`, [secret]));
  }
  await res.body?.cancel();
  if (res.status < 200 || res.status > 299) throw new AlertSendError(`webhook answered HTTP ${res.status}`);
}

export async function sendMail(config: MailConfig, password: string | null, payload: AlertPayload): Promise<void> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: false, // STARTTLS on a submission port; implicit TLS (465) is not offered
    requireTLS: config.starttls === 'required',
    auth: config.user && password ? { user: config.user, pass: password } : undefined,
    tls: config.ca ? { ca: [config.ca] } : undefined,
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
    disableFileAccess: true, disableUrlAccess: true,
  });
  try {
    await transport.sendMail({ from: config.from, to: config.to, subject: payload.text.subject, text: payload.text.body });
  } catch (e) {
    throw new AlertSendError(scrubError(`mail failed: ${e instanceof Error ? e.message : 'unknown error'}`, [password, config.user && password ? Buffer.from(`\0${config.user}\0${password}`).toString('base64') : null]));
  } finally {
    transport.close();
  }
}
