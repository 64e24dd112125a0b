/**
 * The webhook signature: HMAC-SHA256 over `<timestamp>.<body>`, so a receiver can refuse a replayed
 * body by its age. Headers: X-LVS-Timestamp (unix seconds), X-LVS-Signature: sha256=<hex>.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-lvs-signature';
export const TIMESTAMP_HEADER = 'x-lvs-timestamp';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (tests, docs): constant-time compare. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const want = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
