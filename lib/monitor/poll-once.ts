/**
 * One poll of one node: one round trip (the read-only poll script), bounded by a timeout that is
 * ours even when the transport's own limits are longer (a connect can take 5 s), and every failure
 * folded into a closed code — the caller never sees an exception.
 */
import { isSshError } from '../ssh/errors';
import { buildPollScript, parsePollOutput, type PollSample } from '../ipvs/read-poll';
import type { NodeErrorCode } from '../wire';

export interface PollExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type PollOutcome =
  | { ok: true; sample: PollSample }
  | { ok: false; code: NodeErrorCode; message: string };

class PollTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PollTimeout()), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.slice(0, 200) ?? '';

export async function pollNode(
  exec: (script: string, timeoutMs: number) => Promise<PollExecResult>,
  opts: { connections: boolean; eventsFrom?: number; timeoutMs: number; readAt: () => Date },
): Promise<PollOutcome> {
  let r: PollExecResult;
  try {
    r = await withTimeout(exec(buildPollScript({ connections: opts.connections, eventsFrom: opts.eventsFrom }), opts.timeoutMs), opts.timeoutMs);
  } catch (e) {
    if (e instanceof PollTimeout) return { ok: false, code: 'timeout', message: `no answer within ${opts.timeoutMs} ms` };
    if (isSshError(e)) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: 'unreachable', message: e instanceof Error ? firstLine(e.message) : 'poll failed' };
  }
  if (r.code !== 0) return { ok: false, code: 'command-failed', message: `poll script exited ${r.code}: ${firstLine(r.stderr)}` };
  try {
    return { ok: true, sample: parsePollOutput(r.stdout, { readAt: opts.readAt() }) };
  } catch (e) {
    return { ok: false, code: 'parse-failed', message: e instanceof Error ? firstLine(e.message) : 'unreadable poll output' };
  }
}
