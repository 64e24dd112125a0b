/**
 * Lab timing helpers shared by the keepalived lab tests and bench:health: a web server a test can
 * kill, waiting, and the director-clock measurement of "server died -> out of the IPVS table".
 * No test runner here, so a plain tsx script can use it.
 */
import type { Lab } from './harness';

const checkPort = (port: number) => {
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`bad port ${port}`);
  return port;
};

/** busybox httpd on PORT serving the node's name, in its own session so the ssh exit leaves it running. */
export async function startWeb(lab: Lab, node: string, port: number): Promise<void> {
  const p = checkPort(port);
  await lab.run(node, `mkdir -p /run/lab\n[ -s /run/lab/web-${p}.pid ] && kill -0 "$(cat /run/lab/web-${p}.pid)" 2>/dev/null && exit 0\nsetsid busybox httpd -f -p ${p} -h /srv/www </dev/null >/dev/null 2>&1 &\necho $! > /run/lab/web-${p}.pid\n`);
}

/** Kills it; returns the node's clock (unix seconds) just before the kill. */
export async function killWeb(lab: Lab, node: string, port: number): Promise<number> {
  const p = checkPort(port);
  const out = await lab.run(node, `t=$(date +%s.%N)\nkill "$(cat /run/lab/web-${p}.pid)" && rm -f /run/lab/web-${p}.pid\necho "$t"\n`);
  return Number(out.trim());
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Seconds to add to B's clock to read A's: from the pair of parallel reads with the shortest round trip. */
async function clockOffset(lab: Lab, a: string, b: string): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const read = async (n: string) => {
      const t0 = Date.now();
      const clock = Number((await lab.run(n, 'date +%s.%N')).trim());
      const t1 = Date.now();
      return { clock, mid: (t0 + t1) / 2000, rtt: (t1 - t0) / 1000 };
    };
    const [ra, rb] = await Promise.all([read(a), read(b)]);
    const rtt = ra.rtt + rb.rtt;
    if (rtt < best.rtt) best = { rtt, offset: (ra.clock - ra.mid) - (rb.clock - rb.mid) };
  }
  return best.offset;
}

const hex = (address: string, port: number) =>
  `${address.split('.').map((o) => Number(o).toString(16).toUpperCase().padStart(2, '0')).join('')}:${port.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * On the director's clock: from the kill (the server's clock, mapped onto the director's) to the
 * first read of /proc/net/ip_vs without the server. The watcher runs on the director itself, so
 * ssh latency does not count; it sleeps 20 ms between reads to leave keepalived its CPU.
 */
export async function removalSeconds(lab: Lab, o: { director: string; server: string; vip: string; port: number; kill: () => Promise<number> }): Promise<number> {
  const serverAddress = lab.node(o.server).clusterAddress;
  const needle = `-> ${hex(serverAddress, o.port)} `;
  await lab.run(o.director, `rm -f /run/lab/removed\nsetsid /bin/sh -c 'timeout 60 /bin/sh -c "while grep -qF -- \\"${needle}\\" /proc/net/ip_vs; do sleep 0.02; done" && /usr/bin/date +%s.%N > /run/lab/removed' </dev/null >/dev/null 2>&1 &\n`);
  const offset = await clockOffset(lab, o.director, o.server);
  const died = (await o.kill()) + offset;
  await waitFor(async () => (await lab.exec(o.director, 'test -s /run/lab/removed')).code === 0, 60_000, `${o.server} out of the director's table`);
  const removed = Number((await lab.run(o.director, 'cat /run/lab/removed')).trim());
  return removed - died;
}

/**
 * Before a reset after failover tests: keepalived off on the candidates first, so that no VRRP
 * master sends another gratuitous ARP after the client's neighbour table was flushed (the next
 * test's director would then be unreachable at the VIP until the client's entry expired).
 */
export async function quietCandidates(lab: Lab, nodes: readonly string[] = ['lab1', 'lab2']): Promise<void> {
  // Frozen first, like cmctl's keepalived-stop: the parent respawns a child killed before it.
  await Promise.all(nodes.map((n) => lab.exec(n, 'p=$(pidof keepalived 2>/dev/null); [ -z "$p" ] || { kill -STOP $p; kill -KILL $p; }; true').catch(() => undefined)));
  await new Promise((r) => setTimeout(r, 500));
}
