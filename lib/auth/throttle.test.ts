import { describe, expect, it } from 'vitest';
import { accountLockedUntil, assertMayTry, recordFailure, recordSuccess, unknownAccountLockedUntil } from './throttle';

const T0 = 1_000_000_000_000;

describe('sign-in throttle', () => {
  it('an address is refused after 21 failures, another address is not', () => {
    for (let i = 0; i < 21; i++) recordFailure('10.0.0.1', `nobody${i}`, T0);
    expect(() => assertMayTry('10.0.0.1', null, T0 + 1)).toThrow(/too many failed sign-ins; try again in 30 s/);
    expect(() => assertMayTry('10.0.0.2', null, T0 + 1)).not.toThrow();
    recordSuccess('10.0.0.1');
    expect(() => assertMayTry('10.0.0.1', null, T0 + 1)).not.toThrow();
  });
  it('a locked account refuses failing addresses but lets a clean address try', () => {
    const lock = accountLockedUntil(5, T0);
    expect(lock?.getTime()).toBe(T0 + 30_000);
    recordFailure('10.0.1.1', null, T0);
    expect(() => assertMayTry('10.0.1.1', lock, T0 + 1)).toThrow(/try again in 30 s/);
    expect(() => assertMayTry('10.0.1.2', lock, T0 + 1)).not.toThrow();
    expect(() => assertMayTry('10.0.1.1', lock, T0 + 30_001)).not.toThrow();
  });
  it('account locks double and stop growing', () => {
    expect(accountLockedUntil(4, T0)).toBeNull();
    expect(accountLockedUntil(6, T0)!.getTime() - T0).toBe(60_000);
    expect(accountLockedUntil(50, T0)!.getTime() - T0).toBe(30_000 * 64);
  });
  it('unknown usernames lock like real accounts (a 429 tells no names)', () => {
    for (let i = 0; i < 4; i++) recordFailure('10.0.2.1', 'ghost', T0);
    expect(unknownAccountLockedUntil('ghost', T0)).toBeNull();
    recordFailure('10.0.2.1', 'ghost', T0);
    expect(unknownAccountLockedUntil('ghost', T0 + 1)?.getTime()).toBe(T0 + 30_000);
  });
  it('failures are forgotten 15 minutes after the last one', () => {
    for (let i = 0; i < 21; i++) recordFailure('10.0.3.1', null, T0);
    expect(() => assertMayTry('10.0.3.1', null, T0 + 16 * 60_000)).not.toThrow();
  });
});
