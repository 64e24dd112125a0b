/**
 * Drain on real kernels, through the console: held connections on a real server, a click that
 * renders weight 0 on the director, new connections elsewhere, the held ones untouched, and the
 * drain watch ending it when they are gone (or at its deadline). DR on the shared 4-node lab:
 * lab1 director, lab2 + lab3 real servers (the lab's own httpd on :80), lab4 the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';
import { useTestDataDir, wipeDatabase } from '../support/test-db';
import { enterLabCluster, ok, save, VIPS, type LabCluster } from './support/console';
import { waitFor } from './support/keepalived';

const STATE = process.env.LVS_LAB_STATE;
useTestDataDir();
const { api } = await import('../support/api-client');
const { sshPool } = await import('@/lib/ssh');
const { liveMonitor } = await import('@/lib/monitor');
const { superviseDrains } = await import('@/lib/admin-state/watch');

const VIP = VIPS.dr.vip;
let lab: Lab;
let c: LabCluster;
let unwatch: () => void = () => {};

type Ev = { kind: string; realServer?: string; detail: Record<string, unknown> };
const events = async (kind: string): Promise<Ev[]> => ok(await api('GET', `/api/v1/events?kind=${kind}&limit=100`, { token: c.token })).events;
const weightOf = async (address: string) => Number(/ -w (\d+)/.exec((await lab.run('lab1', ['ipvsadm', '-Sn'])).split('\n').find((l) => l.includes(`-r ${address}:80`)) ?? '')?.[1] ?? NaN);
const heldOn = async (address: string) => (await lab.run('lab1', ['ipvsadm', '-Lnc'])).split('\n').filter((l) => /ESTABLISHED/.test(l) && l.includes(`${address}:80`)).map((l) => l.trim().split(/\s+/).slice(2).join(' ')).sort();
const setState = (node: string, body: Record<string, unknown>) => api('PUT', `/api/v1/nodes/${c.nodes[node]}/admin-state`, { token: c.token, body });
const setWeights = async (w2: number, w3: number) => {
  ok(await api('PUT', '/api/v1/weights', { token: c.token, body: [{ node: c.nodes.lab2, service: c.service, weight: w2 }, { node: c.nodes.lab3, service: c.service, weight: w3 }] }));
  expect((await save(api, c.token)).nodes.map((n) => n.status)).not.toContain('failed');
};

/** `n` idle connections from lab4 through the VIP, all on lab3 (lab2 at weight 0 while they open). */
async function holdOnLab3(n: number): Promise<string[]> {
  await setWeights(0, 1);
  for (let i = 0; i < n; i++) await lab.run('lab4', `nohup sh -c "sleep 300 | busybox nc ${VIP} 80 >/dev/null" >/dev/null 2>&1 &`);
  await waitFor(async () => (await heldOn('10.10.0.13')).length === n, 30_000, `${n} held connections on lab3`);
  await setWeights(3, 1);
  return heldOn('10.10.0.13');
}
const releaseHeld = () => lab.exec('lab4', 'pkill -f "busybox nc" ; pkill -f "sleep 300" ; true');

