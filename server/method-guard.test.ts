import { describe, expect, it } from 'vitest';
import { refuseUnsupportedMethod } from './method-guard';

function call(method: string) {
  const out: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
  const res = { writeHead: (s: number, h: Record<string, unknown>) => { out.status = s; out.headers = h; return res; }, end: (b: string) => { out.body = b; return res; } };
  const answered = refuseUnsupportedMethod({ method }, res as never);
  return { answered, ...out };
}

describe('refuseUnsupportedMethod', () => {
  it.each(['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'BREW'])('%s → 405 naming the method, never reaching Next', (m) => {
    const r = call(m);
    expect(r).toMatchObject({ answered: true, status: 405 });
    expect(JSON.parse(r.body!).fields._).toContain(m);
    expect(r.headers!.Allow).toContain('GET');
  });
  it.each(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'])('%s passes', (m) => expect(call(m).answered).toBe(false));
});
