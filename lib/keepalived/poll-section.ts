/**
 * keepalived's part of the live poll, as ONE read section (one subshell: under emulation a poll
 * pays per fork): whether the console's keepalived runs, the checks' verdicts, and the event log
 * from the console's cursor.
 *
 *   state running|stopped
 *   health <record>            one per real server keepalived has reported on (events.ts)
 *   vrrp <record>              one per VRRP instance that has changed state (failover)
 *   vip ADDRESS                each address this node holds under keepalived's VRRP label
 *   events SIZE OFFSET         only when asked; the rest of the output is the log from OFFSET
 */
import { ParseError } from '../ipvs/parse-error';
import { EVENT_LOG_PATH, HEALTH_DIR, VRRP_DIR, parseHealthRecords, parseVrrpRecords, type HealthRecord, type VrrpRecord } from './events';
import { KEEPALIVED_STATE, parseKeepalivedState } from './probe';

export const EVENTS_CHUNK_BYTES = 65536;

/**
 * `ip -o -4 addr show` → "vip ADDRESS" for each address under keepalived's VRRP label (`<dev>:ka`).
 * ip -o ends the label with the backslash that joins the line, so the label word is matched with
 * whatever non-alphanumeric tail it has.
 */
export const HELD_VIPS_AWK = '{ for (i = 5; i <= NF; i++) if ($i ~ /:ka[^A-Za-z0-9]*$/) { split($4, a, "/"); print "vip", a[1] } }';

export interface KeepalivedPoll {
  keepalived: { running: boolean };
  health: HealthRecord[];
  vrrp: VrrpRecord[];
  /** Addresses held under keepalived's VRRP label (`<dev>:ka`), read from the kernel. */
  heldVips: string[];
  events?: { from: number; fileSize: number; text: string };
}

export function keepalivedPollScript(eventsFrom: number | undefined): string {
  const lines = [
    KEEPALIVED_STATE,
    `for f in ${HEALTH_DIR}/*; do [ -f "$f" ] && read -r l < "$f" && printf 'health %s\\n' "$l"; done`,
    `for f in ${VRRP_DIR}/*; do [ -f "$f" ] && read -r l < "$f" && printf 'vrrp %s\\n' "$l"; done`,
    `ip -o -4 addr show | awk '${HELD_VIPS_AWK}'`,
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
  const out: KeepalivedPoll = { keepalived: parseKeepalivedState(lines[0] ?? ''), health: [], vrrp: [], heldVips: [] };
  const rest = lines.slice(1);
  const bad = rest.findIndex((l) => !/^(health|vrrp) ./.test(l) && !/^vip \d{1,3}(\.\d{1,3}){3}$/.test(l));
  if (bad >= 0) throw new ParseError(bad + 2, rest[bad]!, 'expected "health ...", "vrrp ...", "vip ADDRESS" or "events SIZE OFFSET"');
  const linesOfKind = (kind: string) => rest.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1));
  out.health = parseHealthRecords(linesOfKind('health').join('\n'));
  out.vrrp = parseVrrpRecords(linesOfKind('vrrp').join('\n'));
  out.heldVips = linesOfKind('vip');
  if (at >= 0) {
    const nl = body.indexOf('\n', at);
    const m = /^events (\d+) (\d+)$/.exec(body.slice(at, nl < 0 ? undefined : nl).trim());
    if (!m) throw new ParseError(lines.length + 1, body.slice(at, nl), 'expected "events SIZE OFFSET"');
    out.events = { fileSize: Number(m[1]), from: Number(m[2]), text: nl < 0 ? '' : body.slice(nl + 1) };
  }
  return out;
}
