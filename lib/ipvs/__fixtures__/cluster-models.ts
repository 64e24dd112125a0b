/** Cluster models for the render/plan tests: the documents' example clusters on lab addresses. */
import type { ClusterModel, NodeModel, ServiceModel } from '../../cluster/model';

export function service(id: string, over: Partial<ServiceModel> = {}): ServiceModel {
  return {
    id,
    name: id,
    protocol: 'tcp',
    port: 80,
    fwmark: null,
    scheduler: 'wlc',
    schedulerFlags: [],
    persistence: null,
    forwarding: 'dr',
    tunnelType: null,
    upperThreshold: 0,
    lowerThreshold: 0,
    description: '',
    healthCheck: null,
    sorryServer: null,
    ...over,
  };
}

export function node(id: string, address: string, services: string[], over: Partial<NodeModel> = {}): NodeModel {
  return {
    id,
    name: id,
    address,
    ssh: { host: address, port: 22, user: 'root', hostKeyFingerprint: null },
    vipInterface: 'eth0',
    services,
    notes: '',
    ...over,
  };
}

/** Example 1: the university web cluster. Web01 is master (director and local real server), Web02 next. */
export function universityCluster(): ClusterModel {
  return {
    services: [
      service('httpd', { name: 'httpd', scheduler: 'lc', persistence: { timeout: 360, netmask: null }, description: '웹 서비스; rm -rf /' }),
      service('drinfo', { name: 'drinfo', port: 7070 }),
    ],
    nodes: [
      node('web01', '10.10.0.11', ['httpd', 'drinfo'], { name: 'Web01', notes: '$(touch /tmp/pwned)' }),
      node('web02', '10.10.0.12', ['httpd', 'drinfo'], { name: 'Web02' }),
      node('web03', '10.10.0.13', ['httpd', 'drinfo'], { name: 'Web03' }),
      node('web04', '10.10.0.14', ['httpd', 'drinfo'], { name: 'Web04' }),
    ],
    nodeGroups: [{ id: 'g1', name: 'web', nodes: ['web01', 'web02', 'web03', 'web04'], services: ['httpd', 'drinfo'] }],
    virtualNodes: [{ id: 'www', name: 'www', vip: '10.20.0.100', netmask: '255.255.255.255', interface: null, services: ['httpd'], nodeGroup: 'g1' }],
    masterPriority: { nodes: ['web01', 'web02'], preempt: true, failover: null },
    weights: [
      { node: 'web01', service: 'httpd', weight: 200 },
      { node: 'web02', service: 'httpd', weight: 100 },
      { node: 'web03', service: 'httpd', weight: 200 },
      { node: 'web04', service: 'httpd', weight: 100 },
    ],
    checkOverrides: [],
  };
}

/** Example 3: NAT. The LB's private address 10.0.0.1 is the real servers' gateway. */
export function natCluster(): ClusterModel {
  return {
    services: [service('web', { scheduler: 'wrr', forwarding: 'nat' })],
    nodes: [
      node('lb', '10.0.0.1', [], { vipInterface: 'eth1' }),
      node('rs1', '10.0.0.2', ['web']),
      node('rs2', '10.0.0.3', ['web']),
    ],
    nodeGroups: [{ id: 'g', name: 'web', nodes: ['rs1', 'rs2'], services: ['web'] }],
    virtualNodes: [{ id: 'v', name: 'www', vip: '10.20.0.200', netmask: '255.255.255.0', interface: null, services: ['web'], nodeGroup: 'g' }],
    masterPriority: { nodes: ['lb'], preempt: true, failover: null },
    weights: [
      { node: 'rs1', service: 'web', weight: 3 },
      { node: 'rs2', service: 'web', weight: 2 },
    ],
    checkOverrides: [],
  };
}

/** Two directors and two real servers; services of several kinds on one VIP. */
export function mixedCluster(): ClusterModel {
  return {
    services: [
      service('tun', { scheduler: 'wrr', forwarding: 'tun', tunnelType: 'ipip' }),
      service('mark', { protocol: 'fwmark', port: null, fwmark: 5 }),
      service('sh', { port: 443, scheduler: 'sh', schedulerFlags: ['sh-port', 'sh-fallback'] }),
      service('dns', { protocol: 'udp', port: 53, scheduler: 'rr', persistence: { timeout: 60, netmask: '255.255.255.0' }, upperThreshold: 1000, lowerThreshold: 800 }),
    ],
    nodes: [
      node('lb1', '10.10.0.1', []),
      node('lb2', '10.10.0.2', []),
      node('rs1', '10.10.0.11', ['tun', 'mark', 'sh', 'dns']),
      node('rs2', '10.10.0.12', ['tun', 'dns']),
      node('idle', '10.10.0.99', []),
    ],
    nodeGroups: [{ id: 'g', name: 'g', nodes: ['rs1', 'rs2'], services: ['tun', 'mark', 'sh', 'dns'] }],
    virtualNodes: [{ id: 'v', name: 'v', vip: '10.20.0.101', netmask: '255.255.255.255', interface: 'eth0', services: ['tun', 'mark', 'sh', 'dns'], nodeGroup: 'g' }],
    masterPriority: { nodes: ['lb1', 'lb2'], preempt: true, failover: null },
    weights: [{ node: 'rs1', service: 'tun', weight: 4 }],
    checkOverrides: [],
  };
}
