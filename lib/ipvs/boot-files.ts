/**
 * Boot persistence ("Save state" in Cluman terms): the files under /etc/lvs-console/ that bring a
 * node back to its saved state at boot. Contents are deterministic (no dates, no names) so a save
 * can tell "unchanged" by comparing with what the node holds.
 */
import { renderIpvsRules } from './ipvsadm-args';
import type { AddressSpec, BootFile, VirtualServiceSpec } from './types';

export const BOOT_DIR = '/etc/lvs-console';
export const BOOT_PATHS = {
  rules: `${BOOT_DIR}/ipvs.rules`,
  addresses: `${BOOT_DIR}/addresses`,
  sysctl: `${BOOT_DIR}/sysctl.conf`,
  modules: `${BOOT_DIR}/modules`,
  cmctl: `${BOOT_DIR}/cmctl`,
  keepalived: `${BOOT_DIR}/keepalived.conf`,
  notify: `${BOOT_DIR}/notify`,
} as const;
export const SYSTEMD_UNIT_PATH = '/etc/systemd/system/lvs-console.service';

const lines = (xs: string[]) => (xs.length ? `${xs.join('\n')}\n` : '');

/** One managed address per line: "ADDRESS/PREFIX DEV LABEL". */
export function renderAddressesFile(addresses: AddressSpec[]): string {
  return lines(addresses.map((a) => `${a.address}/${a.prefix} ${a.dev} ${a.label ?? a.dev}`));
}

/** sysctl.conf syntax, so `sysctl -p` also reads it. */
export function renderSysctlFile(sysctls: Record<string, string>): string {
  return lines(Object.entries(sysctls).map(([k, v]) => `${k} = ${v}`));
}

/**
 * The node-side control script. It is the same on every node (the data files differ), POSIX sh
 * for dash and busybox. `start` never clears an IPVS table: it restores the saved rules only into
 * an empty one, so a restart of the script cannot drop live connections.
 */
