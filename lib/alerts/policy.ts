/** When to try again and when to re-alert. Pure, so the timing rules have table tests. */

export const MAX_ATTEMPTS = 8;

/** Exponential backoff after the n-th failed attempt (1-based): base, 2·base, 4·base… capped. */
export function backoffMs(attempt: number, baseMs = 2_000, capMs = 600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export interface HealthEventLike {
  id: number;
  at: string;
  kind: string;
  node: string;
  detail: Record<string, unknown>;
}

const rsKey = (e: HealthEventLike) => `${e.node} ${String(e.detail.service ?? '')} ${String(e.detail.rs ?? '')}`;

/**
 * The rs-down events whose real server is still down: no later rs-up from the same director for
 * the same service and real server. Events must be in time order.
 */
export function stillDown(events: readonly HealthEventLike[]): HealthEventLike[] {
  const last = new Map<string, HealthEventLike>();
  for (const e of events) if (e.kind === 'rs-down' || e.kind === 'rs-up') last.set(rsKey(e), e);
  return [...last.values()].filter((e) => e.kind === 'rs-down');
}

/** Which re-alert round `now` falls in: 0 = none due yet (or never, minutes 0), 1 = the first re-alert… */
export function realertRound(minutes: number, firstAlertAt: Date | null, now: Date): number {
  if (minutes <= 0 || !firstAlertAt) return 0;
  return Math.max(0, Math.floor((now.getTime() - firstAlertAt.getTime()) / (minutes * 60_000)));
}
