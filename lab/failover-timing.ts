/**
 * Failover measurements shared by the failover lab test and bench:failover: which directors hold
 * a VIP (read from their kernels), and a client loop stamped with the client's own clock, whose
 * longest gap between answers is what a user of the VIP sees of a takeover. No test runner here.
 */
import type { Lab } from './harness';

const checkVip = (vip: string) => {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(vip)) throw new Error(`bad VIP ${vip}`);
  return vip;
};

/** The nodes holding VIP on DEV right now (a node that does not answer holds nothing we can see). */
export async function vipHolders(lab: Lab, nodes: readonly string[], vip: string, dev = 'eth0'): Promise<string[]> {
  const out: string[] = [];
  for (const n of nodes) {
    const r = await lab.exec(n, ['ip', '-o', '-4', 'addr', 'show', 'dev', dev], { timeoutMs: 5_000 }).catch(() => null);
    if (r && r.code === 0 && r.stdout.includes(` ${vip}/32 `)) out.push(n);
  }
  return out;
}

export interface TimedRun { gaps: number[]; lines: string[]; failed: number; longestGap: number }

/**
 * A client loop on CLIENT that stamps each answer with the client's uptime (centiseconds; busybox
 * date has no %N): "ok <t> <server>" / "fail <t>". busybox wget -T segfaults, hence timeout(1).
 */
export async function startTimedClient(lab: Lab, client: string, vip: string): Promise<() => Promise<TimedRun>> {
  const v = checkVip(vip);
  await lab.run(client, `mkdir -p /run/lab; rm -f /run/lab/timed.out
setsid sh -c 'while :; do read t _ < /proc/uptime; if b=$(timeout 2 wget -q -O - http://${v}/ 2>/dev/null); then echo "ok $t $b"; else echo "fail $t"; fi; sleep 0.05; done' >/run/lab/timed.out 2>&1 </dev/null &
echo $! > /run/lab/timed.pid`);
  return async () => {
    await lab.run(client, 'kill "$(cat /run/lab/timed.pid)" 2>/dev/null; true');
    const lines = (await lab.run(client, 'cat /run/lab/timed.out')).trim().split('\n').filter((l) => l !== '');
    const okTimes = lines.filter((l) => l.startsWith('ok ')).map((l) => Number(l.split(' ')[1]));
    const gaps = okTimes.slice(1).map((t, i) => t - okTimes[i]!);
    return { gaps, lines, failed: lines.filter((l) => l.startsWith('fail')).length, longestGap: gaps.length ? Math.max(...gaps) : Infinity };
  };
}
