/**
 * Hostile payloads, generated: every field of every write endpoint and of import gets values of the
 * wrong type, lone UTF-16 surrogates, look-alike and oversized text, and every body gets prototype
 * keys. Each must answer 400 naming that field (never 500), and the database file must stay
 * byte-for-byte the same.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDataDir } from '../support/test-db';
import { buildExample1, SAMPLE_KEY } from '../support/example1';

const dir = useTestDataDir();
const { api } = await import('../support/api-client');
const dbHash = () => crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'console.db'))).digest('hex');

let token = '';
let ids: Awaited<ReturnType<typeof buildExample1>>;
let adminId = '';

type Kind = 'text' | 'name' | 'number' | 'list' | 'bool' | 'object' | 'enum';
type Field = [path: string, kind: Kind, nullable?: boolean];
type Endpoint = { label: string; method: 'POST' | 'PUT'; url: () => string; base: () => unknown; fields: Field[]; prefix?: string; list?: true };

const LONE = ['x\uD800', '\uDFFFy', 'a\uDBFFb'];
const MUTATIONS: Record<Kind, unknown[]> = {
  text: [42, true, {}, [], ...LONE, 'z'.repeat(20_000)],
  name: [42, {}, ...LONE, 'w\u200Beb', 'web\u202E', 'w\u0435b', 'web\u2028', 'web\uFFFF', '', 'n'.repeat(65)],
  enum: [42, true, {}, [], ...LONE, 'UNKNOWN'],
  number: ['80', true, {}, [], 1.5, -1, 1e20, 'x\uD800'],
  list: [42, 'x', {}, true, ['x\uD800'], [42], [{}]],
  bool: ['yes', 1, {}, [], 'x\uD800'],
  object: [42, 'x', [], true, 'x\uD800'],
};
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'x\uD800'];

const svc = () => ({ name: 'web', protocol: 'tcp', port: 8080, scheduler: 'wlc', forwarding: 'dr', description: '', persistence: { timeout: 60 }, schedulerFlags: [], upperThreshold: 0, lowerThreshold: 0 });
const node = () => ({ name: 'Web09', address: '10.10.0.19', ssh: { host: '127.0.0.1', port: 2222, user: 'root', privateKey: SAMPLE_KEY }, vipInterface: 'eth0', services: [], notes: '' });
const group = () => ({ name: 'g2', nodes: [], services: [] });
const vnode = () => ({ name: 'www2', vip: '10.20.0.101', netmask: '255.255.255.255', interface: null, services: [ids.httpd], nodeGroup: ids.group });
const SERVICE_FIELDS: Field[] = [
  ['name', 'name'], ['protocol', 'enum'], ['port', 'number', true], ['scheduler', 'enum'], ['schedulerFlags', 'list'],
  ['persistence', 'object', true], ['persistence.timeout', 'number'], ['forwarding', 'enum'], ['tunnelType', 'enum', true],
  ['upperThreshold', 'number'], ['lowerThreshold', 'number'], ['description', 'text'],
];
const NODE_FIELDS: Field[] = [
  ['name', 'name'], ['address', 'text'], ['ssh', 'object'], ['ssh.host', 'text'], ['ssh.port', 'number'], ['ssh.user', 'text'],
  ['ssh.privateKey', 'text'], ['vipInterface', 'text'], ['services', 'list'], ['notes', 'text'],
];
const GROUP_FIELDS: Field[] = [['name', 'name'], ['nodes', 'list'], ['services', 'list']];
const VNODE_FIELDS: Field[] = [['name', 'name'], ['vip', 'text'], ['netmask', 'text'], ['interface', 'text', true], ['services', 'list'], ['nodeGroup', 'text']];
const doc = (over: Record<string, unknown>) => ({ format: 'lvs-console-model', version: 1, ...over });

const ENDPOINTS: Endpoint[] = [
  { label: 'create service', method: 'POST', url: () => '/api/v1/services', base: svc, fields: SERVICE_FIELDS },
  { label: 'update service', method: 'PUT', url: () => `/api/v1/services/${ids.drinfo}`, base: svc, fields: SERVICE_FIELDS },
  { label: 'create node', method: 'POST', url: () => '/api/v1/nodes', base: node, fields: NODE_FIELDS },
  { label: 'update node', method: 'PUT', url: () => `/api/v1/nodes/${ids.web[3]}`, base: () => ({ notes: '' }), fields: NODE_FIELDS.filter(([f]) => f !== 'ssh.privateKey') },
  { label: 'create node group', method: 'POST', url: () => '/api/v1/node-groups', base: group, fields: GROUP_FIELDS },
  { label: 'update node group', method: 'PUT', url: () => `/api/v1/node-groups/${ids.group}`, base: () => ({}), fields: GROUP_FIELDS },
  { label: 'create virtual node', method: 'POST', url: () => '/api/v1/virtual-nodes', base: vnode, fields: VNODE_FIELDS },
  { label: 'update virtual node', method: 'PUT', url: () => `/api/v1/virtual-nodes/${ids.vn}`, base: () => ({}), fields: VNODE_FIELDS },
  { label: 'weights', list: true, method: 'PUT', url: () => '/api/v1/weights', base: () => [{ node: ids.web[0], service: ids.httpd, weight: 5 }], fields: [['0.node', 'text'], ['0.service', 'text'], ['0.weight', 'number'], ['0', 'object']] },
  {
    label: 'check overrides', list: true, method: 'PUT', url: () => '/api/v1/check-overrides',
    base: () => [{ node: ids.web[0], service: ids.httpd, healthCheck: { type: 'http', path: '/ok', intervalMs: 500 } }],
    fields: [['0.node', 'text'], ['0.service', 'text'], ['0.healthCheck', 'object', true], ['0.healthCheck.type', 'enum'], ['0.healthCheck.path', 'text'], ['0.healthCheck.intervalMs', 'number'], ['0.healthCheck.fall', 'number'], ['0', 'object']],
  },
  { label: 'master priority', method: 'PUT', url: () => '/api/v1/master-priority', base: () => ({ nodes: [ids.web[0]], preempt: true }), fields: [['nodes', 'list'], ['preempt', 'bool']] },
  { label: 'create user', method: 'POST', url: () => '/api/v1/users', base: () => ({ username: 'bob', password: 'long enough', role: 'viewer' }), fields: [['username', 'text'], ['password', 'text'], ['role', 'enum']] },
  { label: 'update user', method: 'PUT', url: () => `/api/v1/users/${adminId}`, base: () => ({ locale: 'en' }), fields: [['role', 'enum'], ['password', 'text'], ['disabled', 'bool'], ['locale', 'enum']] },
  { label: 'save state', method: 'POST', url: () => '/api/v1/save-state', base: () => ({ dryRun: true }), fields: [['dryRun', 'bool'], ['nodes', 'list'], ['fixNatGateway', 'bool']] },
  { label: 'live reapply', method: 'POST', url: () => '/api/v1/live/reapply', base: () => ({ node: ids.web[0] }), fields: [['node', 'text']] },
  { label: 'live doctor', method: 'POST', url: () => '/api/v1/live/doctor', base: () => ({ node: ids.web[0], service: ids.httpd }), fields: [['node', 'text'], ['service', 'text']] },
  { label: 'admin state', method: 'PUT', url: () => `/api/v1/nodes/${ids.web[0]}/admin-state`, base: () => ({ state: 'drain' }), fields: [['state', 'enum'], ['service', 'text'], ['deadlineSeconds', 'number']] },
  { label: 'import service', method: 'POST', url: () => '/api/v1/import', base: () => doc({ services: [{ id: 's1', ...svc() }] }), prefix: 'services.0.', fields: SERVICE_FIELDS.filter(([, k]) => k !== 'object') },
  { label: 'import node', method: 'POST', url: () => '/api/v1/import', base: () => doc({ services: [], nodes: [{ id: 'n1', ...node() }] }), prefix: 'nodes.0.', fields: NODE_FIELDS.filter(([f]) => f !== 'services') },
  { label: 'import virtual node', method: 'POST', url: () => '/api/v1/import', base: () => doc({ nodeGroups: [{ id: 'g1', ...group() }], virtualNodes: [{ id: 'v1', ...vnode(), services: [], nodeGroup: 'g1' }] }), prefix: 'virtualNodes.0.', fields: VNODE_FIELDS.filter(([f]) => f !== 'services') },
  { label: 'import document', method: 'POST', url: () => '/api/v1/import', base: () => doc({}), fields: [['format', 'enum'], ['version', 'number'], ['services', 'list'], ['nodes', 'list'], ['weights', 'list'], ['masterPriority', 'object']] },
];

function setPath(target: unknown, dotted: string, value: unknown): unknown {
  const keys = dotted.split('.');
  let at = target as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
  return target;
}

type Case = { label: string; method: 'POST' | 'PUT'; url: () => string; raw: () => string; field: string };
const CASES: Case[] = [];
for (const ep of ENDPOINTS) {
  const prefix = ep.prefix ?? '';
  const fullPath = (f: string) => (ep.list ? f : `${prefix}${f}`);
  for (const [field, kind, nullable] of ep.fields) {
    for (const [i, value] of MUTATIONS[kind].entries()) {
      if (value === null && nullable) continue;
      const where = fullPath(field);
      CASES.push({
        label: `${ep.label}: ${field} = ${JSON.stringify(value)?.slice(0, 24)} (#${i})`,
        method: ep.method, url: ep.url, field: where,
        raw: () => JSON.stringify(setPath(ep.base(), where, value)),
      });
    }
  }
  for (const key of HOSTILE_KEYS) {
    const holder = ep.list ? '0.' : prefix;
    CASES.push({
      label: `${ep.label}: unknown key ${JSON.stringify(key)}`, method: ep.method, url: ep.url, field: `${holder}${key}`,
      // Spliced in as text: an object literal would treat __proto__ as the prototype, not a key.
      raw: () => {
        const body = JSON.stringify(ep.base());
        const inner = holder ? body.replace(new RegExp(`"${holder.split('.')[0] === '0' ? '' : holder.split('.')[0]}"\\s*:\\s*\\[\\{`), (m) => `${m}${JSON.stringify(key)}:1,`) : body;
        if (holder === '0.') return body.replace(/^\[\{/, `[{${JSON.stringify(key)}:1,`);
        if (holder) return inner;
        return body.replace(/^\{/, `{${JSON.stringify(key)}:1${body === '{}' ? '' : ','}`);
      },
    });
  }
}

describe('hostile payloads', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    ids = await buildExample1(api, token);
    adminId = (await api('GET', '/api/v1/users', { token })).body[0].id;
  }, 60_000);

  it('has at least 300 cases over every write endpoint and import', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CASES.map((c) => c.label)).size).toBe(CASES.length);
  });

  it('every case answers 400 naming its field, and nothing is written', async () => {
    const before = dbHash();
    const wrong: string[] = [];
    for (const c of CASES) {
      const r = await api(c.method, c.url(), { token, raw: c.raw() });
      const keys = r.status === 400 && r.body?.fields ? Object.keys(r.body.fields) : [];
      const named = keys.some((k) => k === c.field || k.startsWith(`${c.field}.`));
      if (r.status !== 400 || !named || typeof r.body.error !== 'string') wrong.push(`${c.label} → ${r.status} ${r.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(dbHash()).toBe(before);
  }, 300_000);
});
