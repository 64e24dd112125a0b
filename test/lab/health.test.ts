/**
 * Health checks on real kernels: keepalived on the director, rendered and applied the way save
 * state does it (render → read → planForNode → one batch per node, in phase order), real traffic
 * through the VIP, real servers killed and restarted. lab1 director, lab2 + lab3 DR real servers,
 * lab4 client. The service is on port 8080, served by an httpd each test starts and kills (the
 * lab's own httpd on :80 is respawned by init and cannot die).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';
import { checkOverrideCheckSchema, healthCheckSchema, type HealthCheck, type SorryServer } from '@/lib/cluster/health-schema';
import type { ClusterModel } from '@/lib/cluster/model';
import { service, node } from '@/lib/ipvs/__fixtures__/cluster-models';
import { buildPollScript, parsePollOutput } from '@/lib/ipvs/read-poll';
import { liveWithHealth } from '@/lib/monitor/live-view';
import type { Step } from '@/lib/ipvs/types';
import { applyModel, desiredFor, planFor, killWeb, median, removalSeconds, startWeb, waitFor } from './support/keepalived';
import { buildApplyScript, parseApplyOutput } from '@/lib/ipvs/apply-script';

const STATE = process.env.LVS_LAB_STATE;
const VIP = '10.10.0.100';
const PORT = 8080;
const NODES = ['lab1', 'lab2', 'lab3'] as const;
let lab: Lab;

function model(check: Partial<HealthCheck> | null, opts: { weights?: [number, number]; sorry?: SorryServer; overrides?: ClusterModel['checkOverrides'] } = {}): ClusterModel {
  const [w2, w3] = opts.weights ?? [1, 1];
  return {
    services: [service('web', {
      port: PORT, scheduler: 'wrr',
      healthCheck: check ? healthCheckSchema.parse({ type: 'tcp', ...check }) : null,
      sorryServer: opts.sorry ?? null,
    })],
    nodes: [node('lab1', '10.10.0.11', []), node('lab2', '10.10.0.12', ['web']), node('lab3', '10.10.0.13', ['web'])],
    nodeGroups: [{ id: 'g', name: 'web', nodes: ['lab2', 'lab3'], services: ['web'] }],
    virtualNodes: [{ id: 'www', name: 'www', vip: VIP, netmask: '255.255.255.255', interface: null, services: ['web'], nodeGroup: 'g' }],
    masterPriority: { nodes: ['lab1'], preempt: true, failover: null },
    weights: [{ node: 'lab2', service: 'web', weight: w2 }, { node: 'lab3', service: 'web', weight: w3 }],
    checkOverrides: opts.overrides ?? [],
  };
}

const table = async () => (await lab.run('lab1', ['ipvsadm', '-Sn'])).split('\n').filter((l) => l.startsWith('-a')).sort();
const inTable = async (address: string) => (await table()).some((l) => l.includes(`-r ${address}:${PORT}`));

describe.skipIf(!STATE)('health checks in keepalived on a real lab', () => {
  beforeAll(async () => {
    lab = attachLab(STATE);
    for (const n of NODES) await lab.reset(n);
    for (const n of ['lab1', 'lab2', 'lab3']) await startWeb(lab, n, PORT);
  }, 180_000);
  afterAll(async () => {
    if (!lab) return;
    for (const n of NODES) for (const p of [PORT, 8081]) await lab.exec(n, `[ -s /run/lab/web-${p}.pid ] && kill "$(cat /run/lab/web-${p}.pid)"; rm -f /run/lab/web-${p}.pid`);
    for (const n of NODES) await lab.reset(n);
    lab.close();
  }, 120_000);

  it('adopting a live ipvsadm table: keepalived takes it over under traffic, 0 requests fail', async () => {
    await applyModel(lab, model(null));
    expect(await table()).toHaveLength(2);
    const run = await lab.client.start(VIP, PORT, { intervalMs: 50 });
    await new Promise((r) => setTimeout(r, 2_000));
    const plans = await applyModel(lab, model({}));
    await new Promise((r) => setTimeout(r, 3_000));
    const traffic = await run.stop();
    expect(plans.lab1!.filter((s) => s.kind.startsWith('ipvs'))).toEqual([]);
    expect(plans.lab1!.map((s) => s.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/keepalived -t/), expect.stringMatching(/keepalived reload/)]));
    expect(traffic.failed, JSON.stringify(traffic)).toBe(0);
    expect(await lab.run('lab1', ['sh', '-c', 'kill -0 "$(cat /run/lvs-console/keepalived.pid)" && echo running'])).toBe('running\n');
    expect(await table()).toHaveLength(2);
  }, 240_000);

  // How fast removal is, against keepalived configured by hand, is bench:health's to measure (emulated
  // time on a shared machine is no timer); here: it leaves, nothing fails after, it comes back.
  it('at a 1 s interval a dead server leaves rotation, no request fails after, and it comes back with its weight', async () => {
    await applyModel(lab, model({ intervalMs: 1000 }, { weights: [1, 3] }));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await waitFor(() => inTable('10.10.0.13'), 20_000, 'lab3 in rotation');
      await new Promise((r) => setTimeout(r, 1_500)); // past the first check after a (re)start
      times.push(await removalSeconds(lab, { director: 'lab1', server: 'lab3', vip: VIP, port: PORT, kill: () => killWeb(lab, 'lab3', PORT) }));
      const after = await lab.client.requests(VIP, PORT, 20);
      expect(after, JSON.stringify(after)).toMatchObject({ ok: 20, byServer: { lab2: 20 } });
      await startWeb(lab, 'lab3', PORT);
      await waitFor(() => inTable('10.10.0.13'), 20_000, 'lab3 back');
      expect((await table()).find((l) => l.includes('10.10.0.13'))).toMatch(/-w 3$/);
    }
    console.log(`removal at 1 s (director clock, emulated): ${times.map((t) => t.toFixed(2)).join(' / ')} s, median ${median(times).toFixed(2)}`);
    expect(times.every((t) => t > 0)).toBe(true);
  }, 300_000);

  it('at 100 ms (the aggressive profile) a dead server leaves rotation too', async () => {
    await applyModel(lab, model({ intervalMs: 100, timeoutMs: 100, fall: 2 }));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await waitFor(() => inTable('10.10.0.13'), 20_000, 'lab3 in rotation');
      await new Promise((r) => setTimeout(r, 1_000));
      times.push(await removalSeconds(lab, { director: 'lab1', server: 'lab3', vip: VIP, port: PORT, kill: () => killWeb(lab, 'lab3', PORT) }));
      await startWeb(lab, 'lab3', PORT);
    }
    console.log(`removal at 100 ms (director clock, emulated): ${times.map((t) => t.toFixed(2)).join(' / ')} s, median ${median(times).toFixed(2)}`);
    expect(times.every((t) => t > 0)).toBe(true);
  }, 300_000);

  it('a save while a server is down keeps it out; the live view shows it down, with no drift', async () => {
    const m = model({ intervalMs: 1000 });
    await applyModel(lab, m);
    await waitFor(() => inTable('10.10.0.13'), 20_000, 'lab3 in rotation');
    await killWeb(lab, 'lab3', PORT);
    await waitFor(async () => !(await inTable('10.10.0.13')), 20_000, 'lab3 out');
    const plans = await applyModel(lab, model({ intervalMs: 1000 }, { weights: [2, 1] }));
    expect(plans.lab1!.filter((s) => s.kind.startsWith('ipvs'))).toEqual([]);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await inTable('10.10.0.13')).toBe(false);
    expect((await table()).find((l) => l.includes('10.10.0.12'))).toMatch(/-w 2$/);
    const poll = await lab.exec('lab1', buildPollScript({ connections: false }));
    const view = liveWithHealth(parsePollOutput(poll.stdout), desiredFor(m, 'lab1').ipvs.map((s) => ({ ...s, realServers: s.realServers.map((r) => (r.address === '10.10.0.12' ? { ...r, weight: 2 } : r)) })), new Map([['10.10.0.13', 'lab3']]));
    expect(view.drift).toEqual([]);
    expect(view.services[0]!.realServers.find((r) => r.address === '10.10.0.13')).toMatchObject({ health: 'down', heldOut: true });
    await startWeb(lab, 'lab3', PORT);
    await waitFor(() => inTable('10.10.0.13'), 20_000, 'lab3 back');
  }, 240_000);

  it('quiesce: the failed server goes to weight 0, a held connection keeps working, new ones go elsewhere', async () => {
    // The check watches a health port (8081); the service port stays up, so a held connection can be used.
    await startWeb(lab, 'lab3', 8081);
    await startWeb(lab, 'lab2', 8081);
    await applyModel(lab, model({ intervalMs: 1000, port: 8081, onFailure: 'quiesce' }));
    // Two connections held open from the client: wrr 1:1 puts one on each server.
    for (let i = 0; i < 2; i++) await lab.run('lab4', `nohup sh -c "sleep 90 | busybox nc ${VIP} ${PORT} >/dev/null" >/dev/null 2>&1 &`);
    const heldOnLab3 = async () => (await lab.run('lab1', ['ipvsadm', '-Lnc'])).split('\n').filter((l) => /ESTABLISHED/.test(l) && l.includes(`10.10.0.13:${PORT}`)).map((l) => l.trim().split(/\s+/).slice(2).join(' '));
    await waitFor(async () => (await heldOnLab3()).length === 1, 15_000, 'a held connection on lab3');
    const before = await heldOnLab3();
    await killWeb(lab, 'lab3', 8081);
    await waitFor(async () => (await table()).some((l) => l.includes('10.10.0.13') && / -w 0$/.test(l)), 20_000, 'lab3 quiesced');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await heldOnLab3()).toEqual(before);
    expect(await lab.client.requests(VIP, PORT, 20)).toMatchObject({ ok: 20, byServer: { lab2: 20 } });
    await startWeb(lab, 'lab3', 8081);
  }, 240_000);

  it('per-node checks: lab3\'s own path takes only lab3 out until it answers; lab2, not checked, stays in with its web server dead', async () => {
    await lab.run('lab3', 'rm -rf /srv/www/app');
    const overrides = [
      { node: 'lab3', service: 'web', healthCheck: checkOverrideCheckSchema.parse({ type: 'http', path: '/app/ok', intervalMs: 500 }) },
      { node: 'lab2', service: 'web', healthCheck: null },
    ];
    await applyModel(lab, model({ type: 'http', path: '/', intervalMs: 1000 }, { overrides }));
    const conf = await lab.run('lab1', ['cat', '/etc/lvs-console/keepalived.conf']);
    expect(conf.split('real_server ').find((b) => b.startsWith('10.10.0.13'))).toContain('path /app/ok');
    expect(conf.split('real_server ').find((b) => b.startsWith('10.10.0.12'))).not.toContain('HTTP_GET');
    await waitFor(async () => !(await inTable('10.10.0.13')), 20_000, 'lab3 out: /app/ok is a 404 there');
    expect(await inTable('10.10.0.12')).toBe(true);
    expect(await lab.client.requests(VIP, PORT, 10)).toMatchObject({ ok: 10, byServer: { lab2: 10 } });
    await lab.run('lab3', 'mkdir -p /srv/www/app && echo ok > /srv/www/app/ok');
    await waitFor(() => inTable('10.10.0.13'), 20_000, 'lab3 back once /app/ok answers');
    await killWeb(lab, 'lab2', PORT);
    await new Promise((r) => setTimeout(r, 3_000)); // three of the service's intervals
    expect(await inTable('10.10.0.12')).toBe(true); // nobody checks lab2: keepalived keeps it in
    await startWeb(lab, 'lab2', PORT);
    await lab.run('lab3', 'rm -rf /srv/www/app');
  }, 240_000);

  it('with every real server down the sorry server answers', async () => {
    await applyModel(lab, model({ intervalMs: 1000 }, { sorry: { address: '10.10.0.11', port: PORT } }));
    await killWeb(lab, 'lab2', PORT);
    await killWeb(lab, 'lab3', PORT);
    await waitFor(async () => (await table()).some((l) => l.includes('-r 10.10.0.11:8080')), 20_000, 'sorry server in');
    expect(await lab.client.requests(VIP, PORT, 10)).toMatchObject({ ok: 10, byServer: { lab1: 10 } });
    await startWeb(lab, 'lab2', PORT);
    await startWeb(lab, 'lab3', PORT);
    await waitFor(async () => (await table()).length === 2 && !(await table()).some((l) => l.includes('10.10.0.11')), 20_000, 'servers back, sorry out');
  }, 240_000);

  it('keepalived mode keeps the save guarantees: weight change under traffic fails 0, a bad config is refused and rolled back, a reboot restores', async () => {
    await applyModel(lab, model({ intervalMs: 1000 }, { weights: [1, 1] }));
    const run = await lab.client.start(VIP, PORT, { intervalMs: 50 });
    await new Promise((r) => setTimeout(r, 1_500));
    await applyModel(lab, model({ intervalMs: 1000 }, { weights: [3, 1] }));
    await new Promise((r) => setTimeout(r, 2_500));
    const traffic = await run.stop();
    expect(traffic.failed, JSON.stringify(traffic)).toBe(0);
    // keepalived applies a reload on its own time (SIGHUP): on a loaded machine the new weight can
    // land after the traffic window, and wrr restarts its cycle when it does. Counted once it is in.
    await waitFor(async () => (await table()).some((l) => l.includes('-r 10.10.0.12:8080') && / -w 3\b/.test(l)), 20_000, 'weight 3 in the kernel');
    expect(await lab.client.requests(VIP, PORT, 40)).toMatchObject({ ok: 40, byServer: { lab2: 30, lab3: 10 } });

    // A file keepalived's own test refuses stops the apply before any reload; the old file is back.
    const good = await lab.run('lab1', ['cat', '/etc/lvs-console/keepalived.conf']);
    const desired = desiredFor(model({ intervalMs: 1000 }, { weights: [1, 1] }), 'lab1');
    const broken = { ...desired, bootFiles: desired.bootFiles.map((f) => (f.path.endsWith('keepalived.conf') ? { ...f, content: `${f.content}\nvirtual_server 10.10.0.100 {\n` } : f)) };
    const steps: Step[] = await planFor(lab, broken);
    const r = await lab.exec('lab1', buildApplyScript(steps));
    const res = parseApplyOutput(r.stdout, r.code);
    expect(res.ok).toBe(false);
    expect(steps[res.failed!.index]!.summary).toMatch(/keepalived -t/);
    expect(res.rolledBack).toBe(true);
    expect(await lab.run('lab1', ['cat', '/etc/lvs-console/keepalived.conf'])).toBe(good);

    await lab.reboot('lab1');
    await waitFor(async () => (await table()).length === 2, 60_000, 'table restored by keepalived after reboot');
    expect(await lab.client.requests(VIP, PORT, 40)).toMatchObject({ ok: 40, byServer: { lab2: 30, lab3: 10 } });
  }, 300_000);
});
