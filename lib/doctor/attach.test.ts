import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../events/store';
import { attachDoctorReports, doctorCandidates, FRESH_MS } from './attach';
import type { DoctorReport } from './types';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const ev = (id: number, kind: string, agoMs: number, extra: Partial<StoredEvent> = { service: 's1', realServer: 'n2' }): StoredEvent =>
  ({ id, kind, at: new Date(NOW - agoMs).toISOString(), node: 'n1', detail: {}, ...extra });

describe('doctorCandidates', () => {
  it.each<[string, StoredEvent[], number[]]>([
    ['a fresh rs-down', [ev(1, 'rs-down', 1_000)], [1]],
    ['rs-up and other kinds are left alone', [ev(1, 'rs-up', 1_000), ev(2, 'director-fault', 1_000)], []],
    ['an event caught up after the fresh window', [ev(1, 'rs-down', FRESH_MS + 1)], []],
    ['unresolved service or real server', [ev(1, 'rs-down', 1_000, { realServer: 'n2' }), ev(2, 'rs-down', 1_000, { service: 's1' })], []],
    ['a catch-up batch where the server came back', [ev(1, 'rs-down', 3_000), ev(2, 'rs-up', 2_000)], []],
    ['down, up and down again: the last down', [ev(1, 'rs-down', 3_000), ev(2, 'rs-up', 2_000), ev(3, 'rs-down', 1_000)], [3]],
    ['a flapping pair: the newest only', [ev(1, 'rs-down', 3_000), ev(2, 'rs-down', 2_000), ev(3, 'rs-down', 1_000, { service: 's2', realServer: 'n2' })], [3, 2]],
  ])('%s', (_, events, ids) => {
    expect(doctorCandidates(events, NOW).map((e) => e.id)).toEqual(ids);
  });
});

describe('attachDoctorReports', () => {
  const report = (node: string, service: string): DoctorReport => ({ node, service, at: new Date(NOW).toISOString(), findings: [] });

  it('stores one report per candidate, and a failure is one log line that stops nothing', async () => {
    const stored: Array<[number, DoctorReport]> = [];
    const logs: string[] = [];
    const n = await attachDoctorReports([ev(1, 'rs-down', 1_000), ev(2, 'rs-down', 1_000, { service: 's2', realServer: 'n3' })], {
      now: () => NOW,
      run: async (node, service) => { if (node === 'n3') throw new Error('ssh: timeout\nstack'); return report(node, service); },
      store: async (id, r) => { stored.push([id, r]); },
      log: (l) => logs.push(l),
    });
    expect(n).toBe(1);
    expect(stored).toEqual([[1, report('n2', 's1')]]);
    expect(logs).toEqual(['doctor: event 2: ssh: timeout']);
  });

  it('does not visit a pair twice at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let runs = 0;
    const deps = { now: () => NOW, log: () => {}, store: async () => {}, run: async (node: string, service: string) => { runs++; await gate; return report(node, service); } };
    const first = attachDoctorReports([ev(1, 'rs-down', 1_000)], deps);
    const second = await attachDoctorReports([ev(2, 'rs-down', 500)], deps);
    release();
    expect([await first, second, runs]).toEqual([1, 0, 1]);
  });
});