describe.skipIf(!STATE)('drain through the console on a real lab', () => {
  beforeAll(async () => {
    lab = attachLab(STATE);
    await wipeDatabase();
    sshPool().closeAll();
    await lab.resetAll();
    c = await enterLabCluster(api, lab, 'dr');
    expect((await save(api, c.token)).nodes.map((n) => n.status)).toEqual(['applied', 'applied', 'applied']);
    unwatch = superviseDrains(liveMonitor(), { refreshMs: 500 });
  }, 300_000);
  afterAll(async () => {
    unwatch();
    liveMonitor().stop();
    if (lab) await releaseHeld();
    sshPool().closeAll();
    await lab?.resetAll();
    lab?.close();
  }, 180_000);

  it('three held connections: drain sends new ones elsewhere, keeps the held ones, and completes when they close', async () => {
    const held = await holdOnLab3(3);
    expect(held).toHaveLength(3);
    const r = ok(await setState('lab3', { state: 'drain', deadlineSeconds: 600 }));
    expect(r.save.nodes.map((n: { status: string }) => n.status)).not.toContain('failed');
    expect(await weightOf('10.10.0.13')).toBe(0);
    expect(await weightOf('10.10.0.12')).toBe(3);
    expect((await events('drain-started')).map((e) => e.realServer)).toEqual([c.nodes.lab3]);
    // New connections go elsewhere; the held ones keep their server (a drain resets nothing).
    expect(await lab.client.requests(VIP, 80, 20)).toMatchObject({ ok: 20, byServer: { lab2: 20 } });
    expect(await heldOn('10.10.0.13')).toEqual(held);
    // A save while draining keeps it drained, and the live view sees no drift in that.
    expect((await save(api, c.token)).nodes.map((n) => n.status)).not.toContain('failed');
    expect(await weightOf('10.10.0.13')).toBe(0);
    await liveMonitor().pollNow(c.nodes.lab1);
    expect(liveMonitor().snapshot().nodes.find((n) => n.node === c.nodes.lab1)?.drift).toEqual([]);
    await new Promise((res) => setTimeout(res, 2_000));
    expect(await events('drain-done')).toEqual([]);
    expect(ok(await api('GET', `/api/v1/nodes/${c.nodes.lab3}/admin-state`, { token: c.token })).states).toMatchObject([{ state: 'drain', drainedAt: null }]);

    await releaseHeld();
    // Closed connections linger as InActConn (CLOSE_WAIT, 60 s on an input-only director) before the table is idle.
    await waitFor(async () => (await events('drain-done')).length === 1, 180_000, 'drain-done');
    const [done] = await events('drain-done');
    expect(done).toMatchObject({ realServer: c.nodes.lab3, detail: { outcome: 'idle', active: 0, inactive: 0, persistent: 0 } });
    expect(ok(await api('GET', `/api/v1/nodes/${c.nodes.lab3}/admin-state`, { token: c.token })).states).toMatchObject([{ state: 'drain', outcome: 'idle' }]);
    expect(await weightOf('10.10.0.13')).toBe(0); // drained stays out until set active

    ok(await setState('lab3', { state: 'active' }));
    expect(await weightOf('10.10.0.13')).toBe(1);
    expect(ok(await api('GET', `/api/v1/nodes/${c.nodes.lab3}/admin-state`, { token: c.token })).states).toEqual([]);
  }, 420_000);

  it('a drain whose connections stay open ends at its deadline, with what was left, and still resets nothing', async () => {
    const held = await holdOnLab3(1);
    ok(await setState('lab3', { state: 'drain', deadlineSeconds: 5 }));
    await waitFor(async () => (await events('drain-done')).length === 2, 60_000, 'drain-done at the deadline');
    const done = (await events('drain-done'))[1]!;
    expect(done).toMatchObject({ realServer: c.nodes.lab3, detail: { outcome: 'deadline', active: 1 } });
    expect(await heldOn('10.10.0.13')).toEqual(held);
    await releaseHeld();
    ok(await setState('lab3', { state: 'active' }));
  }, 300_000);

  it('maintenance on one node × service takes it out by weight 0; another click brings it back', async () => {
    const r = ok(await setState('lab2', { state: 'maintenance', service: c.service }));
    expect(r).toMatchObject({ state: 'maintenance', service: c.service, deadlineAt: null });
    expect(await weightOf('10.10.0.12')).toBe(0);
    expect(await lab.client.requests(VIP, 80, 10)).toMatchObject({ ok: 10, byServer: { lab3: 10 } });
    ok(await setState('lab2', { state: 'active', service: c.service }));
    expect(await weightOf('10.10.0.12')).toBe(3);
  }, 180_000);
});
