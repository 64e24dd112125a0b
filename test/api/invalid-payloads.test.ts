/**
 * Every invalid payload gets 400 with the offending field named, and the database file is
 * byte-for-byte the same afterwards: validation happens before anything is written.
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

const svc = { name: 'web', protocol: 'tcp', port: 8080, scheduler: 'wlc' };
const node = () => ({ name: 'Web09', address: '10.10.0.19', ssh: { host: '127.0.0.1', port: 2222, user: 'root', privateKey: SAMPLE_KEY }, services: [] });
const vn = () => ({ name: 'www2', vip: '10.20.0.101', services: [ids.httpd], nodeGroup: ids.group });

type Case = [string, 'POST' | 'PUT', string, () => unknown, string];

const CASES: Case[] = [
  // services
  ['service name missing', 'POST', '/api/v1/services', () => ({ ...svc, name: undefined }), 'name'],
  ['service name empty', 'POST', '/api/v1/services', () => ({ ...svc, name: '' }), 'name'],
  ['service name with ;', 'POST', '/api/v1/services', () => ({ ...svc, name: 'web; rm -rf /' }), 'name'],
  ['service name with $()', 'POST', '/api/v1/services', () => ({ ...svc, name: '$(reboot)' }), 'name'],
  ['service name with backtick', 'POST', '/api/v1/services', () => ({ ...svc, name: 'a`id`' }), 'name'],
  ['service name with newline', 'POST', '/api/v1/services', () => ({ ...svc, name: 'web\nipvsadm -C' }), 'name'],
  ['service name with pipe', 'POST', '/api/v1/services', () => ({ ...svc, name: 'web|sh' }), 'name'],
  ['service name too long', 'POST', '/api/v1/services', () => ({ ...svc, name: 'x'.repeat(65) }), 'name'],
  ['service name a number', 'POST', '/api/v1/services', () => ({ ...svc, name: 42 }), 'name'],
  ['port 0', 'POST', '/api/v1/services', () => ({ ...svc, port: 0 }), 'port'],
  ['port 65536', 'POST', '/api/v1/services', () => ({ ...svc, port: 65536 }), 'port'],
  ['port negative', 'POST', '/api/v1/services', () => ({ ...svc, port: -80 }), 'port'],
  ['port fractional', 'POST', '/api/v1/services', () => ({ ...svc, port: 80.5 }), 'port'],
  ['port as string', 'POST', '/api/v1/services', () => ({ ...svc, port: '80' }), 'port'],
  ['port missing for tcp', 'POST', '/api/v1/services', () => ({ ...svc, port: null }), 'port'],
  ['unknown protocol', 'POST', '/api/v1/services', () => ({ ...svc, protocol: 'icmp' }), 'protocol'],
  ['unknown scheduler', 'POST', '/api/v1/services', () => ({ ...svc, scheduler: 'random' }), 'scheduler'],
  ['scheduler uppercase', 'POST', '/api/v1/services', () => ({ ...svc, scheduler: 'WLC' }), 'scheduler'],
  ['sh flag on wlc', 'POST', '/api/v1/services', () => ({ ...svc, schedulerFlags: ['sh-port'] }), 'schedulerFlags'],
  ['unknown flag', 'POST', '/api/v1/services', () => ({ ...svc, scheduler: 'sh', schedulerFlags: ['sh-magic'] }), 'schedulerFlags.0'],
  ['fwmark without mark', 'POST', '/api/v1/services', () => ({ ...svc, protocol: 'fwmark', port: null }), 'fwmark'],
  ['fwmark zero', 'POST', '/api/v1/services', () => ({ ...svc, protocol: 'fwmark', fwmark: 0 }), 'fwmark'],
  ['fwmark on tcp', 'POST', '/api/v1/services', () => ({ ...svc, fwmark: 5 }), 'fwmark'],
  ['persistence timeout 0', 'POST', '/api/v1/services', () => ({ ...svc, persistence: { timeout: 0 } }), 'persistence.timeout'],
  ['persistence timeout string', 'POST', '/api/v1/services', () => ({ ...svc, persistence: { timeout: '360' } }), 'persistence.timeout'],
  ['persistence netmask non-contiguous', 'POST', '/api/v1/services', () => ({ ...svc, persistence: { timeout: 60, netmask: '255.0.255.0' } }), 'persistence.netmask'],
  ['persistence netmask garbage', 'POST', '/api/v1/services', () => ({ ...svc, persistence: { timeout: 60, netmask: '255.255.255.0; reboot' } }), 'persistence.netmask'],
  ['unknown forwarding', 'POST', '/api/v1/services', () => ({ ...svc, forwarding: 'masq' }), 'forwarding'],
  ['tunnel type on dr', 'POST', '/api/v1/services', () => ({ ...svc, tunnelType: 'gue' }), 'tunnelType'],
  ['unknown tunnel type', 'POST', '/api/v1/services', () => ({ ...svc, forwarding: 'tun', tunnelType: 'vxlan' }), 'tunnelType'],
  ['lower above upper threshold', 'POST', '/api/v1/services', () => ({ ...svc, upperThreshold: 10, lowerThreshold: 20 }), 'lowerThreshold'],
  ['threshold negative', 'POST', '/api/v1/services', () => ({ ...svc, upperThreshold: -1 }), 'upperThreshold'],
  ['description with control char', 'POST', '/api/v1/services', () => ({ ...svc, description: 'bell\u0007' }), 'description'],
  ['unknown service field', 'POST', '/api/v1/services', () => ({ ...svc, command: 'id' }), 'command'],
  // nodes
  ['node address malformed', 'POST', '/api/v1/nodes', () => ({ ...node(), address: '10.10.0' }), 'address'],
  ['node address octet 256', 'POST', '/api/v1/nodes', () => ({ ...node(), address: '10.10.0.256' }), 'address'],
  ['node address with shell', 'POST', '/api/v1/nodes', () => ({ ...node(), address: '10.10.0.1;id' }), 'address'],
  ['node address leading zero', 'POST', '/api/v1/nodes', () => ({ ...node(), address: '10.010.0.1' }), 'address'],
  ['node name with $', 'POST', '/api/v1/nodes', () => ({ ...node(), name: 'Web$HOME' }), 'name'],
  ['ssh port 70000', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, port: 70000 } }), 'ssh.port'],
  ['ssh host with space', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, host: 'a b' } }), 'ssh.host'],
  ['ssh host with -o option', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, host: '-oProxyCommand=id' } }), 'ssh.host'],
  ['ssh user with semicolon', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, user: 'root;id' } }), 'ssh.user'],
  ['ssh key not a key', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, privateKey: 'hunter2' } }), 'ssh.privateKey'],
  ['ssh key and password', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, password: 'pw' } }), 'ssh.password'],
  ['no credential', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { host: '127.0.0.1', port: 22 } }), 'ssh.privateKey'],
  ['password with newline', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { host: '127.0.0.1', password: 'a\nb' } }), 'ssh.password'],
  ['fingerprint malformed', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: { ...node().ssh, hostKeyFingerprint: 'MD5:aa:bb' } }), 'ssh.hostKeyFingerprint'],
  ['vip interface with slash', 'POST', '/api/v1/nodes', () => ({ ...node(), vipInterface: 'eth0/../x' }), 'vipInterface'],
  ['vip interface too long', 'POST', '/api/v1/nodes', () => ({ ...node(), vipInterface: 'averyveryverylongname' }), 'vipInterface'],
  ['node services not a list', 'POST', '/api/v1/nodes', () => ({ ...node(), services: 'httpd' }), 'services'],
  ['node unknown service id', 'POST', '/api/v1/nodes', () => ({ ...node(), services: ['nosuchservice'] }), 'services.0'],
  ['node ssh not an object', 'POST', '/api/v1/nodes', () => ({ ...node(), ssh: 'root@host' }), 'ssh'],
  ['node update bad address', 'PUT', '/api/v1/nodes/:web01', () => ({ address: '999.1.1.1' }), 'address'],
  // node groups
  ['group unknown node', 'POST', '/api/v1/node-groups', () => ({ name: 'g2', nodes: ['ghost'], services: [] }), 'nodes.0'],
  ['group node twice', 'POST', '/api/v1/node-groups', () => ({ name: 'g2', nodes: [ids.web[0], ids.web[0]], services: [] }), 'nodes.1'],
  ['group name with quote', 'POST', '/api/v1/node-groups', () => ({ name: "g'2", nodes: [], services: [] }), 'name'],
  ['group id with slash', 'POST', '/api/v1/node-groups', () => ({ name: 'g2', nodes: ['../x'], services: [] }), 'nodes.0'],
  // virtual nodes
  ['vip malformed', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), vip: 'www.example' }), 'vip'],
  ['vip netmask invalid', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), netmask: '255.255.255.256' }), 'netmask'],
  ['vip netmask as prefix', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), netmask: '/32' }), 'netmask'],
  ['vip netmask holes', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), netmask: '255.255.0.255' }), 'netmask'],
  ['vn unknown group', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), nodeGroup: 'nogroup' }), 'nodeGroup'],
  ['vn group missing', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), nodeGroup: undefined }), 'nodeGroup'],
  ['vn interface bad', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), interface: 'eth0 up' }), 'interface'],
  ['vn unknown service', 'POST', '/api/v1/virtual-nodes', () => ({ ...vn(), services: ['x1'] }), 'services.0'],
  // weights and master priority
  ['weight 65536', 'PUT', '/api/v1/weights', () => [{ node: ids.web[0], service: ids.httpd, weight: 65536 }], '0.weight'],
  ['weight negative', 'PUT', '/api/v1/weights', () => [{ node: ids.web[0], service: ids.httpd, weight: -1 }], '0.weight'],
  ['weight fractional', 'PUT', '/api/v1/weights', () => [{ node: ids.web[0], service: ids.httpd, weight: 1.5 }], '0.weight'],
  ['weight as string', 'PUT', '/api/v1/weights', () => [{ node: ids.web[0], service: ids.httpd, weight: '100' }], '0.weight'],
  ['weight unknown node', 'PUT', '/api/v1/weights', () => [{ node: 'ghost', service: ids.httpd, weight: 5 }], '0.node'],
  ['weights not a list', 'PUT', '/api/v1/weights', () => ({ node: ids.web[0], service: ids.httpd, weight: 5 }), '_'],
  ['master unknown node', 'PUT', '/api/v1/master-priority', () => ({ nodes: ['ghost'], preempt: true }), 'nodes.0'],
  ['master preempt string', 'PUT', '/api/v1/master-priority', () => ({ nodes: [], preempt: 'yes' }), 'preempt'],
  // users
  ['user role unknown', 'POST', '/api/v1/users', () => ({ username: 'bob', password: 'long enough', role: 'root' }), 'role'],
  ['user password short', 'POST', '/api/v1/users', () => ({ username: 'bob', password: 'short', role: 'viewer' }), 'password'],
  ['username with space', 'POST', '/api/v1/users', () => ({ username: 'bob smith', password: 'long enough', role: 'viewer' }), 'username'],
];

describe('invalid payloads', () => {
  beforeAll(async () => {
    await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } });
    token = (await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).body.token;
    ids = await buildExample1(api, token);
  });

  it('has at least 50 distinct cases', () => {
    expect(new Set(CASES.map((c) => c[0])).size).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES)('%s → 400 naming the field', async (_label, method, url, payload, field) => {
    const before = dbHash();
    const r = await api(method, url.replace(':web01', ids.web[0]), { token, body: payload() });
    expect(r.status, r.text).toBe(400);
    expect(Object.keys(r.body.fields), r.text).toContain(field);
    expect(typeof r.body.error).toBe('string');
    expect(dbHash()).toBe(before);
  });

  it('malformed JSON → 400 and nothing written', async () => {
    const before = dbHash();
    const r = await api('POST', '/api/v1/services', { token, raw: '{"name": "web",' });
    expect(r.status).toBe(400);
    expect(r.body.fields).toHaveProperty('_');
    expect(dbHash()).toBe(before);
  });
});
