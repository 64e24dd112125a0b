/**
 * npm run bench:health — detection-to-removal time on real kernels, from one lab run:
 *  - the console: a TCP check saved through the API at a 1 s and at a 100 ms interval, rendered by
 *    save state into keepalived on the director;
 *  - keepalived configured by hand the way its documentation reads, with the same interval, timeout
 *    and retries (delay_before_retry = the interval, since that is the natural hand-written value);
 *  - 5 runs each: min / median / max seconds on the director's clock from the kill to the first
 *    /proc/net/ip_vs read without the server, the requests that failed meanwhile (a client at ~15
 *    requests/s through the VIP), and the ratio console / by hand.
 * Uses LVS_LAB_STATE when set, else boots (and stops) its own 4-node lab.
 */
import type { Lab } from '../lab/harness';
import { benchOnLab } from './on-lab';
import { killWeb, median, removalSeconds, startWeb, waitFor } from '../lab/timing';

const RUNS = 5;
const PORT = 8080;
const VIP = '10.10.0.100';
const INTERVALS = [1000, 100];
const FALL = 2;
const TIMEOUT_MS = 1000;

type Arm = { label: string; intervalMs: number; seconds: number[]; failed: number[] };

const inTable = async (lab: Lab, address: string) => (await lab.run('lab1', ['ipvsadm', '-Sn'])).includes(`-r ${address}:${PORT}`);

async function measure(lab: Lab, arm: Arm): Promise<void> {
  for (let i = 0; i < RUNS; i++) {
    await waitFor(() => inTable(lab, '10.10.0.13'), 30_000, 'lab3 in rotation');
    await new Promise((r) => setTimeout(r, 2 * arm.intervalMs + 1_000)); // past the first checks after a restart
    const traffic = await lab.client.start(VIP, PORT, { from: 'lab4', intervalMs: 66 });
    arm.seconds.push(await removalSeconds(lab, { director: 'lab1', server: 'lab3', vip: VIP, port: PORT, kill: () => killWeb(lab, 'lab3', PORT) }));
    await new Promise((r) => setTimeout(r, 500));
    arm.failed.push((await traffic.stop()).failed);
    await startWeb(lab, 'lab3', PORT);
  }
}

/** keepalived.conf as an admin writes it from the man page: same interval, timeout and retries. */
function handConf(intervalMs: number): string {
  const s = (ms: number) => String(ms / 1000);
  const rs = (address: string, weight: number) => `  real_server ${address} ${PORT} {
    weight ${weight}
    TCP_CHECK {
      connect_timeout ${s(TIMEOUT_MS)}
      retry ${FALL - 1}
      delay_before_retry ${s(intervalMs)}
    }
  }`;
  return `global_defs {\n  router_id hand\n}\nvirtual_server ${VIP} ${PORT} {\n  delay_loop ${s(intervalMs)}\n  lb_algo wlc\n  lb_kind DR\n  protocol TCP\n${rs('10.10.0.12', 3)}\n${rs('10.10.0.13', 1)}\n}\n`;
}

async function handKeepalived(lab: Lab, intervalMs: number): Promise<void> {
  await lab.run('lab1', `for f in /run/lvs-console/keepalived.pid /run/lab/hand.pid; do [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; sleep 1; true\n`);
  await waitFor(async () => !(await lab.run('lab1', ['ipvsadm', '-Sn'])).includes(`${VIP}:${PORT}`), 20_000, 'the old keepalived gone');
  await lab.run('lab1', `mkdir -p /run/lab\ncat > /run/lab/hand.conf <<'CONF'\n${handConf(intervalMs)}CONF\nkeepalived -t -f /run/lab/hand.conf\nkeepalived -f /run/lab/hand.conf -p /run/lab/hand.pid -c /run/lab/hand-checkers.pid -r /run/lab/hand-vrrp.pid\n`);
}

benchOnLab(4, async (lab) => {
  const arms: Arm[] = [];
  const { api } = await import('../test/support/api-client');
  const { enterLabCluster, ok, save } = await import('../test/lab/support/console');
  const { sshPool } = await import('../lib/ssh');
  const c = await enterLabCluster(api, lab, 'dr');
  for (const n of ['lab2', 'lab3']) await startWeb(lab, n, PORT);
  const svc = ok(await api('GET', `/api/v1/services/${c.service}`, { token: c.token }));
  const { id: _id, ...body } = svc;

  for (const intervalMs of INTERVALS) {
    ok(await api('PUT', `/api/v1/services/${c.service}`, { token: c.token, body: { ...body, port: PORT, healthCheck: { type: 'tcp', intervalMs, timeoutMs: TIMEOUT_MS, fall: FALL } } }));
    const r = await save(api, c.token);
    if (r.nodes.some((n) => n.status === 'failed')) throw new Error(`save failed: ${JSON.stringify(r.nodes)}`);
    const arm: Arm = { label: `console, ${intervalMs} ms`, intervalMs, seconds: [], failed: [] };
    await measure(lab, arm);
    arms.push(arm);
  }
  for (const intervalMs of INTERVALS) {
    await handKeepalived(lab, intervalMs);
    const arm: Arm = { label: `keepalived by hand, ${intervalMs} ms`, intervalMs, seconds: [], failed: [] };
    await measure(lab, arm);
    arms.push(arm);
  }
  await lab.run('lab1', '[ -s /run/lab/hand.pid ] && kill "$(cat /run/lab/hand.pid)"; true\n');
  sshPool().closeAll();

  const f = (x: number) => x.toFixed(2);
  console.log(`detection → removal on the director's clock, ${RUNS} runs each (TCP check, fall ${FALL}, timeout ${TIMEOUT_MS} ms, client ~15 req/s):`);
  for (const a of arms) {
    const sorted = [...a.seconds].sort((x, y) => x - y);
    console.log(`  ${a.label.padEnd(28)} min ${f(sorted[0]!)} / median ${f(median(a.seconds))} / max ${f(sorted.at(-1)!)} s; failed requests ${a.failed.join(', ')} (total ${a.failed.reduce((x, y) => x + y, 0)})`);
  }
  for (const ms of INTERVALS) {
    const [mine, hand] = [arms.find((a) => a.label === `console, ${ms} ms`)!, arms.find((a) => a.label === `keepalived by hand, ${ms} ms`)!];
    console.log(`  ratio console / by hand at ${ms} ms: ${(median(mine.seconds) / median(hand.seconds)).toFixed(2)} (median removal time)`);
  }
}, async (lab) => {
  for (const n of ['lab2', 'lab3']) await lab.exec(n, `[ -s /run/lab/web-${PORT}.pid ] && kill "$(cat /run/lab/web-${PORT}.pid)"; rm -f /run/lab/web-${PORT}.pid`).catch(() => undefined);
});
