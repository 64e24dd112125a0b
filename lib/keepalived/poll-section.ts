/**
 * keepalived's part of the live poll, as ONE read section (one subshell: under emulation a poll
 * pays per fork): whether the console's keepalived runs, the checks' verdicts, and the event log
 * from the console's cursor.
 *
 *   state running|stopped
 *   health <record>            one per real server keepalived has reported on (events.ts)
 *   events SIZE OFFSET         only when asked; the rest of the output is the log from OFFSET
 */
import { ParseError } from '../ipvs/parse-error';
import { EVENT_LOG_PATH, HEALTH_DIR, parseHealthRecords, type HealthRecord } from './events';
import { KEEPALIVED_STATE, parseKeepalivedState } from './probe';

export const EVENTS_CHUNK_BYTES = 65536;

export interface KeepalivedPoll {
  keepalived: { running: boolean };
  health: HealthRecord[];
  events?: { from: number; fileSize: number; text: string };
}

export function keepalivedPollScript(eventsFrom: number | undefined): string {
  const lines = [
    KEEPALIVED_STATE,
    `for f in ${HEALTH_DIR}/*; do [ -f "$f" ] && read -r l < "$f" && printf 'health %s\\n' "$l"; done`,
  ];
  if (eventsFrom !== undefined) {
    if (!Number.isSafeInteger(eventsFrom) || eventsFrom < 0) throw new Error(`bad event log offset ${eventsFrom}`);
    lines.push(`f=${EVENT_LOG_PATH}
if [ -f "$f" ]; then
  size=$(wc -c <"$f"); off=${eventsFrom}
  [ "$size" -ge "$off" ] || off=0
  echo "events $size $off"
  tail -c +$((off + 1)) "$f" | head -c ${EVENTS_CHUNK_BYTES}
else
  echo 'events 0 0'
fi`);
  }
  return `${lines.join('\n')}\ntrue`;
}

export function parseKeepalivedPoll(body: string): KeepalivedPoll {
  const at = body.search(/^events /m);
  const head = at < 0 ? body : body.slice(0, at);
  const lines = head.split('\n').filter((l) => l.trim() !== '');
  const out: KeepalivedPoll = { keepalived: parseKeepalivedState(lines[0] ?? ''), health: [] };
  const bad = lines.slice(1).findIndex((l) => !l.startsWith('health '));
  if (bad >= 0) throw new ParseError(bad + 2, lines[bad + 1]!, 'expected "health ..." or "events SIZE OFFSET"');
  out.health = parseHealthRecords(lines.slice(1).map((l) => l.slice('health '.length)).join('\n'));
  if (at >= 0) {
    const nl = body.indexOf('\n', at);
    const m = /^events (\d+) (\d+)$/.exec(body.slice(at, nl < 0 ? undefined : nl).trim());
    if (!m) throw new ParseError(lines.length + 1, body.slice(at, nl), 'expected "events SIZE OFFSET"');
    out.events = { fileSize: Number(m[1]), from: Number(m[2]), text: nl < 0 ? '' : body.slice(nl + 1) };
  }
  return out;
}
