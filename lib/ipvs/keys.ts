/**
 * The identities of IPVS things, the same for desired state, live reads, drift, history and the UI.
 * Every key is built here so that two readers of the same table can never disagree on one.
 */
import type { TunnelType } from '../cluster/primitives';
import type { IpvsProtocol } from './types';

/** A virtual service: "tcp 10.20.0.100:80", "fwmark 5". */
export function serviceKey(s: { protocol: IpvsProtocol; vip: string | null; port: number | null; fwmark: number | null }): string {
  return s.protocol === 'fwmark' ? `fwmark ${s.fwmark}` : `${s.protocol} ${s.vip}:${s.port}`;
}

/** A real server within its service: "10.10.0.12:80" (ipvsadm's own -r form). */
export function realServerKey(rs: { address: string; port: number }): string {
  return `${rs.address}:${rs.port}`;
}

/** A real server across services: "tcp 10.20.0.100:80 10.10.0.12:80" (thresholds, history rings). */
export function serviceRealServerKey(service: string, rs: { address: string; port: number }): string {
  return `${service} ${realServerKey(rs)}`;
}

/** ipip and gue decapsulate into tunl0 (gue via fou); gre into gre0. */
export function tunnelDevice(t: TunnelType): { dev: string; modules: string[] } {
  if (t === 'gre') return { dev: 'gre0', modules: ['ip_gre'] };
  if (t === 'gue') return { dev: 'tunl0', modules: ['ipip', 'fou'] };
  return { dev: 'tunl0', modules: ['ipip'] };
}

const TUNNEL_DEVICES: ReadonlySet<string> = new Set(['tunl0', 'gre0']);

/** Whether a device is one of the tunnel devices tunnelDevice() puts real servers' VIPs on. */
export const isTunnelDevice = (dev: string): boolean => TUNNEL_DEVICES.has(dev);
