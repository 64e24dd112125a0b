import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import { resolveEventRefs } from './resolve';

const svc = (id: string, protocol: string, port: number | null, fwmark: number | null = null) => ({ id, protocol, port, fwmark }) as ClusterModel['services'][number];
const model = {
  services: [svc('web', 'tcp', 80), svc('dns', 'udp', 53), svc('mark', 'fwmark', null, 5), svc('web2', 'tcp', 80)],
  nodes: [{ id: 'rs1', address: '10.10.0.12', services: ['web'] }, { id: 'rs2', address: '10.10.0.13', services: ['web2'] }],
  virtualNodes: [{ id: 'v1', vip: '10.20.0.100', services: ['web', 'dns'] }, { id: 'v2', vip: '10.20.0.101', services: ['web2'] }],
  nodeGroups: [], masterPriority: { nodes: [], preempt: false }, weights: [],
} as unknown as ClusterModel;

describe('resolveEventRefs', () => {
  it.each([
    [{ service: 'tcp/10.20.0.100:80', rs: '10.10.0.12:80' }, { serviceId: 'web', realServerId: 'rs1' }],
    [{ service: 'tcp/10.20.0.101:80', rs: '10.10.0.13:80' }, { serviceId: 'web2', realServerId: 'rs2' }],
    [{ service: 'udp/10.20.0.100:53' }, { serviceId: 'dns', realServerId: null }],
    [{ service: 'fwmark/5', rs: '10.10.0.12:0' }, { serviceId: 'mark', realServerId: 'rs1' }],
    [{ service: 'tcp/10.20.0.100:81', rs: '10.10.0.99:80' }, { serviceId: null, realServerId: null }],
    [{ service: 'tcp/not-an-ip:80', rs: 'junk' }, { serviceId: null, realServerId: null }],
    [{}, { serviceId: null, realServerId: null }],
  ])('%j', (fields, expected) => expect(resolveEventRefs(model, fields)).toEqual(expected));

  it('resolves nothing without a saved model', () => {
    expect(resolveEventRefs(null, { service: 'tcp/10.20.0.100:80' })).toEqual({ serviceId: null, realServerId: null });
  });
});
