/**
 * What the live view sends over the wire (GET /api/v1/live, the SSE stream, the browser). Plain JSON
 * values only: no endpoint, no credential, nothing server-only, so client components import it too.
 */
import type { Forwarding } from '../cluster/primitives';
import type { PollService } from '../ipvs/read-poll';

export type LiveState = 'up' | 'unknown';

/** SSH codes plus the poll's own: the script's exit, its output, a node never polled yet. */
export type LiveErrorCode =
  | 'unreachable' | 'auth-failed' | 'unknown-hostkey' | 'host-key-changed' | 'command-failed' | 'timeout'
  | 'parse-failed' | 'pending';

export interface LiveRealServer {
  address: string;
  port: number;
  node?: string; // the node name whose address this is
  forward: Forwarding;
  weight: number;
  activeConn: number;
  inactConn: number;
  persistConn: number | null;
  conns: number; // cumulative connections (--stats Conns)
  cps: number; // connections per second (--rate CPS)
}

/** A polled virtual service's identity and settings, with totals instead of full counters. */
export interface LiveService extends Pick<PollService, 'key' | 'protocol' | 'vip' | 'port' | 'fwmark' | 'scheduler' | 'flags' | 'persistence'> {
  conns: number;
  cps: number;
  realServers: LiveRealServer[];
}

/** One difference between the last saved state and the kernel, as ipvsadm-style text. */
export interface LiveDrift {
  kind: 'missing-service' | 'extra-service' | 'changed-service' | 'missing-real-server' | 'extra-real-server' | 'changed-real-server';
  service: string; // serviceKey
  realServer: string | null; // "address:port"
  fields: string[];
  desired: string | null; // e.g. "-r 10.10.0.12:80 -g -w 3"
  live: string | null;
}

export interface LiveNode {
  node: string; // node id
  name: string;
  address: string;
  state: LiveState;
  polledAt: string | null; // ISO time of the last poll attempt that finished
  lastSeen: string | null; // ISO time of the last good answer
  error?: { code: LiveErrorCode; message: string };
  ipvsLoaded: boolean;
  /** Always [] while unknown: an old table is never shown as current. */
  services: LiveService[];
  /** null: nothing saved for this node, or the node is unknown. [] = in sync. */
  drift: LiveDrift[] | null;
  savedVersion: number | null;
}

export interface LiveSnapshot {
  intervalMs: number;
  nodes: LiveNode[];
}

export interface HistoryPoint {
  t: number; // epoch ms
  activeConn: number;
  inactConn: number;
  cps: number;
}

export interface HistorySeries {
  service: string;
  address: string;
  port: number;
  points: HistoryPoint[];
}
