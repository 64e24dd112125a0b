/**
 * Plain types the browser and the server share: what the save, history, audit and live APIs answer.
 * Nothing here imports a server module (not even for a type), so client components may import it.
 */
import type { NodeRole, Step } from './ipvs/types';

/** The closed set of SSH failures; the transport throws them, the UI maps each to a remedy. */
export const SSH_ERROR_CODES = ['unreachable', 'auth-failed', 'unknown-hostkey', 'host-key-changed', 'command-failed', 'timeout'] as const;
export type SshErrorCode = (typeof SSH_ERROR_CODES)[number];

/**
 * Every way a node can fail us: the SSH codes, plus output we could not read (`bad-output` from a
 * save's read, `parse-failed` from a poll) and a node the live view has not polled yet (`pending`).
 */
export type NodeErrorCode = SshErrorCode | 'bad-output' | 'parse-failed' | 'pending';

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

export type NodeStatus = 'applied' | 'unchanged' | 'failed' | 'planned';

/** What one save did (or, in a dry run, would do) to one node. */
export interface NodeResult {
  node: string;
  name: string;
  roles: NodeRole[];
  status: NodeStatus;
  steps: Array<Pick<Step, 'kind' | 'op' | 'summary'>>;
  error?: NodeError;
}

export type ProgressEvent = { node: string; name: string; phase: 'reading' | 'planned' | 'applying' | NodeStatus; error?: NodeError };

export interface SaveAnswer {
  version: number | null;
  activeDirector: string | null;
  nodes: NodeResult[];
}

/** How a recorded save ended, over all its nodes. */
export const VERSION_STATUSES = ['applied', 'partial', 'failed'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** One row of the history list. */
export interface VersionSummary {
  id: number;
  createdAt: Date;
  actor: string;
  status: VersionStatus;
  revertOf: number | null;
  activeDirector: string | null;
  nodes: Array<{ node: string; name: string; status: NodeStatus; error: NodeErrorCode | null }>;
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
