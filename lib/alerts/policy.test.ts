import { describe, expect, it } from 'vitest';
import { backoffMs, realertRound, stillDown, type HealthEventLike } from './policy';

const ev = (id: number, kind: string, rs = '10.10.0.12:80', node = 'd1'): HealthEventLike => ({ id, at: new Date(id * 1000).toISOString(), kind, node, detail: { service: 'tcp/10.20.0.100:80', rs } });

describe('backoffMs', () => {
  it.each([[1, 2000], [2, 4000], [3, 8000], [10, 600_000], [0, 2000]])('attempt %i waits %i ms', (n, ms) => expect(backoffMs(n)).toBe(ms));
  it('takes a base and a cap', () => expect([1, 2, 3, 4].map((n) => backoffMs(n, 100, 500))).toEqual([100, 200, 400, 500]));
});

describe('stillDown', () => {
  it.each([
    [[ev(1, 'rs-down')], [1]],
    [[ev(1, 'rs-down'), ev(2, 'rs-up')], []],
    [[ev(1, 'rs-down'), ev(2, 'rs-up'), ev(3, 'rs-down')], [3]],
    [[ev(1, 'rs-down'), ev(2, 'rs-up', '10.10.0.13:80')], [1]],
    [[ev(1, 'rs-down', undefined, 'd1'), ev(2, 'rs-up', undefined, 'd2')], [1]],
    [[ev(1, 'keepalived-started')], []],
  ])('%#', (events, ids) => expect(stillDown(events).map((e) => e.id)).toEqual(ids));
});

describe('realertRound', () => {
  const t0 = new Date('2026-12-02T10:00:00Z');
  it.each([
    [0, t0, '2026-12-02T12:00:00Z', 0],
    [5, t0, '2026-12-02T10:04:59Z', 0],
    [5, t0, '2026-12-02T10:05:00Z', 1],
    [5, t0, '2026-12-02T10:09:59Z', 1],
    [5, t0, '2026-12-02T11:00:00Z', 12],
    [5, null, '2026-12-02T10:05:00Z', 0],
  ])('every %i min since %s at %s: round %i', (m, first, now, round) => expect(realertRound(m, first, new Date(now))).toBe(round));
});
