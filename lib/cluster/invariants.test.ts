import { describe, expect, it } from 'vitest';
import { deleteBlockers, modelConflicts, unknownReferences } from './invariants';
import { effectiveCheck, type ClusterModel, type ServiceModel } from './model';
import { checkOverrideCheckSchema, healthCheckSchema } from './health-schema';

const svc = (id: string, extra: Partial<ServiceModel> = {}): ServiceModel => ({
  id, name: id, protocol: 'tcp', port: 80, fwmark: null, scheduler: 'wlc', schedulerFlags: [], persistence: null,
  forwarding: 'dr', tunnelType: null, upperThreshold: 0, lowerThreshold: 0, description: '', healthCheck: null, sorryServer: null, ...extra,
});
const node = (id: string, services: string[] = ['httpd']) => ({
  id, name: id, address: `10.10.0.${id.length + 10}`, ssh: { host: 'h', port: 22, user: 'root', hostKeyFingerprint: null }, vipInterface: 'eth0', services, notes: '',
});

function example(): ClusterModel {
  return {
    services: [svc('httpd'), svc('drinfo', { port: 7777 })],
    nodes: [node('web01'), node('web2')],
    nodeGroups: [{ id: 'g', name: 'web', nodes: ['web01', 'web2'], services: ['httpd'] }],
    virtualNodes: [{ id: 'v', name: 'www', vip: '10.20.0.100', netmask: '255.255.255.255', interface: null, services: ['httpd'], nodeGroup: 'g' }],
    masterPriority: { nodes: ['web01'], preempt: true, failover: null },
    weights: [{ node: 'web01', service: 'httpd', weight: 200 }],
    checkOverrides: [],
  };
}

describe('modelConflicts', () => {
  it('accepts a consistent model', () => expect(modelConflicts(example())).toEqual([]));
  it.each<[string, (m: ClusterModel) => void, RegExp]>([
    ['same VIP, port and protocol twice', (m) => {
      m.services.push(svc('web2', { port: 80 }));
      m.nodeGroups[0].services.push('web2');
      m.virtualNodes.push({ ...m.virtualNodes[0], id: 'v2', name: 'www2', services: ['web2'] });
    }, /www\/httpd and www2\/web2 both claim virtual service tcp 10\.20\.0\.100:80/],
    ['same fwmark twice', (m) => {
      m.services = [svc('a', { protocol: 'fwmark', fwmark: 5, port: null }), svc('b', { protocol: 'fwmark', fwmark: 5, port: null })];
      m.nodeGroups[0].services = ['a', 'b'];
      m.virtualNodes[0].services = ['a', 'b'];
      m.weights = [];
    }, /both claim virtual service fwmark 5/],
    ['udp and tcp on one port are fine, but a weight for a node not running the service is not', (m) => {
      m.weights.push({ node: 'web2', service: 'drinfo', weight: 3 });
    }, /web2 does not run drinfo/],
    ['virtual node offering what its group does not serve', (m) => {
      m.virtualNodes[0].services.push('drinfo');
    }, /www offers drinfo but its node group web does not serve it/],
    ['VIP equal to a node address', (m) => {
      m.virtualNodes[0].vip = m.nodes[0].address;
    }, /is node web01's own address/],
    ['a check override for a node not running the service', (m) => {
      m.services[1]!.healthCheck = healthCheckSchema.parse({ type: 'tcp' });
      m.checkOverrides.push({ node: 'web2', service: 'drinfo', healthCheck: null });
    }, /health check override is set for web2 on drinfo, but web2 does not run drinfo/],
    ['a check override on a service with no check', (m) => {
      m.checkOverrides.push({ node: 'web2', service: 'httpd', healthCheck: null });
    }, /override is set for web2 on httpd, but httpd has no health check/],
    ['an http override on a udp service', (m) => {
      m.services[0] = svc('httpd', { protocol: 'udp', healthCheck: healthCheckSchema.parse({ type: 'tcp', port: 80 }) });
      m.checkOverrides.push({ node: 'web2', service: 'httpd', healthCheck: checkOverrideCheckSchema.parse({ type: 'http', path: '/health' }) });
    }, /the health check override for web2 on httpd: type http needs a tcp service/],
    ['duplicate names, case-insensitive', (m) => {
      m.services.push(svc('x', { name: 'HTTPD', port: 81 }));
    }, /two services are named httpd/],
  ])('%s', (_label, mutate, message) => {
    const m = example();
    mutate(m);
    expect(modelConflicts(m).join('\n')).toMatch(message);
  });
});

describe('deleteBlockers', () => {
  it.each<[Parameters<typeof deleteBlockers>[1], string, string[]]>([
    ['node', 'web01', ['node web01 is a member of node group web', 'node web01 is in the master priority list']],
    ['node', 'web2', ['node web2 is a member of node group web']],
    ['service', 'httpd', ['service httpd is served by node group web', 'service httpd is offered on virtual node www']],
    ['service', 'drinfo', []],
    ['nodeGroup', 'g', ['node group web serves virtual node www']],
    ['virtualNode', 'v', []],
  ])('%s %s', (kind, id, expected) => expect(deleteBlockers(example(), kind, id)).toEqual(expected));
});

describe('unknownReferences', () => {
  it('names the index of each unknown or repeated id', () => {
    expect(unknownReferences(example(), { services: ['httpd', 'nope', 'httpd'], nodeGroup: 'zz' })).toEqual({
      'services.1': 'no service has id nope',
      'services.2': 'is listed twice',
      nodeGroup: 'no node group has id zz',
    });
  });
});

describe('effectiveCheck', () => {
  const checked = () => {
    const m = example();
    m.services[0]!.healthCheck = healthCheckSchema.parse({ type: 'http', path: '/', onFailure: 'quiesce' });
    return m;
  };
  it.each<[string, (m: ClusterModel) => void, string, unknown]>([
    ['no check on the service: none', () => {}, 'web2', null],
    ['no override: the service\'s', (m) => { m.services[0]!.healthCheck = healthCheckSchema.parse({ type: 'tcp' }); }, 'web2', expect.objectContaining({ type: 'tcp' })],
    ['an override: its probe, the service\'s onFailure', (m) => {
      m.services[0]!.healthCheck = checked().services[0]!.healthCheck;
      m.checkOverrides.push({ node: 'web2', service: 'httpd', healthCheck: checkOverrideCheckSchema.parse({ type: 'http', path: '/status', intervalMs: 500 }) });
    }, 'web2', expect.objectContaining({ path: '/status', intervalMs: 500, onFailure: 'quiesce' })],
    ['an override on another node: the service\'s', (m) => {
      m.services[0]!.healthCheck = checked().services[0]!.healthCheck;
      m.checkOverrides.push({ node: 'web2', service: 'httpd', healthCheck: null });
    }, 'web01', expect.objectContaining({ path: '/' })],
    ['a null override: not checked on that node', (m) => {
      m.services[0]!.healthCheck = checked().services[0]!.healthCheck;
      m.checkOverrides.push({ node: 'web2', service: 'httpd', healthCheck: null });
    }, 'web2', null],
  ])('%s', (_label, mutate, nodeId, want) => {
    const m = example();
    mutate(m);
    expect(effectiveCheck(m, nodeId, 'httpd')).toEqual(want);
  });
});
