/**
 * The standby serves (the seed recipe's lvs-r.sh), on real kernels: lab1 is a dedicated director,
 * lab2 the second candidate and also a real server with lab3, lab4 the client; failover in
 * keepalived with connection sync. While lab1 is master, lab2 answers its share as a real server
 * (VIP on lo, ARP suppressed) and its own IPVS table schedules nothing of what lab1 forwards to it
 * (the kernel's backup_only: no two-director DR loop). lab1's VM is killed: lab2 takes the VIP,
 * forwards to lab3 and still serves its own share. lab1 returns and, with preempt, takes the VIP
 * back; lab2 is a real server again. Needs LVS_LAB_STATE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';
import { vipHolders } from '@/lab/failover-timing';
import { quietCandidates as quiet, waitFor } from '@/lab/timing';
import { useTestDataDir, wipeDatabase } from '../support/test-db';
import { enterFailoverCluster, ok, save } from './support/console';

const STATE = process.env.LVS_LAB_STATE;
useTestDataDir();
const { api } = await import('../support/api-client');
const { sshPool } = await import('@/lib/ssh');

const VIP = '10.10.0.100';
let lab: Lab;
let token = '';
let ids: Record<string, string> = {};
const holders = () => vipHolders(lab, ['lab1', 'lab2'], VIP);

/**
 * Connections a node's own table has scheduled for the VIP (its virtual service's Conns counter).
 * The kernel's estimator refreshes the counters it shows every 2 s, so it is read after 3 s.
 */
async function scheduledBy(node: string): Promise<number> {
  await new Promise((res) => setTimeout(res, 3_000));
  const out = await lab.run(node, ['ipvsadm', '-Ln', '--stats', '--exact', '-t', `${VIP}:80`]);
  const line = out.split('\n').find((l) => l.startsWith('TCP ') && l.includes(`${VIP}:80`));
  if (!line) throw new Error(`no ${VIP}:80 in ${node}'s table:\n${out}`);
  return Number(line.trim().split(/\s+/)[2]);
}

describe.skipIf(!STATE)('failover with a standby that also serves (DR)', () => {
  beforeAll(async () => {
    lab = attachLab(STATE);
    await wipeDatabase();
    sshPool().closeAll();
    await lab.resetAll();
    ({ token, nodes: ids } = await enterFailoverCluster(api, lab, { servers: ['lab2', 'lab3'], scheduler: 'rr' }));
  }, 300_000);
  afterAll(async () => {
    sshPool().closeAll();
    if (lab) {
      await lab.start('lab1').catch(() => undefined); // running already unless a test stopped it
      await quiet(lab);
      await lab.resetAll();
      lab.close();
    }
  }, 300_000);

  it('the backup candidate serves its share, and its own table schedules none of it', async () => {
    ok(await api('PUT', '/api/v1/master-priority', { token, body: { nodes: [ids.lab1, ids.lab2], preempt: true, failover: { advertIntervalMs: 1000, virtualRouterId: 52 } } }));
    const r = await save(api, token);
    expect(r.nodes.map((n) => [n.name, n.status, n.error?.message])).toEqual([['lab1', 'applied', undefined], ['lab2', 'applied', undefined], ['lab3', 'applied', undefined]]);
    await waitFor(async () => (await holders()).join() === 'lab1', 30_000, 'lab1 elected master');
    expect((await lab.run('lab2', ['sysctl', '-n', 'net.ipv4.vs.backup_only', 'net.ipv4.conf.all.arp_ignore'])).split('\n').slice(0, 2)).toEqual(['1', '1']);
    expect(await lab.run('lab2', ['ip', '-o', '-4', 'addr', 'show', 'dev', 'lo'])).toContain(` ${VIP}/32 `);
    for (const n of ['lab1', 'lab2']) expect(await lab.run(n, ['ipvsadm', '-Sn']), n).toContain(`-a -t ${VIP}:80 -r 10.10.0.12:80 -g`);
    const before = await scheduledBy('lab2');
    const t = await lab.client.requests(VIP, 80, 40);
    expect(t, JSON.stringify(t)).toMatchObject({ ok: 40, byServer: { lab2: 20, lab3: 20 } });
    expect(await scheduledBy('lab2')).toBe(before);
    // The control: without backup_only lab2's table re-schedules what lab1 forwards to it.
    await lab.run('lab2', ['sysctl', '-w', 'net.ipv4.vs.backup_only=0']);
    try {
      await lab.client.requests(VIP, 80, 10);
      expect(await scheduledBy('lab2')).toBeGreaterThan(before);
    } finally {
      await lab.run('lab2', ['sysctl', '-w', 'net.ipv4.vs.backup_only=1']);
    }
  }, 300_000);

  it('lab1 dies: lab2 takes the VIP, forwards to lab3 and still serves its own share', async () => {
    await lab.kill('lab1');
    await waitFor(async () => (await holders()).join() === 'lab2', 30_000, 'lab2 holds the VIP');
    const before = await scheduledBy('lab2');
    const t = await lab.client.requests(VIP, 80, 40);
    expect(t, JSON.stringify(t)).toMatchObject({ ok: 40, byServer: { lab2: 20, lab3: 20 } });
    // Its own table schedules now (a new SYN that matches a synced entry of the same client port reuses it, so not +40).
    expect(await scheduledBy('lab2')).toBeGreaterThan(before);
  }, 300_000);

  it('lab1 returns and takes the VIP back (preempt): lab2 is a real server again', async () => {
    await lab.start('lab1'); // boots with its saved configuration: cmctl starts keepalived
    await waitFor(async () => (await holders()).join() === 'lab1', 90_000, 'lab1 master again');
    await new Promise((res) => setTimeout(res, 2_000));
    const before = await scheduledBy('lab2');
    const t = await lab.client.requests(VIP, 80, 40);
    expect(t, JSON.stringify(t)).toMatchObject({ ok: 40, byServer: { lab2: 20, lab3: 20 } });
    expect(await scheduledBy('lab2')).toBe(before);
  }, 300_000);
});
