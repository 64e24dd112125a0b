/**
 * Sign-in throttling, per client address and per account.
 *
 * - An address that fails more than 20 times (any accounts) within 15 minutes is refused for a
 *   while, doubling up to 15 minutes. The address is the socket's (lib/net/client-address.ts), so
 *   one client cannot lock out another.
 * - An account that fails 5 times is locked, doubling from 30 s up to 32 minutes. The lock refuses
 *   every address that has failed recently, but not a clean one: the right password from an address
 *   with no failures still signs in, so nobody can keep an admin out by guessing their password
 *   from elsewhere. A wrong password from that address counts, and refuses it in turn.
 * - Unknown usernames are counted the same way (in memory), so a 429 does not tell which names exist.
 */
import { ApiError } from '../errors';

const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_LOCK_MS = 30_000;
const ADDRESS_FREE_FAILURES = 20;
const ADDRESS_LOCK_MS = 30_000;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

interface Failures {
  failures: number;
  until: number;
  lastAt: number;
}

const perAddress = new Map<string, Failures>();
const unknownAccounts = new Map<string, Failures>();

function current(map: Map<string, Failures>, key: string, now: number): Failures | undefined {
  const entry = map.get(key);
  if (entry && entry.until <= now && now - entry.lastAt > WINDOW_MS) {
    map.delete(key);
    return undefined;
  }
  return entry;
}

function bump(map: Map<string, Failures>, key: string, now: number, free: number, baseMs: number, maxMs: number): void {
  const failures = (current(map, key, now)?.failures ?? 0) + 1;
  if (!map.has(key) && map.size >= MAX_TRACKED) map.delete(map.keys().next().value as string); // oldest first
  map.set(key, { failures, lastAt: now, until: failures > free ? now + Math.min(baseMs * 2 ** (failures - free - 1), maxMs) : 0 });
}

export function throttled(retryMs: number): ApiError {
  return new ApiError('throttled', `too many failed sign-ins; try again in ${Math.ceil(retryMs / 1000)} s`);
}

/** When an account with this many consecutive failures unlocks (null: not locked). */
export function accountLockedUntil(failures: number, now: number): Date | null {
  if (failures < ACCOUNT_FREE_FAILURES) return null;
  return new Date(now + ACCOUNT_LOCK_MS * 2 ** Math.min(failures - ACCOUNT_FREE_FAILURES, 6));
}

/** The lock of a username that names no user, kept like a real account's. */
export function unknownAccountLockedUntil(username: string, now: number): Date | null {
  const entry = current(unknownAccounts, username, now);
  return entry ? accountLockedUntil(entry.failures, entry.lastAt) : null;
}

/** Throws `throttled` when this address may not try now, or the account is locked and the address is not clean. */
export function assertMayTry(address: string, accountLock: Date | null, now: number): void {
  const byAddress = current(perAddress, address, now);
  if (byAddress && byAddress.until > now) throw throttled(byAddress.until - now);
  const lockedFor = accountLock ? accountLock.getTime() - now : 0;
  if (lockedFor > 0 && byAddress && byAddress.failures > 0) throw throttled(lockedFor);
}

export function recordFailure(address: string, unknownUsername: string | null, now: number): void {
  bump(perAddress, address, now, ADDRESS_FREE_FAILURES, ADDRESS_LOCK_MS, WINDOW_MS);
  if (unknownUsername !== null) bump(unknownAccounts, unknownUsername, now, Infinity, 0, 0);
}

export function recordSuccess(address: string): void {
  perAddress.delete(address);
}
