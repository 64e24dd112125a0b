/**
 * The console pointed at the shared lab: a throwaway database, an admin token, and the lab's
 * nodes entered through the JSON API with their real credentials and pinned host keys.
 */
import type { Lab } from '@/lab/harness';
import type { api as apiFn, ApiResult } from '../../support/api-client';

export type Mode = 'dr' | 'nat' | 'tun';
export const VIPS: Record<Mode, { vip: string; netmask: string }> = {
  dr: { vip: '10.10.0.100', netmask: '255.255.255.255' },
  tun: { vip: '10.10.0.100', netmask: '255.255.255.255' },
  nat: { vip: '10.20.0.100', netmask: '255.255.255.0' },
};

export function ok(r: ApiResult): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (r.status >= 300) throw new Error(`API answered ${r.status}: ${r.text}`);
  return r.body;
}

export interface LabCluster {
  token: string;
  service: string;
  nodes: Record<string, string>; // lab name -> console node id
  group: string;
  vn: string;
}

/** lab1 director; lab2 + lab3 real servers of one service at weights 3:1; lab4 stays a client. */
export async function enterLabCluster(api: typeof apiFn, lab: Lab, mode: Mode, extra: { description?: string; notes?: string; serviceName?: string } = {}): Promise<LabCluster> {
  ok(await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } }));
  const token = ok(await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).token as string;
  const service = ok(await api('POST', '/api/v1/services', {
    token,
    body: { name: extra.serviceName ?? 'web', protocol: 'tcp', port: 80, scheduler: 'wlc', forwarding: mode, description: extra.description ?? '' },
  })).id as string;
  const nodes: Record<string, string> = {};
  for (const n of lab.nodes.slice(0, 3)) {
    nodes[n.name] = ok(await api('POST', '/api/v1/nodes', {
      token,
      body: {
        name: n.name, address: n.clusterAddress, vipInterface: 'eth0', notes: extra.notes ?? '',
        ssh: { host: n.sshHost, port: n.sshPort, user: 'root', privateKey: lab.privateKey, hostKeyFingerprint: n.hostKeyFingerprint },
        services: n.name === 'lab1' ? [] : [service],
      },
    })).id;
  }
  const group = ok(await api('POST', '/api/v1/node-groups', { token, body: { name: 'web', nodes: [nodes.lab2, nodes.lab3], services: [service] } })).id as string;
  const vn = ok(await api('POST', '/api/v1/virtual-nodes', { token, body: { name: 'www', ...VIPS[mode], services: [service], nodeGroup: group } })).id as string;
  ok(await api('PUT', '/api/v1/weights', { token, body: [{ node: nodes.lab2, service, weight: 3 }, { node: nodes.lab3, service, weight: 1 }] }));
  ok(await api('PUT', '/api/v1/master-priority', { token, body: { nodes: [nodes.lab1], preempt: true } }));
  return { token, service, nodes, group, vn };
}

/**
 * For the failover tests and bench: lab1..lab3 as nodes, one DR web service on :80 run by SERVERS
 * (the node group), the VIP 10.10.0.100 on it; master priority is the caller's to set.
 */
export async function enterFailoverCluster(api: typeof apiFn, lab: Lab, opts: { servers: string[]; scheduler: 'rr' | 'wlc' }): Promise<LabCluster> {
  ok(await api('POST', '/api/v1/setup', { body: { username: 'admin', password: 'correct horse' } }));
  const token = ok(await api('POST', '/api/v1/tokens', { basic: ['admin', 'correct horse'] })).token as string;
  const service = ok(await api('POST', '/api/v1/services', { token, body: { name: 'web', protocol: 'tcp', port: 80, scheduler: opts.scheduler, forwarding: 'dr' } })).id as string;
  const nodes: Record<string, string> = {};
  for (const n of lab.nodes.slice(0, 3)) {
    nodes[n.name] = ok(await api('POST', '/api/v1/nodes', { token, body: {
      name: n.name, address: n.clusterAddress, vipInterface: 'eth0', services: opts.servers.includes(n.name) ? [service] : [],
      ssh: { host: n.sshHost, port: n.sshPort, user: 'root', privateKey: lab.privateKey, hostKeyFingerprint: n.hostKeyFingerprint },
    } })).id;
  }
  const group = ok(await api('POST', '/api/v1/node-groups', { token, body: { name: 'web', nodes: opts.servers.map((n) => nodes[n]), services: [service] } })).id as string;
  const vn = ok(await api('POST', '/api/v1/virtual-nodes', { token, body: { name: 'www', ...VIPS.dr, services: [service], nodeGroup: group } })).id as string;
  return { token, service, nodes, group, vn };
}

export async function save(api: typeof apiFn, token: string, body: Record<string, unknown> = {}) {
  return ok(await api('POST', '/api/v1/save-state', { token, body: { dryRun: false, ...body } })) as {
    version: number | null;
    activeDirector: string | null;
    nodes: Array<{ node: string; name: string; status: string; steps: Array<{ summary: string }>; error?: { code: string; fingerprint?: string; message: string; summary?: string; stderr?: string; rolledBack?: boolean } }>;
  };
}

/** NAT clients live on the public subnet; the VIP's /24 on the director makes it on-link. */
export async function prepareClient(lab: Lab, mode: Mode): Promise<void> {
  if (mode === 'nat') await lab.run('lab4', ['ip', 'addr', 'add', '10.20.0.14/24', 'dev', 'eth0', 'label', 'eth0:lvs']);
}
