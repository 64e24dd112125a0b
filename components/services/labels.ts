import type { ServiceModel } from '@/lib/cluster/model';

/** ipvsadm's own words for the forwarding method, as `ipvsadm -Ln` prints them. */
export function forwardingLabel(s: Pick<ServiceModel, 'forwarding' | 'tunnelType'>): string {
  if (s.forwarding === 'nat') return 'Masq';
  if (s.forwarding === 'tun') return `Tunnel (${s.tunnelType ?? 'ipip'})`;
  return 'Route';
}

export function portLabel(s: Pick<ServiceModel, 'protocol' | 'port' | 'fwmark'>): string {
  return s.protocol === 'fwmark' ? `fwmark ${s.fwmark}${s.port ? ` → :${s.port}` : ''}` : String(s.port);
}

export function persistenceLabel(s: Pick<ServiceModel, 'persistence'>): string {
  if (!s.persistence) return '—';
  return `${s.persistence.timeout} s${s.persistence.netmask ? ` / ${s.persistence.netmask}` : ''}`;
}

export function thresholdLabel(s: Pick<ServiceModel, 'upperThreshold' | 'lowerThreshold'>): string {
  return s.upperThreshold || s.lowerThreshold ? `${s.lowerThreshold}–${s.upperThreshold || '∞'}` : '—';
}
