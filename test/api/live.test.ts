/**
 * The live API and /metrics over the real route handlers and a throwaway database. The one node
 * points at a closed local port, so the monitor's loop for it fails fast: the node must come back
 * unknown with no services, and /metrics must say it is down without stale IPVS series.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { SAMPLE_KEY } from '../support/example1';

useTestDataDir();
process.env.LVS_POLL_INTERVAL_MS = '500';
delete process.env.LVS_METRICS_TOKEN;
const { api } = await import('../support/api-client');
const live = await import('@/app/api/v1/live/route');
const history = await import('@/app/api/v1/live/history/route');
const connections = await import('@/app/api/v1/live/connections/route');
const reapply = await import('@/app/api/v1/live/reapply/route');
const metrics = await import('@/app/metrics/route');
const { liveMonitor } = await import('@/lib/monitor');
const { metricsTokenPath } = await import('@/lib/monitor/metrics-token');

const call = async (handler: (r: Request) => Promise<Response>, path: string, opts: { token?: string; method?: string; body?: unknown; auth?: string } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.auth) headers.authorization = opts.auth;
  const res = await handler(new Request(`http://console.test${path}`, { method: opts.method ?? 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }));
  const text = await res.text();
  let body: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { body = JSON.parse(text); } catch { body = text; }
  return { status: res.status, body, text };
};

describe('live API', () => {
  let admin = '';
  let viewer = '';
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    admin = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    await api('POST', '/api/v1/users', { token: admin, body: { username: 'watcher', password: 'watcher-pass', role: 'viewer' } });
    viewer = (await api('POST', '/api/v1/tokens', { basic: ['watcher', 'watcher-pass'] })).body.token;
    const r = await api('POST', '/api/v1/nodes', { token: admin, body: { name: 'Dead01', address: '10.10.0.11', ssh: { host: '127.0.0.1', port: 1, user: 'root', privateKey: SAMPLE_KEY } } });
    expect(r.status, r.text).toBe(201);
  });
  afterAll(() => liveMonitor().stop());

  it('needs a signed-in user', async () => {
    expect((await call(live.GET, '/api/v1/live')).status).toBe(401);
  });

  it('a node that does not answer is unknown, with no services and no drift', async () => {
    const r = await call(live.GET, '/api/v1/live', { token: viewer });
    expect(r.status, r.text).toBe(200);
    expect(r.body.intervalMs).toBe(500);
    expect(r.body.nodes).toEqual([expect.objectContaining({ name: 'Dead01', address: '10.10.0.11', state: 'unknown', lastSeen: null, services: [], drift: null })]);
    expect(r.body.nodes[0].error.code).not.toBe('pending');
    expect(r.text).not.toContain('PRIVATE KEY');
  });

  it('history and connections validate their query and answer for known nodes only', async () => {
    expect((await call(history.GET, '/api/v1/live/history?node=Dead01&address=10.10.0.12&port=80', { token: viewer })).body).toMatchObject({ series: [] });
    expect((await call(history.GET, '/api/v1/live/history?node=nope', { token: viewer })).status).toBe(404);
    const bad = await call(connections.GET, '/api/v1/live/connections?node=Dead01&client=$(reboot)', { token: viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.client).toMatch(/address/);
    const c = await call(connections.GET, '/api/v1/live/connections?node=Dead01&limit=10', { token: viewer });
    expect(c.body).toMatchObject({ available: false, items: [] });
  }, 20_000);

  it('re-apply needs the save-state permission', async () => {
    expect((await call(reapply.POST, '/api/v1/live/reapply', { token: viewer, method: 'POST', body: { node: 'Dead01' } })).status).toBe(403);
    expect((await call(reapply.POST, '/api/v1/live/reapply', { token: admin, method: 'POST', body: { node: 'Dead01' } })).status).toBe(409); // nothing saved yet
  });

  it('/metrics: 401 without the metrics token (an API token is not enough), Prometheus text with it', async () => {
    expect((await call(metrics.GET, '/metrics')).status).toBe(401);
    expect((await call(metrics.GET, '/metrics', { token: admin })).status).toBe(401);
    const file = metricsTokenPath();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { readFileSync } = await import('node:fs');
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const r = await call(metrics.GET, '/metrics', { auth: `Bearer ${token}` });
    expect(r.status).toBe(200);
    expect(r.text).toContain('lvs_console_node_up{node="Dead01"} 0');
    expect(r.text).not.toContain('node_ipvs_backend_connections_active{');
  });
});
