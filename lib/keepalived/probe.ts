/**
 * Whether keepalived is installed on a node (and which version), and whether the instance the
 * console starts is running: one read section, shared by save state's read and the live poll.
 */
import { ParseError, linesOf } from '../ipvs/parse-error';
import type { KeepalivedLive, NodeDesiredState, NodeLiveState } from '../ipvs/types';
import type { NodeError } from '../wire';

const RUN_DIR = '/run/lvs-console';

/** The poll's cheaper half: whether the console's keepalived runs, with shell builtins only (no fork). */
export const KEEPALIVED_STATE = `p=
[ -s ${RUN_DIR}/keepalived.pid ] && read -r p < ${RUN_DIR}/keepalived.pid
if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo 'state running'; else echo 'state stopped'; fi`;

export const KEEPALIVED_PROBE = `if command -v keepalived >/dev/null 2>&1; then
  echo "version $(keepalived -v 2>&1 | head -n 1)"
else
  echo 'version none'
fi
${KEEPALIVED_STATE}`;

export function parseKeepalivedState(text: string): { running: boolean } {
  const line = text.trim();
  if (line !== 'state running' && line !== 'state stopped') throw new ParseError(1, line, 'expected "state running" or "state stopped"');
  return { running: line === 'state running' };
}

export function parseKeepalivedProbe(text: string): KeepalivedLive {
  let version: string | null | undefined;
  let running: boolean | undefined;
  linesOf(text).forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '') return;
    if (line === 'version none') version = null;
    else if (line.startsWith('version ')) {
      const m = /v(\d+\.\d+(?:\.\d+)?)/.exec(line);
      if (!m) throw new ParseError(idx + 1, raw, 'expected keepalived -v to print a version like v2.2.7');
      version = m[1]!;
    } else if (line === 'state running' || line === 'state stopped') running = line === 'state running';
    else throw new ParseError(idx + 1, raw, 'expected "version ..." or "state running|stopped"');
  });
  if (version === undefined || running === undefined) throw new ParseError(0, '', 'keepalived probe printed no version or state line');
  return { version, running };
}

/** A node asked to run keepalived that does not have it: the closed code with its remedy. */
export function missingDependency(desired: NodeDesiredState, live: NodeLiveState): NodeError | null {
  if (desired.engine !== 'keepalived' || !live.keepalived || live.keepalived.version !== null) return null;
  return {
    code: 'missing-dependency',
    message: `keepalived is not installed on ${desired.nodeName}: health checks run in keepalived (apt-get install keepalived)`,
  };
}
