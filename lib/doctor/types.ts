/**
 * What the doctor answers: one finding per check, each with a remedy in both languages, so a report
 * attached to an event reads the same in any console locale and later.
 */
import type { Forwarding } from '../cluster/primitives';

export const DOCTOR_CODES = [
  'ssh', // the real server answers over SSH (every other real-server check needs it)
  'listen', // something listens on the service port, on the VIP or on every address
  'dr-vip-on-lo',
  'dr-arp',
  'tun-ipip',
  'tun-vip-on-tunl0',
  'tun-rp-filter',
  'nat-gateway',
  'director-request', // the check's own request, sent from the director
] as const;
export type DoctorCode = (typeof DOCTOR_CODES)[number];

export interface Remedy {
  en: string;
  ko: string;
}

export interface DoctorFinding {
  code: DoctorCode;
  ok: boolean;
  detail: string; // facts from the node (addresses, values), in English
  remedy: Remedy; // what to do; empty strings when ok
}

export interface DoctorReport {
  node: string; // node id of the real server
  service: string; // service id
  at: string; // ISO time the report was made
  findings: DoctorFinding[];
}

/** The health check's request; optional until the model carries `healthCheck`. */
export interface DoctorCheck {
  type: 'tcp' | 'http' | 'https' | 'ping';
  port?: number | null;
  path?: string;
}

/** Everything the analysis needs to know about the model, resolved from ids to values. */
export interface DoctorContext {
  forwarding: Forwarding;
  protocol: 'tcp' | 'udp' | 'sctp' | 'fwmark';
  port: number | null; // the real server's port (null: fwmark without a port)
  vips: string[]; // the VIPs this service has on this real server's group
  ownAddress: string; // the real server's cluster address
  directorAddress: string | null; // null: no director in the model
  tunnelDevice: string; // tunl0 for ipip
}

export interface ListenSocket {
  address: string; // '0.0.0.0', '::' or a concrete address
  port: number;
}

/** What the real server's read script found; a section that could not be read carries its error. */
export type Reading<T> = { ok: true; value: T } | { ok: false; error: string };

export interface RealServerReadings {
  listen: Reading<ListenSocket[]>;
  addresses: Reading<Array<{ address: string; dev: string }>>;
  sysctls: Reading<Record<string, string>>;
  ipip: Reading<boolean>;
  gateway: Reading<string | null>;
}

export interface ProbeResult {
  kind: 'tcp' | 'http' | 'ping';
  target: string; // what was asked, e.g. "10.10.0.12:80" or "http://10.10.0.12:80/health"
  rc: number;
  output: string; // scrubbed and bounded
  status: number | null; // HTTP status seen, if any
}
