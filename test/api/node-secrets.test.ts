/**
 * A node whose output echoes its own login password (on stderr, in a failed step's captured
 * stderr, in unparsable stdout) must not carry that password anywhere: the save answer, the stored
 * version a viewer reads, re-apply, /api/v1/live and its stream, the audit log, or any log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { startFakeNode, type FakeAnswer } from '../support/fake-ssh-node';

useTestDataDir();
process.env.LVS_POLL_INTERVAL_MS = '300';
const { api } = await import('../support/api-client');
const liveStream = await import('@/app/api/v1/live/stream/route');
const { liveMonitor } = await import('@/lib/monitor');
const { sshPool } = await import('@/lib/ssh');

const SECRET = 'Quokka-Leak-Secret-7731';
const logged: string[] = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
}

// What the fake node answers: its password on stderr and stdout, exit 1 (mode 'fail'), or
// unparsable stdout with exit 0 (mode 'garbage').
let mode: 'fail' | 'garbage' = 'fail';
const answer = (): FakeAnswer => (mode === 'fail'
  ? { stdout: `@@fail 0 1\n@@stderr ${Buffer.from(`sudo: ${SECRET}`).toString('base64')}\n`, stderr: `Permission denied for ${SECRET}\n`, code: 1 }
  : { stdout: `${SECRET}\n${SECRET} garbage ${SECRET}\n`, stderr: '', code: 0 });

let fake: Awaited<ReturnType<typeof startFakeNode>>;
let admin = '';
let viewer = '';
const seen: string[] = [];
const look = (label: string, text: string) => {
  seen.push(label);
  expect(text, label).not.toContain(SECRET);
  expect(text, label).not.toContain(Buffer.from(SECRET).toString('base64'));
};

describe('a node that echoes its password', () => {
  beforeAll(async () => {
    fake = await startFakeNode(SECRET, answer);
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    admin = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    await api('POST', '/api/v1/users', { token: admin, body: { username: 'watcher', password: 'watcher-pass', role: 'viewer' } });
    viewer = (await api('POST', '/api/v1/tokens', { basic: ['watcher', 'watcher-pass'] })).body.token;
    const ok = (r: { status: number; text: string; body: { id: string } }) => { expect(r.status, r.text).toBeLessThan(300); return r.body.id; };
    const svc = ok(await api('POST', '/api/v1/services', { token: admin, body: { name: 'web', protocol: 'tcp', port: 80 } }));
    const node = ok(await api('POST', '/api/v1/nodes', { token: admin, body: { name: 'Leaky', address: '10.10.0.11', ssh: { host: '127.0.0.1', port: fake.port, user: 'root', password: SECRET, hostKeyFingerprint: fake.fingerprint }, services: [svc] } }));
    const group = ok(await api('POST', '/api/v1/node-groups', { token: admin, body: { name: 'g', nodes: [node], services: [svc] } }));
    ok(await api('POST', '/api/v1/virtual-nodes', { token: admin, body: { name: 'www', vip: '10.20.0.100', services: [svc], nodeGroup: group } }));
    await api('PUT', '/api/v1/master-priority', { token: admin, body: { nodes: [node], preempt: true } });
  }, 60_000);

  afterAll(async () => {
    liveMonitor().stop();
    sshPool().closeAll();
    await fake.close();
    const all = logged.join('\n');
    expect(all).not.toContain(SECRET);
    expect(seen.length).toBeGreaterThan(8);
  });

  it.each(['fail', 'garbage'] as const)('save state (%s): the answer and the stored version carry no password', async (m) => {
    mode = m;
    const r = await api('POST', '/api/v1/save-state', { token: admin, body: { dryRun: false } });
    look(`save answer (${m})`, r.text);
    expect(r.text).toContain('Leaky');
    const versions = await api('GET', '/api/v1/versions', { token: viewer });
    look('version list', versions.text);
    for (const v of versions.body as { id: number }[]) look(`version ${v.id}`, (await api('GET', `/api/v1/versions/${v.id}`, { token: viewer })).text);
  }, 60_000);

  it('re-apply and the audit log carry no password', async () => {
    mode = 'fail';
    const nodes = (await api('GET', '/api/v1/nodes', { token: admin })).body as { id: string }[];
    look('reapply', (await api('POST', '/api/v1/live/reapply', { token: admin, body: { node: nodes[0]!.id } })).text);
    look('audit', (await api('GET', '/api/v1/audit', { token: admin })).text);
  }, 60_000);

  it.each(['fail', 'garbage'] as const)('the live view (%s) shows the failure without the password', async (m) => {
    mode = m;
    let text = '';
    for (let i = 0; i < 60; i++) {
      const r = await api('GET', '/api/v1/live', { token: viewer });
      text = r.text;
      const error = r.body?.nodes?.[0]?.error;
      if (error && error.code !== 'pending') break;
      await new Promise((res) => setTimeout(res, 250));
    }
    look(`live (${m})`, text);
    expect(text).toMatch(/"error":\{"code":"(command-failed|parse-failed|bad-output)"/);
    const res = await liveStream.GET(new Request('http://console.test/api/v1/live/stream', { headers: { authorization: `Bearer ${viewer}` } }));
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    look(`live stream (${m})`, new TextDecoder().decode(first.value));
  }, 60_000);
});
