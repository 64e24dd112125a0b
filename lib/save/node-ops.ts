/**
 * The two things save state does to one node over its pooled SSH connection: read its live state
 * (one round trip) and apply a batch of steps (one round trip, rolled back on failure).
 */
import { BOOT_PATHS, SYSTEMD_UNIT_PATH } from '../ipvs/boot-files';
import { buildApplyScript, parseApplyOutput } from '../ipvs/apply-script';
import { buildLiveStateScript, parseLiveStateOutput } from '../ipvs/read-script';
import type { NodeLiveState, Step } from '../ipvs/types';
import { isSshError, sshPool, type SshEndpoint } from '../ssh';
import type { NodeError } from '../wire';
import { scrubNodeError } from '../ssh/node-output';


export const APPLY_TIMEOUT_MS = 60_000;
export const READ_TIMEOUT_MS = 20_000;

/** A node's error as it may be shown and stored: scrubbed of the node's credentials, bounded. */
export function nodeErrorFor(e: unknown, endpoint: SshEndpoint | undefined): NodeError {
  const err = nodeErrorOf(e);
  return endpoint ? scrubNodeError(err, endpoint) : err;
}

export function nodeErrorOf(e: unknown): NodeError {
  if (isSshError(e)) {
    return {
      code: e.code,
      message: e.message,
      command: e.details.command,
      stderr: e.details.stderr,
      fingerprint: e.details.presentedFingerprint,
      pinnedFingerprint: e.details.pinnedFingerprint,
    };
  }
  return { code: 'bad-output', message: e instanceof Error ? e.message : String(e) };
}

export async function readLiveState(nodeId: string, endpoint: SshEndpoint, sysctlKeys: string[]): Promise<NodeLiveState> {
  const script = buildLiveStateScript({ sysctlKeys, bootFilePaths: [...Object.values(BOOT_PATHS), SYSTEMD_UNIT_PATH] });
  const res = await sshPool().exec(nodeId, endpoint, { script }, { timeoutMs: READ_TIMEOUT_MS });
  if (res.code !== 0) throw Object.assign(new Error(`reading the node's state exited ${res.code}: ${res.stderr.trim().slice(0, 500)}`), { code: 'bad-output' });
  return parseLiveStateOutput(res.stdout);
}

/**
 * Runs the steps as one batch. The caller holds the node's lock (withNodeLocks) from the read it
 * planned on. Resolves with an error instead of throwing.
 */
export async function applySteps(nodeId: string, endpoint: SshEndpoint, steps: Step[]): Promise<NodeError | null> {
  if (steps.every((s) => s.op === 'check')) return null;
  try {
    const res = await sshPool().exec(nodeId, endpoint, { script: buildApplyScript(steps) }, { timeoutMs: APPLY_TIMEOUT_MS });
    const out = parseApplyOutput(res.stdout, res.code);
    if (out.ok) return null;
    // The failed step's stderr arrives base64 inside stdout, past the transport's scrub: scrub it here.
    return scrubNodeError(applyFailure(steps, out, res), endpoint);
  } catch (e) {
    return nodeErrorFor(e, endpoint);
  }
}

function applyFailure(steps: Step[], out: ReturnType<typeof parseApplyOutput>, res: { code: number; stderr: string }): NodeError {
  const failed = out.failed;
  const step = failed ? steps[failed.index] : undefined;
  return {
    code: 'command-failed',
    message: step ? `step ${failed!.index + 1} failed (exit ${failed!.code})${out.rolledBack ? '; earlier steps were rolled back' : '; rollback was incomplete'}` : `the batch exited ${res.code} without finishing: ${res.stderr.trim().slice(0, 300)}`,
    step: failed?.index,
    summary: step?.summary,
    command: step?.argv.join(' '),
    stderr: failed?.stderr.trim(),
    rolledBack: out.rolledBack,
  };
}
