/**
 * When a check fails, the doctor looks at the real server and its report is attached to the rs-down
 * event (`detail.doctor`). Only fresh events: one caught up hours later says nothing about the server
 * now. One visit per real server × service at a time, so a flapping server does not pile up SSH
 * sessions. Failures are logged in one line and never reach the poll loop.
 */
import type { StoredEvent } from '../events/store';
import type { DoctorReport } from './types';

export const FRESH_MS = 5 * 60_000;

export interface AttachDeps {
  run(nodeId: string, serviceId: string): Promise<DoctorReport>;
  store(eventId: number, report: DoctorReport): Promise<void>;
  now(): number;
  log(line: string): void;
}

/**
 * The rs-down events worth a visit: fresh, resolved to a node and service, one per pair, and not
 * already followed by its rs-up in the same batch (a console catching up). Pure.
 */
export function doctorCandidates(events: StoredEvent[], nowMs: number): StoredEvent[] {
  const seen = new Set<string>();
  const newestFirst = [...events].reverse();
  return newestFirst.filter((e) => {
    if ((e.kind !== 'rs-down' && e.kind !== 'rs-up') || !e.service || !e.realServer) return false;
    const key = `${e.realServer}|${e.service}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return e.kind === 'rs-down' && nowMs - Date.parse(e.at) <= FRESH_MS;
  });
}

const inFlight = new Set<string>();

export async function attachDoctorReports(events: StoredEvent[], deps: AttachDeps): Promise<number> {
  let attached = 0;
  for (const e of doctorCandidates(events, deps.now())) {
    const key = `${e.realServer}|${e.service}`;
    if (inFlight.has(key)) continue;
    inFlight.add(key);
    try {
      await deps.store(e.id, await deps.run(e.realServer!, e.service!));
      attached++;
    } catch (err) {
      deps.log(`doctor: event ${e.id}: ${err instanceof Error ? err.message.split('\n')[0] : 'failed'}`);
    } finally {
      inFlight.delete(key);
    }
  }
  return attached;
}
