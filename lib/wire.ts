/**
 * Plain types the browser and the server share: what the save, history, audit and live APIs answer.
 * Nothing here imports a server module (not even for a type), so client components may import it.
 */
import type { Forwarding } from './cluster/primitives';
import type { PollService } from './ipvs/read-poll';
import type { NodeRole, Step } from './ipvs/types';

/** What every server action answers: `{ ok }` or `{ error, fields }` keyed by the form inputs' names. */
export interface FormState {
  ok?: boolean;
  error?: string;
  fields?: Record<string, string>;
}

/** The distinct actors, entities and actions in the audit log: the audit screen's filter choices. */
export interface AuditFacets {
  actor: string[];
  entity: string[];
  action: string[];
}

/** The closed set of SSH failures; the transport throws them, the UI maps each to a remedy. */
export const SSH_ERROR_CODES = ['unreachable', 'auth-failed', 'unknown-hostkey', 'host-key-changed', 'command-failed', 'timeout'] as const;
export type SshErrorCode = (typeof SSH_ERROR_CODES)[number];

/**
 * Every way a node can fail us: the SSH codes, plus a package the node lacks (`missing-dependency`), output we could not read (`bad-output` from a
 * save's read, `parse-failed` from a poll) and a node the live view has not polled yet (`pending`).
 */
export type NodeErrorCode = SshErrorCode | 'bad-output' | 'parse-failed' | 'pending' | 'missing-dependency';

export interface NodeError {
  code: NodeErrorCode;
  message: string;
  step?: number;
  summary?: string;
  command?: string;
  stderr?: string;
  fingerprint?: string;
  pinnedFingerprint?: string;
  rolledBack?: boolean;
}

/** `applying`: the node's batch was sent and its answer is not on record yet (written ahead). */
export type NodeStatus = 'applied' | 'unchanged' | 'failed' | 'planned' | 'applying';

/**
 * What start-up recovery found on a node whose answer an interrupted save never recorded: it holds
 * that save's state, the state before it, or neither / could not be read.
 */
export const RECOVERY_OUTCOMES = ['applied', 'not-applied', 'unknown'] as const;
export type RecoveryOutcome = (typeof RECOVERY_OUTCOMES)[number];

/** What one save did (or, in a dry run, would do) to one node. */
export interface NodeResult {
  node: string;
  name: string;
  roles: NodeRole[];
  status: NodeStatus;
  steps: Array<Pick<Step, 'kind' | 'op' | 'summary'>>;
  error?: NodeError;
  recovered?: RecoveryOutcome; // set by start-up recovery; `status` stays what was on record
}

export type ProgressEvent = { node: string; name: string; phase: 'reading' | NodeStatus; error?: NodeError };

export interface SaveAnswer {
  version: number | null;
  activeDirector: string | null;
  nodes: NodeResult[];
}

/** How a recorded save ended, over all its nodes; `applying` until it ends (or recovery resolves it). */
export const VERSION_STATUSES = ['applying', 'applied', 'partial', 'failed'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** `save`: the model to every node; `reapply`: one node back to the state last applied to it. */
export const VERSION_KINDS = ['save', 'reapply'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** One row of the history list. */
export interface VersionSummary {
  id: number;
  createdAt: Date;
  actor: string;
  status: VersionStatus;
  revertOf: number | null;
  kind: VersionKind;
  interrupted: boolean; // the console died during this save; start-up recovery resolved it
  activeDirector: string | null;
  nodes: Array<{ node: string; name: string; status: NodeStatus; error: NodeErrorCode | null; recovered: RecoveryOutcome | null }>;
}

export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
}

export interface VersionDiff {
  from: number;
  to: number;
  model: DiffLine[];
  nodes: Array<{ name: string; files: Array<{ path: string; lines: DiffLine[] }> }>;
}

// The live view: GET /api/v1/live, the SSE stream. No endpoint, no credential.

export type LiveState = 'up' | 'unknown';

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
  /** Set for checked services: keepalived's verdict (unknown while keepalived is not running). */
  health?: 'up' | 'down' | 'unknown';
  healthSince?: string | null; // node clock, ISO; null: no transition seen since keepalived started
  /** Saved, but out of the table because its check failed (remove mode): shown, never as drift. */
  heldOut?: boolean;
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
  error?: { code: NodeErrorCode; message: string };
  ipvsLoaded: boolean;
  /** Always [] while unknown: an old table is never shown as current. */
  services: LiveService[];
  /** null: nothing saved for this node, or the node is unknown. [] = in sync (health overlay applied). */
  drift: LiveDrift[] | null;
  /** Directors whose checks keepalived runs: whether it runs now. */
  keepalived?: { running: boolean };
  /** Failover candidates: the VIPs keepalived's VRRP holds here now, and each instance's last state. */
  vrrp?: { running: boolean; held: string[]; states: { vips: string[]; state: 'master' | 'backup' | 'fault'; since: string }[] };
  savedVersion: number | null;
}

/** Who holds a virtual node's VIP, read from the candidates (failover). */
export interface LiveVip {
  vip: string;
  virtualNode: string; // id
  holder: string | null; // node id; null: nobody seen holding it
  since: string | null; // the holder's master transition, node clock
  /** Each candidate: its VRRP state; unknown when it does not answer (never its last state). */
  states: Record<string, 'master' | 'backup' | 'fault' | 'unknown'>;
  /** More than one candidate holds the VIP. */
  splitBrain: boolean;
}

export interface LiveSnapshot {
  intervalMs: number;
  nodes: LiveNode[];
  /** Present when failover is on. */
  vips?: LiveVip[];
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

/** An API token as its owner sees it: never the token itself. */
export type TokenView = { id: string; name: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; expired: boolean };
