/** Example 1 of the field documents (a university web cluster), built through the API. */
import type { api as apiFn } from './api-client';
import { fakePrivateKey } from './fake-key';

// Not a usable key: only shaped like one, for tests that never connect.
export const SAMPLE_KEY = fakePrivateKey('c2FtcGxlLWtleS1mb3ItdGVzdHMtb25seS1ub3QtYS1yZWFsLWtleQ==').trimEnd();

export async function buildExample1(api: typeof apiFn, token: string) {
  const ok = <T>(r: { status: number; text: string; body: T }) => {
    if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${r.text}`);
    return r.body;
  };
  const httpd = ok(await api('POST', '/api/v1/services', { token, body: { name: 'httpd', protocol: 'tcp', port: 80, scheduler: 'lc', persistence: { timeout: 360 }, forwarding: 'dr' } })) as { id: string };
  const drinfo = ok(await api('POST', '/api/v1/services', { token, body: { name: 'drinfo', protocol: 'tcp', port: 7777, scheduler: 'wlc', forwarding: 'dr' } })) as { id: string };
  const web: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const n = ok(await api('POST', '/api/v1/nodes', {
      token,
      body: { name: `Web0${i}`, address: `10.10.0.${10 + i}`, ssh: { host: '127.0.0.1', port: 2200 + i, user: 'root', privateKey: SAMPLE_KEY }, vipInterface: 'eth0', services: [httpd.id, drinfo.id] },
    })) as { id: string };
    web.push(n.id);
  }
  const group = ok(await api('POST', '/api/v1/node-groups', { token, body: { name: 'web', nodes: web, services: [httpd.id, drinfo.id] } })) as { id: string };
  const vn = ok(await api('POST', '/api/v1/virtual-nodes', { token, body: { name: 'www', vip: '10.20.0.100', services: [httpd.id], nodeGroup: group.id } })) as { id: string };
  ok(await api('PUT', '/api/v1/weights', { token, body: [200, 100, 200, 100].map((weight, i) => ({ node: web[i], service: httpd.id, weight })) }));
  ok(await api('PUT', '/api/v1/master-priority', { token, body: { nodes: [web[0]], preempt: true } }));
  return { httpd: httpd.id, drinfo: drinfo.id, web, group: group.id, vn: vn.id };
}
