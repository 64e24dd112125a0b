/**
 * Events and alerts end to end, in-process: the real route handlers, a real webhook receiver and a
 * real SMTP server (STARTTLS + AUTH) on loopback, the real dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { mailSubject, startSmtpSink, startWebhookReceiver } from '../support/alert-sinks';

useTestDataDir();
const { api } = await import('../support/api-client');
const { ingestNodeLog, eventCursor, recordConsoleEvent } = await import('@/lib/events/store');
const { dispatchOnce, queueRealerts, startDispatcher } = await import('@/lib/alerts/dispatcher');
const { verifyWebhook } = await import('@/lib/alerts/sign');
const { db } = await import('@/lib/db');

const SECRET = 'webhook-secret-0123456789';
const SMTP = { user: 'alerts', password: 'smtp-pass-s3cret' };
const line = (t: number, kind: string, rs = '10.10.0.12:80') => `v1 ${t}.000000000 ${kind} service=tcp/10.20.0.100:80 rs=${rs}\n`;

let admin = '';
let viewer = '';
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

const webhook = (extra: object = {}) => ({ name: 'ops-hook', kind: 'webhook', url: hook.url, secret: SECRET, kinds: ['rs-down', 'rs-up'], ...extra });
const mail = (extra: object = {}) => ({ name: 'ops-mail', kind: 'mail', host: '127.0.0.1', port: smtp.port, starttls: 'required', user: SMTP.user, password: SMTP.password, from: 'lvs@example.com', to: ['ops@example.com'], ca: smtp.ca, kinds: ['rs-down', 'rs-up'], ...extra });
const signedOk = (h: (typeof hook.hits)[number]) => verifyWebhook(SECRET, String(h.headers['x-lvs-timestamp']), h.body, String(h.headers['x-lvs-signature']));

beforeAll(async () => {
  [hook, smtp] = await Promise.all([startWebhookReceiver(), startSmtpSink(SMTP)]);
  await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
  admin = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
  await api('POST', '/api/v1/users', { token: admin, body: { username: 'viewer1', password: 'long enough', role: 'viewer' } });
  viewer = (await api('POST', '/api/v1/tokens', { basic: ['viewer1', 'long enough'] })).body.token;
});
afterAll(async () => { await hook.close(); await smtp.close(); });

describe('alert settings', () => {
  it.each([
    ['CRLF in from', () => mail({ from: 'lvs@example.com\r\nBcc: evil@example.com' }), 'channels.0.from'],
    ['CRLF in a recipient', () => mail({ to: ['ops@example.com\nBcc: x@y.z'] }), 'channels.0.to.0'],
    ['CRLF in the user', () => mail({ user: 'a\r\nRCPT TO:<x@y.z>' }), 'channels.0.user'],
    ['a host with a space', () => mail({ host: 'smtp.example.com MAIL' }), 'channels.0.host'],
    ['a non-http URL', () => webhook({ url: 'file:///etc/passwd' }), 'channels.0.url'],
    ['credentials in the URL', () => webhook({ url: 'http://user:pw@127.0.0.1/hook' }), 'channels.0.url'],
    ['a short secret', () => webhook({ secret: 'short' }), 'channels.0.secret'],
    ['an unknown kind', () => webhook({ kinds: ['rs-down', 'everything'] }), 'channels.0.kinds.1'],
    ['a negative re-alert interval', () => webhook({ realertMinutes: -1 }), 'channels.0.realertMinutes'],
  ])('refuses %s with a field error and writes nothing', async (_name, channel, field) => {
    const r = await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: [channel()] } });
    expect(r.status, r.text).toBe(400);
    expect(r.body.fields).toHaveProperty([field]);
    expect(await db.alertChannel.count()).toBe(0);
  });

  it('lets only admins change or read alert settings', async () => {
    expect((await api('PUT', '/api/v1/alerts', { token: viewer, body: { channels: [webhook()] } })).status).toBe(403);
    expect((await api('GET', '/api/v1/alerts', { token: viewer })).status).toBe(403);
  });

  it('stores channels with their secrets sealed and never returns them', async () => {
    const r = await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: [webhook(), mail()] } });
    expect(r.status, r.text).toBe(200);
    const g = await api('GET', '/api/v1/alerts', { token: admin });
    expect(g.body.channels.map((c: { name: string; secretSet: boolean }) => [c.name, c.secretSet])).toEqual([['ops-hook', true], ['ops-mail', true]]);
    expect(g.text).not.toContain(SECRET);
    expect(g.text).not.toContain(SMTP.password);
    const rows = await db.alertChannel.findMany();
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(JSON.stringify(rows)).not.toContain(SMTP.password);
    expect(JSON.stringify(await db.auditLog.findMany())).not.toContain(SECRET);
  });

  it('keeps the stored secret when a PUT leaves it out', async () => {
    const { channels } = (await api('GET', '/api/v1/alerts', { token: admin })).body;
    const strip = channels.map((c: Record<string, unknown>) => ({ id: c.id, name: c.name, kind: c.kind, kinds: c.kinds, ...(c.config as object) }));
    expect((await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: strip } })).status).toBe(200);
    const hits = hook.hits.length;
    const t = await api('POST', '/api/v1/alerts/test', { token: admin, body: { channel: 'ops-hook' } });
    expect(t.body).toEqual({ ok: true });
    expect(signedOk(hook.hits[hits])).toBe(true);
  });

  it('requires a secret for a new webhook', async () => {
    const r = await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: [webhook({ name: 'x', secret: undefined })] } });
    expect(r.body.fields).toHaveProperty(['channels.0.secret']);
  });
});

describe('send test', () => {
  it('mails through STARTTLS with auth', async () => {
    const before = smtp.mails.length;
    const t = await api('POST', '/api/v1/alerts/test', { token: admin, body: { channel: 'ops-mail' } });
    expect(t.body).toEqual({ ok: true });
    const m = smtp.mails[before];
    expect([m.secure, m.user, m.from, m.to]).toEqual([true, SMTP.user, 'lvs@example.com', ['ops@example.com']]);
    expect(mailSubject(m.raw)).toBe('[LVS] Test alert');
  });

  it('keeps the dispatcher off a test send that is still running', async () => {
    let done = false;
    const sent = api('POST', '/api/v1/alerts/test', { token: admin, body: { channel: 'ops-mail' } }).finally(() => { done = true; });
    // The STARTTLS handshake leaves the row unfinished for a while; a round every few ms would take it.
    while (!done) { await dispatchOnce(); await new Promise((r) => setTimeout(r, 5)); }
    expect((await sent).body).toEqual({ ok: true });
    const row = await db.alertDelivery.findFirst({ where: { reason: 'test' }, orderBy: { id: 'desc' } });
    expect([row?.status, row?.lastError]).toEqual(['sent', null]);
  });

  it('reports a failure without the secret', async () => {
    const { channels } = (await api('GET', '/api/v1/alerts', { token: admin })).body;
    const m = channels.find((c: { kind: string }) => c.kind === 'mail');
    await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: [webhook({ id: channels[0].id, secret: undefined }), mail({ id: m.id, password: 'wrong-password-x' })] } });
    const t = await api('POST', '/api/v1/alerts/test', { token: admin, body: { channel: 'ops-mail' } });
    expect(t.body.ok).toBe(false);
    expect(t.body.error).toMatch(/mail failed/);
    expect(t.body.error).not.toContain('wrong-password-x');
    await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: [webhook({ id: channels[0].id, secret: undefined }), mail({ id: m.id, language: 'ko' })] } });
    expect((await api('POST', '/api/v1/alerts/test', { token: admin, body: { channel: 'nope' } })).status).toBe(404);
  });
});

describe('events', () => {
  it('ingests a node log once, alerts each event once, signed, in the channel language', async () => {
    const [h0, m0] = [hook.hits.length, smtp.mails.length];
    const text = line(1764700000, 'rs-down') + line(1764700003, 'rs-up') + 'v1 17647';
    const first = await ingestNodeLog('dir1', { from: 0, fileSize: Buffer.byteLength(text), text });
    expect(first.map((e) => e.kind)).toEqual(['rs-down', 'rs-up']);
    expect(await eventCursor('dir1')).toBe(Buffer.byteLength(line(1764700000, 'rs-down') + line(1764700003, 'rs-up')));
    expect(await ingestNodeLog('dir1', { from: 0, fileSize: Buffer.byteLength(text), text })).toEqual([]); // re-read chunk
    await dispatchOnce();
    await dispatchOnce();
    const hits = hook.hits.slice(h0);
    expect(hits.map((h) => JSON.parse(h.body).event.kind)).toEqual(['rs-down', 'rs-up']);
    expect(hits.every(signedOk)).toBe(true);
    expect(JSON.parse(hits[0].body).event.at).toBe('2025-12-02T18:26:40.000Z'); // the node's time
    expect(smtp.mails.slice(m0).map((m) => mailSubject(m.raw))).toEqual(['[LVS] 실서버 다운: 10.10.0.12:80 / tcp/10.20.0.100:80', '[LVS] 실서버 복구: 10.10.0.12:80 / tcp/10.20.0.100:80']);
  });

  it('lists with filters and names a bad parameter', async () => {
    await recordConsoleEvent({ kind: 'drain-started', node: 'rs1', detail: { deadlineSeconds: 30 } });
    const all = await api('GET', '/api/v1/events', { token: viewer });
    expect(all.status).toBe(200);
    expect(all.body.events.map((e: { kind: string }) => e.kind)).toEqual(['rs-down', 'rs-up', 'drain-started']);
    const downs = await api('GET', '/api/v1/events?kind=rs-down&node=dir1&since=2025-12-01T00:00:00Z', { token: viewer });
    expect(downs.body.events).toHaveLength(1);
    expect(downs.body.events[0]).toMatchObject({ kind: 'rs-down', node: 'dir1', detail: { rs: '10.10.0.12:80' } });
    expect((await api('GET', '/api/v1/events?limit=1', { token: viewer })).body.events.map((e: { kind: string }) => e.kind)).toEqual(['drain-started']);
    for (const [q, field] of [['since=yesterday', 'since'], ['limit=0', 'limit'], ['limit=abc', 'limit'], ['kind=RS%20DOWN', 'kind.0'], ['color=red', 'color']]) {
      const r = await api('GET', `/api/v1/events?${q}`, { token: viewer });
      expect(r.status, q).toBe(400);
      expect(r.body.fields, q).toHaveProperty([field]);
    }
  });

  it('retries a failing webhook with backoff and logs the error', async () => {
    hook.failNext(2);
    const h0 = hook.hits.length;
    const text = line(1764700100, 'rs-down', '10.10.0.13:80');
    const from = await eventCursor('dir1');
    const [ev] = await ingestNodeLog('dir1', { from, fileSize: from + text.length, text });
    const started = Date.now();
    for (let i = 0; i < 50 && hook.hits.length === h0; i++) {
      await dispatchOnce({ backoffBaseMs: 50 });
      await new Promise((r) => setTimeout(r, 20));
    }
    const d = await db.alertDelivery.findFirstOrThrow({ where: { eventId: ev.id, reason: 'event', lastError: 'webhook answered HTTP 503', status: 'sent', attempts: 3 } });
    expect(d.sentAt).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150); // 50 ms then 100 ms of backoff
    expect(hook.hits.length).toBe(h0 + 1);
  });

  it('sends each pending alert once across dispatcher restarts', async () => {
    const h0 = hook.hits.length;
    const text = line(1764700200, 'rs-up', '10.10.0.13:80');
    const from = await eventCursor('dir1');
    await ingestNodeLog('dir1', { from, fileSize: from + text.length, text });
    let d = startDispatcher({ tickMs: 20 });
    await new Promise((r) => setTimeout(r, 10));
    await d.stop();
    d = startDispatcher({ tickMs: 20 });
    await new Promise((r) => setTimeout(r, 300));
    await d.stop();
    await ingestNodeLog('dir1', { from, fileSize: from + text.length, text }); // the same chunk again
    await dispatchOnce();
    expect(hook.hits.slice(h0).map((h) => JSON.parse(h.body).event.detail.rs)).toEqual(['10.10.0.13:80']);
  });

  it('re-alerts a server that stays down, and stops once it is up', async () => {
    const { channels } = (await api('GET', '/api/v1/alerts', { token: admin })).body;
    const strip = channels.map((c: Record<string, unknown>) => ({ id: c.id, name: c.name, kind: c.kind, kinds: c.kinds, language: c.language, ...(c.config as object), realertMinutes: c.kind === 'webhook' ? 5 : 0 }));
    expect((await api('PUT', '/api/v1/alerts', { token: admin, body: { channels: strip } })).status).toBe(200);
    const text = line(1764700300, 'rs-down', '10.10.0.14:80');
    const from = await eventCursor('dir1');
    const [down] = await ingestNodeLog('dir1', { from, fileSize: from + text.length, text });
    await dispatchOnce();
    await queueRealerts(new Date(Date.now() + 4 * 60_000));
    expect(await db.alertDelivery.count({ where: { eventId: down.id, reason: 'realert' } })).toBe(0);
    await queueRealerts(new Date(Date.now() + 5 * 60_000));
    await queueRealerts(new Date(Date.now() + 6 * 60_000)); // again within the same round: still one
    expect(await db.alertDelivery.count({ where: { eventId: down.id, reason: 'realert' } })).toBe(1);
    const h0 = hook.hits.length;
    await dispatchOnce();
    expect(JSON.parse(hook.hits[h0].body)).toMatchObject({ reason: 'realert', event: { id: down.id } });
    const up = line(1764700400, 'rs-up', '10.10.0.14:80');
    const at = await eventCursor('dir1');
    await ingestNodeLog('dir1', { from: at, fileSize: at + up.length, text: up });
    await queueRealerts(new Date(Date.now() + 60 * 60_000));
    expect(await db.alertDelivery.count({ where: { eventId: down.id, reason: 'realert' } })).toBe(1); // up: no more
  });

  it('starts over when the node file is shorter than the cursor, keeping old events', async () => {
    const before = await db.event.count({ where: { nodeId: 'dir1' } });
    const text = line(1764800000, 'keepalived-started');
    const again = await ingestNodeLog('dir1', { from: 0, fileSize: text.length, text });
    expect(again.map((e) => e.kind)).toEqual(['keepalived-started']);
    expect(await db.event.count({ where: { nodeId: 'dir1' } })).toBe(before + 1);
    expect(await eventCursor('dir1')).toBe(text.length);
  });

  it('stores an unreadable line as a parse-error event and keeps the good ones after it', async () => {
    const text = 'v1 oops\n' + line(1764800010, 'rs-down', '10.10.0.15:80');
    const at = await eventCursor('dir1');
    const got = await ingestNodeLog('dir1', { from: at, fileSize: at + text.length, text });
    expect(got.map((e) => [e.kind, e.detail.reason ?? null])).toEqual([['parse-error', 'bad timestamp'], ['rs-down', null]]);
  });
});