export function renderCmctl(): string {
  return `#!/bin/sh
# LVS Console boot state for this node: cmctl start|stop|status
# Written by LVS Console on save; the next save overwrites local edits.
PATH=\${CMCTL_PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}
export PATH
DIR=\${LVS_CONSOLE_DIR:-${BOOT_DIR}}

# Non-empty, non-comment lines of a file (none if it is missing).
each_line() {
  [ -f "$1" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in ''|'#'*) continue ;; esac
    printf '%s\\n' "$line"
  done <"$1"
}

# has_address ADDRESS/PREFIX DEV
has_address() {
  ip -o -4 addr show dev "$2" 2>/dev/null | grep -qF -- "inet $1 "
}

start() {
  rc=0
  for m in $(each_line "$DIR/modules"); do
    modprobe "$m" || rc=1
  done
  while IFS=' =' read -r key value; do
    [ -n "$key" ] || continue
    sysctl -w "$key=$value" >/dev/null || rc=1
  done <<EOF
$(each_line "$DIR/sysctl.conf")
EOF
  while read -r addr dev label; do
    [ -n "$addr" ] || continue
    ip link set dev "$dev" up || rc=1
    has_address "$addr" "$dev" || ip addr add "$addr" dev "$dev" label "$label" || rc=1
  done <<EOF
$(each_line "$DIR/addresses")
EOF
  if [ -s "$DIR/ipvs.rules" ]; then
    if [ -z "$(ipvsadm -Sn 2>/dev/null)" ]; then
      ipvsadm-restore <"$DIR/ipvs.rules" || rc=1
    else
      echo "cmctl: IPVS table is not empty; saved rules not restored" >&2
    fi
  fi
  if [ -s "$DIR/keepalived.conf" ] && ! keepalived_pid >/dev/null; then keepalived_start || rc=1; fi
  return $rc
}

# keepalived owns the table on a director with health checks; this script starts and reloads it.
KA_RUN=\${LVS_CONSOLE_RUN:-/run/lvs-console}

keepalived_pid() {
  [ -s "$KA_RUN/keepalived.pid" ] || return 1
  p=$(cat "$KA_RUN/keepalived.pid") && [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"
}

keepalived_start() {
  mkdir -p "$KA_RUN" || return 1
  # Health and VRRP records describe the instance that wrote them: a new instance starts every
  # server up and reports its VRRP state afresh. A switchover's priority files go with them.
  rm -f "$KA_RUN"/health/* "$KA_RUN"/vrrp/* "$KA_RUN"/boost "$KA_RUN"/yield
  keepalived -D -f "$DIR/keepalived.conf" -p "$KA_RUN/keepalived.pid" -c "$KA_RUN/checkers.pid" -r "$KA_RUN/vrrp.pid" || return 1
  [ ! -x "$DIR/notify" ] || "$DIR/notify" keepalived-started
}

# Apply a changed keepalived.conf: SIGHUP edits the table in place; start it if it is not running.
keepalived_reload() {
  if p=$(keepalived_pid); then kill -HUP "$p"; else keepalived_start; fi
}

# Hand the table back to ipvsadm: SIGKILL leaves keepalived no chance to empty the table on exit.
# All three processes are frozen first: the parent respawns a child killed before it, and a child
# that outlives the parent is told to exit and, exiting cleanly, empties the table and drops VIPs.
keepalived_stop() {
  pids=''
  for f in keepalived checkers vrrp; do
    [ -s "$KA_RUN/$f.pid" ] && pids="$pids $(cat "$KA_RUN/$f.pid")"
    rm -f "$KA_RUN/$f.pid"
  done
  if [ -n "$pids" ]; then
    kill -STOP $pids 2>/dev/null
    kill -KILL $pids 2>/dev/null
  fi
  rm -f "$KA_RUN"/health/*
  [ ! -x "$DIR/notify" ] || "$DIR/notify" keepalived-stopped
  return 0
}

# Failover turned off: the kernel's connection sync daemons keepalived started outlive it.
sync_stop() {
  for role in master backup; do
    if ipvsadm -L --daemon 2>/dev/null | grep -q "^$role sync daemon"; then ipvsadm --stop-daemon "$role" || return 1; fi
  done
  return 0
}

stop() {
  rc=0
  while read -r addr dev label; do
    [ -n "$addr" ] || continue
    if has_address "$addr" "$dev"; then ip addr del "$addr" dev "$dev" || rc=1; fi
  done <<EOF
$(each_line "$DIR/addresses")
EOF
  return $rc
}

status() {
  rc=0
  while read -r addr dev label; do
    [ -n "$addr" ] || continue
    if has_address "$addr" "$dev"; then echo "address $addr dev $dev present"; else echo "address $addr dev $dev missing"; rc=3; fi
  done <<EOF
$(each_line "$DIR/addresses")
EOF
  while IFS=' =' read -r key value; do
    [ -n "$key" ] || continue
    cur=$(sysctl -n "$key" 2>/dev/null)
    if [ "$cur" = "$value" ]; then echo "sysctl $key = $cur"; else echo "sysctl $key = $cur (saved $value)"; rc=3; fi
  done <<EOF
$(each_line "$DIR/sysctl.conf")
EOF
  if [ -s "$DIR/ipvs.rules" ]; then
    n=$(ipvsadm -Sn 2>/dev/null | grep -c '^-A')
    echo "ipvs services $n (saved $(grep -c '^-A' "$DIR/ipvs.rules"))"
    [ "$n" -gt 0 ] || rc=3
  fi
  return $rc
}

case \${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  keepalived-reload) keepalived_reload ;;
  keepalived-stop) keepalived_stop ;;
  sync-stop) sync_stop ;;
  *) echo "usage: $0 start|stop|status|keepalived-reload|keepalived-stop|sync-stop" >&2; exit 2 ;;
esac
`;
}

/** For nodes with systemd; the save orchestrator decides whether to install it. */
export function renderSystemdUnit(): BootFile {
  return {
    path: SYSTEMD_UNIT_PATH,
    mode: 0o644,
    content: `[Unit]
Description=LVS Console saved state (addresses, sysctls, IPVS rules)
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${BOOT_PATHS.cmctl} start
ExecStop=${BOOT_PATHS.cmctl} stop

[Install]
WantedBy=multi-user.target
`,
  };
}

export function renderBootFiles(state: {
  ipvs: VirtualServiceSpec[];
  addresses: AddressSpec[];
  sysctls: Record<string, string>;
  modules: string[];
}): BootFile[] {
  return [
    { path: BOOT_PATHS.rules, mode: 0o644, content: renderIpvsRules(state.ipvs) },
    { path: BOOT_PATHS.addresses, mode: 0o644, content: renderAddressesFile(state.addresses) },
    { path: BOOT_PATHS.sysctl, mode: 0o644, content: renderSysctlFile(state.sysctls) },
    { path: BOOT_PATHS.modules, mode: 0o644, content: lines(state.modules) },
    { path: BOOT_PATHS.cmctl, mode: 0o755, content: renderCmctl() },
  ];
}
