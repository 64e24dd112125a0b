import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import { node, service } from '../ipvs/__fixtures__/cluster-models';
import { DoctorRequest, resolveDoctorTarget } from './target';

const model: ClusterModel = {
  services: [service('web', { port: 80 }), service('dns', { protocol: 'udp', port: 53 })],
  nodes: [node('lab1', '10.10.0.11', []), node('lab2', '10.10.0.12', ['web', 'dns'])],
  nodeGroups: [{ id: 'g', name: 'web', nodes: ['lab2'], services: ['web', 'dns'] }],
  virtualNodes: [{ id: 'www', name: 'www', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: ['web', 'dns'], nodeGroup: 'g' }],
  masterPriority: { nodes: ['lab1'], preempt: true, failover: null },
  weights: [],
  checkOverrides: [],
};

describe('resolveDoctorTarget', () => {
  it.each<[string, { node: string; service: string }, { nodeId: string; serviceId: string } | RegExp]>([
    ['ids', { node: 'lab2', service: 'web' }, { nodeId: 'lab2', serviceId: 'web' }],
    ['the live view key', { node: 'lab2', service: 'udp 10.10.0.100:53' }, { nodeId: 'lab2', serviceId: 'dns' }],
    ['the event key', { node: 'lab2', service: 'tcp/10.10.0.100:80' }, { nodeId: 'lab2', serviceId: 'web' }],
    ['an unknown node', { node: 'nope', service: 'web' }, /node not found/],
    ['a key no service has', { node: 'lab2', service: 'tcp/10.10.0.100:81' }, /service not found/],
  ])('%s', (_, req, want) => {
    const run = () => resolveDoctorTarget(model, DoctorRequest.parse(req));
    if (want instanceof RegExp) expect(run).toThrow(want);
    else expect(run()).toEqual(want);
  });

  it('refuses control and format characters in a reference, naming the field', () => {
    const r = DoctorRequest.safeParse({ node: '\u202Elab2', service: 'web' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['node']);
  });
});
