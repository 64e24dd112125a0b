/**
 * The node side of health events: the hook keepalived calls on a real server's transitions, and
 * the files it leaves. The hook appends one line to the node's event log (with the node's own
 * time, so a console that was down learns when things happened) and records the current state
 * per real server under /run, which the poll reads as the health overlay.
 *
 *   /var/lib/lvs-console/events.log   v1 <unix-seconds>.<nanos> <kind> key=value ...
 *   /run/lvs-console/health/<file>    <up|down> <unix-seconds>.<nanos> service=<svc> rs=<addr:port>
 *   /run/lvs-console/vrrp/<file>      <master|backup|fault> <unix-seconds>.<nanos> vip=<addr>[,<addr>...]
 */
import type { VirtualServiceSpec } from '../ipvs/types';
import { ParseError, linesOf } from '../ipvs/parse-error';

export const EVENT_LOG_PATH = '/var/lib/lvs-console/events.log';
export const HEALTH_DIR = '/run/lvs-console/health';
export const VRRP_DIR = '/run/lvs-console/vrrp';

/** A service as event logs name it: "tcp/10.20.0.100:80", "fwmark/5" (no spaces). */
export function eventServiceKey(s: Pick<VirtualServiceSpec, 'protocol' | 'vip' | 'port' | 'fwmark'>): string {
  return s.protocol === 'fwmark' ? `fwmark/${s.fwmark}` : `${s.protocol}/${s.vip}:${s.port}`;
}

/** eventServiceKey → serviceKey ("tcp/10.20.0.100:80" → "tcp 10.20.0.100:80"). */
export function serviceKeyOfEvent(key: string): string {
  return key.replace('/', ' ');
}

/**
 * POSIX sh for dash and busybox. Arguments are checked against the same character set the
 * renderer writes, so a hand-edited keepalived.conf cannot make the hook write anything else.
 */
export function renderNotifyScript(): string {
  return `#!/bin/sh
# LVS Console event hook, run by keepalived: notify KIND key=value ...
# Written by LVS Console on save.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LOG=\${LVS_CONSOLE_EVENTS:-${EVENT_LOG_PATH}}
HEALTH=\${LVS_CONSOLE_HEALTH:-${HEALTH_DIR}}
VRRP=\${LVS_CONSOLE_VRRP:-${VRRP_DIR}}
kind=\${1:-}
case $kind in
  rs-up|rs-down|keepalived-started|keepalived-stopped|director-master|director-backup|director-fault) ;;
  *) echo "notify: unknown event kind" >&2; exit 2 ;;
esac
shift
for kv in "$@"; do
  case $kv in
    *[!A-Za-z0-9._:/@+=-]*|'') echo "notify: bad argument" >&2; exit 2 ;;
  esac
done
mkdir -p "\${LOG%/*}" "$HEALTH" || exit 1
now=$(date +%s.%N)
# One printf per event: an O_APPEND write of one short line is not interleaved with another.
printf 'v1 %s %s%s\\n' "$now" "$kind" "\${*:+ $*}" >>"$LOG"
case $kind in
  rs-up|rs-down)
    svc= rs=
    for kv in "$@"; do
      case $kv in service=*) svc=\${kv#service=} ;; rs=*) rs=\${kv#rs=} ;; esac
    done
    f=$(printf '%s__%s' "$svc" "$rs" | tr '/:' '_-')
    printf '%s %s service=%s rs=%s\\n' "\${kind#rs-}" "$now" "$svc" "$rs" >"$HEALTH/.$f" && mv -f "$HEALTH/.$f" "$HEALTH/$f"
    ;;
  director-*)
    vip=
    for kv in "$@"; do
      case $kv in vip=*) vip=\${kv#vip=} ;; esac
    done
    mkdir -p "$VRRP" || exit 1
    f=$(printf '%s' "$vip" | tr '.,' '_-')
    printf '%s %s vip=%s\\n' "\${kind#director-}" "$now" "$vip" >"$VRRP/.$f" && mv -f "$VRRP/.$f" "$VRRP/$f"
    ;;
esac
exit 0
`;
}

export interface HealthRecord {
  service: string; // serviceKey form: "tcp 10.20.0.100:80"
  realServer: string; // "10.10.0.12:80"
  state: 'up' | 'down';
  since: string; // ISO, node clock
}

/** Node time "1764700000.123456789" → ISO; null when it is not a time. */
export function nodeTime(text: string): string | null {
  const m = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * 1000 + Math.floor(Number((m[2] ?? '0').padEnd(9, '0')) / 1e6);
  return new Date(ms).toISOString();
}

/** `cat /run/lvs-console/health/*` → one record per real server (the newest line wins). */
export function parseHealthRecords(text: string): HealthRecord[] {
  const out = new Map<string, HealthRecord>();
  linesOf(text).forEach((raw, idx) => {
    if (raw.trim() === '') return;
    const m = /^(up|down) (\S+) service=(\S+) rs=(\S+)$/.exec(raw.trim());
    const since = m ? nodeTime(m[2]!) : null;
    if (!m || since === null) throw new ParseError(idx + 1, raw, 'expected "up|down TIME service=KEY rs=ADDRESS:PORT"');
    const rec: HealthRecord = { service: serviceKeyOfEvent(m[3]!), realServer: m[4]!, state: m[1] as 'up' | 'down', since };
    out.set(`${rec.service} ${rec.realServer}`, rec);
  });
  return [...out.values()];
}

export interface VrrpRecord {
  vips: string[]; // the addresses one VRRP instance moves
  state: 'master' | 'backup' | 'fault';
  since: string; // ISO, node clock
}

/** `cat /run/lvs-console/vrrp/*` → one record per instance. */
export function parseVrrpRecords(text: string): VrrpRecord[] {
  const out: VrrpRecord[] = [];
  linesOf(text).forEach((raw, idx) => {
    if (raw.trim() === '') return;
    const m = /^(master|backup|fault) (\S+) vip=([0-9.,]+)$/.exec(raw.trim());
    const since = m ? nodeTime(m[2]!) : null;
    if (!m || since === null) throw new ParseError(idx + 1, raw, 'expected "master|backup|fault TIME vip=ADDRESS[,ADDRESS]"');
    out.push({ vips: m[3]!.split(','), state: m[1] as VrrpRecord['state'], since });
  });
  return out;
}
