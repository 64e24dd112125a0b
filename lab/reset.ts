/**
 * Puts a lab node back to its just-booted state between tests: no IPVS table and no IPVS module
 * (connection entries outlive `ipvsadm -C`, and re-added real servers would keep old counters),
 * no `*:lvs` addresses (nor the `*:ka` VIPs keepalived's VRRP holds), no extra links or routes, boot-time sysctls, an empty /etc/lvs-console,
 * no keepalived and none of its health or event files.
 */
export const RESET_SCRIPT = `
for f in /run/lab/traffic-*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
rm -f /run/lab/traffic-*
# keepalived first (SIGKILL: it must not race the flush below), then its run and event state.
for p in $(pidof keepalived 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
rm -rf /run/lvs-console /var/lib/lvs-console
ipvsadm -C 2>/dev/null
# The connection sync daemons are kernel threads that hold ip_vs; a killed keepalived leaves them.
ipvsadm --stop-daemon master 2>/dev/null
ipvsadm --stop-daemon backup 2>/dev/null
ip -o addr show | while read -r _ dev _ addr rest; do
  case "$rest" in *:lvs*|*:ka*) ip addr del "$addr" dev "$dev" ;; esac
done
for i in 1 2 3 4 5; do
  mods=$(awk '$1 ~ /^(ip_vs|ipip|dummy|nf_nat|nf_conntrack|veth|bridge|8021q)/ {print $1}' /proc/modules)
  [ -z "$mods" ] && break
  for m in $mods; do modprobe -r "$m" 2>/dev/null; done
  sleep 0.2
done
for l in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
  case "$l" in lo|eth0|eth1) ;; *) ip link del "$l" 2>/dev/null ;; esac
done
ip route flush proto boot 2>/dev/null
ip route flush proto static 2>/dev/null
ip neigh flush all 2>/dev/null
sysctl -q -p /run/lab/sysctl.baseline >/dev/null 2>&1
for f in /etc/lvs-console/* /etc/lvs-console/.[!.]*; do
  [ -e "$f" ] || [ -L "$f" ] || continue
  [ "$f" = /etc/lvs-console/lost+found ] && continue
  rm -rf "$f"
done
sync
if grep -q '^ip_vs' /proc/modules; then echo "ip_vs still loaded: $(grep '^ip_vs' /proc/modules)"; exit 1; fi
echo reset-ok
`;
