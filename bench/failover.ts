/**
 * npm run bench:failover — what a client of the VIP sees when the master director dies (kill -9
 * of its qemu process), from one lab run:
 *  - the console: failover saved through the API at 100 ms and at 1 s adverts, rendered by save
 *    state into keepalived's VRRP on lab1 and lab2;
 *  - keepalived configured by hand the way its documentation reads, with the same adverts, the same
 *    priorities, unicast peers and the sync daemon;
 *  - 3 kills each: min / median / max of the client's longest gap between two answers (its own
 *    clock), the requests that failed, and the ratio console / by hand of the median gap.
 * lab1 and lab2 are the directors, lab3 the real server (DR), lab4 the client. Uses LVS_LAB_STATE
 * when set, else boots (and stops) its own 4-node lab.
 */
import { startTimedClient, vipHolders } from '../lab/failover-timing';
import type { Lab } from '../lab/harness';
import { benchOnLab } from './on-lab';
import { median, quietCandidates, waitFor } from '../lab/timing';

const RUNS = 3;
const VIP = '10.10.0.100';
const ADVERTS = [100, 1000];
const ROUTER_ID = 51;
// The lab's VMs keep only /etc/lvs-console across a boot; the hand-written file lives there too.
const HAND_CONF = '/etc/lvs-console/hand-keepalived.conf';

type Arm = { label: string; advertMs: number; gaps: number[]; failed: number[] };

const f = (x: number) => x.toFixed(2);
function summary(a: Arm): string {
  const sorted = [...a.gaps].sort((x, y) => x - y);
  return `  ${a.label.padEnd(28)} min ${f(sorted[0]!)} / median ${f(median(a.gaps))} / max ${f(sorted.at(-1)!)} s; failed requests ${a.failed.join(', ')} (total ${a.failed.reduce((x, y) => x + y, 0)})`;
}

const holders = (lab: Lab) => vipHolders(lab, ['lab1', 'lab2'], VIP);

/** Kill the master under a client loop; bring it back with `restart` and wait until it is master again. */
async function measure(lab: Lab, arm: Arm, restart: () => Promise<void>): Promise<void> {
  for (let i = 0; i < RUNS; i++) {
    await waitFor(async () => (await holders(lab)).join() === 'lab1', 120_000, 'lab1 the master');
    await new Promise((r) => setTimeout(r, 3_000)); // past the return's gratuitous ARPs
    const stop = await startTimedClient(lab, 'lab4', VIP);
    await new Promise((r) => setTimeout(r, 2_000));
    await lab.kill('lab1');
    await waitFor(async () => (await holders(lab)).join() === 'lab2', 30_000, 'lab2 took the VIP');
    await new Promise((r) => setTimeout(r, 3_000));
    const run = await stop();
    arm.gaps.push(run.longestGap);
    arm.failed.push(run.failed);
    await lab.start('lab1');
    await restart();
  }
}

/** keepalived.conf as an admin writes it from the man page, for one director. */
function handConf(self: string, peer: string, priority: number, advertMs: number): string {
  return `global_defs {
  router_id ${self}
  vrrp_version 3
  lvs_sync_daemon eth0 VI_1 id ${ROUTER_ID}
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id ${ROUTER_ID}
  priority ${priority}
  advert_int ${advertMs / 1000}
  unicast_src_ip ${self}
  unicast_peer {
    ${peer}
  }
  virtual_ipaddress {
    ${VIP}/32 dev eth0
  }
}
virtual_server ${VIP} 80 {
  lb_algo wlc
  lb_kind DR
  protocol TCP
  real_server 10.10.0.13 80 {
    weight 1
  }
}
`;
}

const HAND = [
  { node: 'lab1', self: '10.10.0.11', peer: '10.10.0.12', priority: 200 },
  { node: 'lab2', self: '10.10.0.12', peer: '10.10.0.11', priority: 190 },
];

/** The console's keepalived off the directors (and off their boot), the hand-written one started. */
async function handKeepalived(lab: Lab, advertMs: number): Promise<void> {
  await quietCandidates(lab);
  for (const h of HAND) {
    await lab.run(h.node, `: > /etc/lvs-console/keepalived.conf
ipvsadm -C; ip addr flush dev eth0 label eth0:ka; ip addr flush dev eth0 label eth0:lvs
for r in master backup; do ipvsadm --stop-daemon $r 2>/dev/null; done
cat > ${HAND_CONF} <<'CONF'
${handConf(h.self, h.peer, h.priority, advertMs)}CONF
keepalived -t -f ${HAND_CONF}
sync
`);
  }
  for (const h of HAND) await startHand(lab, h.node);
}

const startHand = (lab: Lab, node: string) =>
  lab.run(node, `[ -s /run/hand.pid ] && kill -0 "$(cat /run/hand.pid)" 2>/dev/null || keepalived -f ${HAND_CONF} -p /run/hand.pid -c /run/hand-checkers.pid -r /run/hand-vrrp.pid\n`).then(() => undefined);

benchOnLab(4, async (lab) => {
  const arms: Arm[] = [];
  const { api } = await import('../test/support/api-client');
  const { enterFailoverCluster, ok, save } = await import('../test/lab/support/console');
  const { sshPool } = await import('../lib/ssh');
  const { token, nodes: ids } = await enterFailoverCluster(api, lab, { servers: ['lab3'], scheduler: 'wlc' });

  for (const advertMs of ADVERTS) {
    ok(await api('PUT', '/api/v1/master-priority', { token, body: { nodes: [ids.lab1, ids.lab2], preempt: true, failover: { advertIntervalMs: advertMs, virtualRouterId: ROUTER_ID } } }));
    const r = await save(api, token);
    if (r.nodes.some((n) => n.status === 'failed')) throw new Error(`save failed: ${JSON.stringify(r.nodes)}`);
    const arm: Arm = { label: `console, ${advertMs} ms`, advertMs, gaps: [], failed: [] };
    // lab1 boots with its saved state: cmctl starts the console's keepalived.
    await measure(lab, arm, async () => undefined);
    arms.push(arm);
    console.log(summary(arm));
  }
  sshPool().closeAll();
  for (const advertMs of ADVERTS) {
    await handKeepalived(lab, advertMs);
    const arm: Arm = { label: `keepalived by hand, ${advertMs} ms`, advertMs, gaps: [], failed: [] };
    // An admin's keepalived starts at boot; the lab's init does not know it, so the bench does.
    await measure(lab, arm, () => startHand(lab, 'lab1'));
    arms.push(arm);
    console.log(summary(arm));
  }

  console.log(`client gap at a killed master (kill -9 of its qemu), ${RUNS} runs each (client clock, a request every ~50 ms):`);
  for (const a of arms) console.log(summary(a));
  for (const ms of ADVERTS) {
    const [mine, hand] = [arms.find((a) => a.label === `console, ${ms} ms`)!, arms.find((a) => a.label === `keepalived by hand, ${ms} ms`)!];
    console.log(`  ratio console / by hand at ${ms} ms adverts: ${(median(mine.gaps) / median(hand.gaps)).toFixed(2)} (median gap)`);
  }
}, async (lab) => {
  await quietCandidates(lab).catch(() => undefined);
  for (const h of HAND) await lab.exec(h.node, `rm -f ${HAND_CONF}; sync`).catch(() => undefined);
});
