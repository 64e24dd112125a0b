import { afterEach, describe, expect, it } from 'vitest';
import { logAuthError, resetAuthLogLimits, setAuthLogSink } from './auth-logger';

afterEach(() => resetAuthLogLimits());

describe('auth logger', () => {
  it('a flood of malformed session cookies logs one short line a minute, without a stack', () => {
    const lines: string[] = [];
    setAuthLogSink((l) => lines.push(l));
    const err = Object.assign(new Error('Invalid Compact JWE'), { type: 'JWTSessionError' });
    for (let i = 0; i < 1000; i++) logAuthError(err, 1_000 + i);
    expect(lines).toEqual(['auth: JWTSessionError']);
    logAuthError(err, 70_000);
    expect(lines).toEqual(['auth: JWTSessionError', 'auth: JWTSessionError (999 more in the last minute)']);
    expect(lines.every((l) => l.length < 80 && !l.includes('\n'))).toBe(true);
  });
});
