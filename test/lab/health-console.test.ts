/**
 * Health checks through the console: a checked service saved over the API, keepalived on lab1
 * removing and restoring a real server, the event log collected by the always-on poll, the live
 * view's overlay, and the alerts delivered to a webhook receiver and an SMTP server on loopback.
 * Then the same with the console not watching: keepalived still acts, and the events arrive
 * afterwards with the node's times, each alerted once. Needs the shared 4-node lab (LVS_LAB_STATE).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';
import { useTestDataDir, wipeDatabase } from '../support/test-db';
import { mailSubject, startSmtpSink, startWebhookReceiver } from '../support/alert-sinks';
import { enterLabCluster, ok, save, type LabCluster } from './support/console';
import { killWeb, startWeb, waitFor } from './support/keepalived';

const STATE = process.env.LVS_LAB_STATE;
useTestDataDir();
const { api } = await import('../support/api-client');
const { sshPool } = await import('@/lib/ssh');
const { liveMonitor } = await import('@/lib/monitor');
const { superviseAlwaysOn } = await import('@/lib/monitor/always-on');
const { startDispatcher } = await import('@/lib/alerts/dispatcher');
const { verifyWebhook } = await import('@/lib/alerts/sign');

const PORT = 8080;
const SECRET = 'lab-webhook-secret-42';
const SMTP = { user: 'alerts', password: 'smtp-pass-lab' };
let lab: Lab;
let c: LabCluster;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let dispatcher: { stop(): Promise<void> };
let unwatch: () => void = () => {};

type Finding = { code: string; ok: boolean; detail: string; remedy: { en: string; ko: string } };
type Ev = { id: number; at: string; kind: string; node: string; realServer?: string; detail: Record<string, string> & { doctor?: { findings: Finding[] } } };
const finding = (findings: Finding[] | undefined, code: string) => findings?.find((f) => f.code === code);
const events = async (kind: string): Promise<Ev[]> => ok(await api('GET', `/api/v1/events?kind=${kind}&limit=100`, { token: c.token })).events;
const inTable = async (address: string) => (await lab.run('lab1', ['ipvsadm', '-Sn'])).includes(`-r ${address}:${PORT}`);
const hitsFor = (kind: string, rs: string) => hook.hits.filter((h) => { const b = JSON.parse(h.body); return b.event.kind === kind && b.event.detail.rs === rs; });

describe.skipIf(!STATE)('health checks through the console', () => {
  beforeAll(async () => {
    lab = attachLab(STATE);
    await wipeDatabase();
    sshPool().closeAll();
    await lab.resetAll();
    [hook, smtp] = await Promise.all([startWebhookReceiver(), startSmtpSink(SMTP)]);
    c = await enterLabCluster(api, lab, 'dr');
    const svc = ok(await api('GET', `/api/v1/services/${c.service}`, { token: c.token }));
    const { id: _id, ...body } = svc;
    ok(await api('PUT', `/api/v1/services/${c.service}`, { token: c.token, body: { ...body, port: PORT, healthCheck: { type: 'tcp', intervalMs: 1000 } } }));
    ok(await api('PUT', '/api/v1/alerts', { token: c.token, body: { channels: [
      { name: 'ops-hook', kind: 'webhook', url: hook.url, secret: SECRET, kinds: ['rs-down', 'rs-up'] },
      { name: 'ops-mail', kind: 'mail', host: '127.0.0.1', port: smtp.port, starttls: 'required', user: SMTP.user, password: SMTP.password, from: 'lvs@example.com', to: ['ops@example.com'], ca: smtp.ca, kinds: ['rs-down', 'rs-up'] },
    ] } }));
    for (const n of ['lab2', 'lab3']) await startWeb(lab, n, PORT);
    const r = await save(api, c.token);
    expect(r.nodes.map((n) => [n.name, n.status, n.error?.message])).toEqual([['lab1', 'applied', undefined], ['lab2', 'applied', undefined], ['lab3', 'applied', undefined]]);
    dispatcher = startDispatcher({ tickMs: 200 });
  }, 300_000);
  afterAll(async () => {
    unwatch();
    await dispatcher?.stop();
    await hook?.close();
    await smtp?.close();
    liveMonitor().stop();
    sshPool().closeAll();
    if (lab) for (const n of ['lab2', 'lab3']) await lab.exec(n, `[ -s /run/lab/web-${PORT}.pid ] && kill "$(cat /run/lab/web-${PORT}.pid)"; rm -f /run/lab/web-${PORT}.pid`);
    await lab?.resetAll();
    lab?.close();
  }, 180_000);

  it('a dead server: rs-down and rs-up in /api/v1/events, shown down (never as drift) in the live view, alerted signed and by mail', async () => {
    unwatch = superviseAlwaysOn(liveMonitor(), { refreshMs: 500 });
    await waitFor(() => inTable('10.10.0.13'), 30_000, 'lab3 in rotation');
    await new Promise((r) => setTimeout(r, 2_000));
    await killWeb(lab, 'lab3', PORT);
    await waitFor(async () => (await events('rs-down')).length === 1, 60_000, 'rs-down stored');
    const [down] = await events('rs-down');
    expect(down).toMatchObject({ kind: 'rs-down', node: c.nodes.lab1, realServer: c.nodes.lab3, service: c.service });
    // The doctor visited lab3 and says why: nothing listens on the service port.
    await waitFor(async () => !!(await events('rs-down'))[0]?.detail.doctor, 60_000, 'doctor report attached');
    const report = (await events('rs-down'))[0]!.detail.doctor!;
    expect(finding(report.findings, 'listen'), JSON.stringify(report)).toMatchObject({ ok: false, detail: expect.stringMatching(/nothing listens on tcp port 8080/) });
    expect(finding(report.findings, 'director-request')).toMatchObject({ ok: false });

    const live = ok(await api('GET', '/api/v1/live', { token: c.token }));
    const director = live.nodes.find((n: { name: string }) => n.name === 'lab1');
    expect(director.drift).toEqual([]);
    expect(director.keepalived).toEqual({ running: true });
    expect(director.services[0].realServers.find((r: { address: string }) => r.address === '10.10.0.13')).toMatchObject({ health: 'down', heldOut: true });

    await startWeb(lab, 'lab3', PORT);
    await waitFor(async () => (await events('rs-up')).length === 1, 60_000, 'rs-up stored');
    await waitFor(async () => hitsFor('rs-up', `10.10.0.13:${PORT}`).length === 1 && smtp.mails.length >= 2, 30_000, 'alerts delivered');
    for (const h of [...hitsFor('rs-down', `10.10.0.13:${PORT}`), ...hitsFor('rs-up', `10.10.0.13:${PORT}`)]) {
      expect(verifyWebhook(SECRET, String(h.headers['x-lvs-timestamp']), h.body, String(h.headers['x-lvs-signature']))).toBe(true);
    }
    expect(smtp.mails.map((m) => mailSubject(m.raw)).join('\n')).toMatch(/rs-down|down/i);
  }, 240_000);

  it('with the console not watching, keepalived still removes and restores; the events arrive later with node times, alerted once', async () => {
    unwatch();
    unwatch = () => {};
    liveMonitor().stop();
    const stoppedAt = Date.now();
    await killWeb(lab, 'lab2', PORT);
    await waitFor(async () => !(await inTable('10.10.0.12')), 60_000, 'lab2 removed by keepalived alone');
    await startWeb(lab, 'lab2', PORT);
    await waitFor(() => inTable('10.10.0.12'), 60_000, 'lab2 restored by keepalived alone');
    expect(hitsFor('rs-down', `10.10.0.12:${PORT}`)).toHaveLength(0);
    const resumedAt = Date.now();

    unwatch = superviseAlwaysOn(liveMonitor(), { refreshMs: 500 });
    await waitFor(async () => (await events('rs-up')).some((e) => e.realServer === c.nodes.lab2), 60_000, 'caught up');
    const lab2 = [...(await events('rs-down')), ...(await events('rs-up'))].filter((e) => e.realServer === c.nodes.lab2);
    expect(lab2.map((e) => e.kind).sort()).toEqual(['rs-down', 'rs-up']);
    // Node-side times: while the console was not watching, not when it caught up (clocks agree within seconds).
    for (const e of lab2) expect(Date.parse(e.at)).toBeLessThan(resumedAt + 1_000);
    for (const e of lab2) expect(Date.parse(e.at)).toBeGreaterThan(stoppedAt - 5_000);
    await waitFor(async () => hitsFor('rs-up', `10.10.0.12:${PORT}`).length >= 1, 30_000, 'catch-up alerts');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(hitsFor('rs-down', `10.10.0.12:${PORT}`)).toHaveLength(1);
    expect(hitsFor('rs-up', `10.10.0.12:${PORT}`)).toHaveLength(1);
  }, 300_000);

  it('the doctor: a DR real server bound to its own address instead of the VIP is named as the cause; a healthy one passes', async () => {
    await killWeb(lab, 'lab3', PORT);
    // Like Apache's `Listen 10.10.0.13:8080`: the director's own check succeeds, the VIP's packets find no socket.
    await lab.run('lab3', `setsid busybox httpd -f -p 10.10.0.13:${PORT} -h /srv/www </dev/null >/dev/null 2>&1 &\necho $! > /run/lab/web-${PORT}.pid\n`);
    const doctor = async (node: string) => (await api('POST', '/api/v1/live/doctor', { token: c.token, body: { node, service: c.service } }));
    const bad = ok(await doctor('lab3')) as { findings: Finding[] };
    expect(finding(bad.findings, 'listen'), JSON.stringify(bad)).toMatchObject({ ok: false, detail: expect.stringMatching(/listens only on 10\.10\.0\.13:8080.*not on the VIP 10\.10\.0\.100/) });
    expect(finding(bad.findings, 'listen')!.remedy.en).toMatch(/Listen 8080/);
    expect(finding(bad.findings, 'listen')!.remedy.ko).toMatch(/Listen 8080/);
    const good = ok(await doctor(c.nodes.lab2)) as { findings: Finding[] };
    expect(good.findings.filter((f) => !f.ok), JSON.stringify(good)).toEqual([]);
    expect(good.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['listen', 'dr-vip-on-lo', 'dr-arp', 'director-request']));
    // A viewer may not open SSH sessions; bad input names its field.
    const viewer = ok(await api('POST', '/api/v1/users', { token: c.token, body: { username: 'doc-viewer', password: 'long enough', role: 'viewer' } }));
    expect(viewer.id).toBeTruthy();
    const vt = ok(await api('POST', '/api/v1/tokens', { basic: ['doc-viewer', 'long enough'] })).token;
    expect((await api('POST', '/api/v1/live/doctor', { token: vt, body: { node: 'lab3', service: c.service } })).status).toBe(403);
    const invalid = await api('POST', '/api/v1/live/doctor', { token: c.token, body: { node: 'lab3\u202E', service: c.service } });
    expect([invalid.status, Object.keys(invalid.body.fields ?? {})]).toEqual([400, ['node']]);
  }, 180_000);
});
