/**
 * Health is an overlay on the saved state, never drift: what a director's table should hold right
 * now is the saved table minus what its checks hold out. Pure, like withBootUnit: the live view
 * compares the polled table with withHealth(saved, health).
 */
import { realServerKey, serviceKey } from '../ipvs/keys';
import type { RealServerSpec, VirtualServiceSpec } from '../ipvs/types';
import type { HealthRecord } from './events';

export type RealServerHealth = 'up' | 'down' | 'unknown';

/** Health of one real server in one service on a director. Unchecked services are simply up. */
export function healthOf(
  spec: VirtualServiceSpec, rs: { address: string; port: number }, records: readonly HealthRecord[] | null,
): RealServerHealth {
  if (!spec.health) return 'up';
  if (spec.health.unchecked?.includes(realServerKey(rs))) return 'up'; // its node's override: not checked
  if (records === null) return 'unknown'; // keepalived not running or not read: nobody is checking
  const key = serviceKey(spec);
  const rec = records.find((r) => r.service === key && r.realServer === realServerKey(rs));
  // keepalived starts every server up and reports transitions only: no record = never failed.
  return rec?.state ?? 'up';
}

/**
 * The table the director should hold given health: `remove` takes a down server out, `quiesce`
 * keeps it at weight 0; with every server down the sorry server stands in (as keepalived does).
 * Unknown health changes nothing: the overlay never guesses a server down.
 */
export function withHealth(desired: readonly VirtualServiceSpec[], records: readonly HealthRecord[] | null): VirtualServiceSpec[] {
  return desired.map((spec) => {
    if (!spec.health || records === null) return spec;
    const states = spec.realServers.map((rs) => healthOf(spec, rs, records));
    const realServers = spec.realServers.flatMap((rs, i): RealServerSpec[] => {
      if (states[i] !== 'down') return [rs];
      return spec.health!.onFailure === 'quiesce' ? [{ ...rs, weight: 0 }] : [];
    });
    const sorry = spec.health.sorryServer;
    const allDown = spec.realServers.length > 0 && states.every((s) => s === 'down');
    if (sorry && allDown) {
      const first = spec.realServers[0]!;
      realServers.push({ ...first, address: sorry.address, port: sorry.port, weight: 1, upperThreshold: 0, lowerThreshold: 0 });
    }
    return { ...spec, realServers };
  });
}
