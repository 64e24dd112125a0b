import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import type { Forwarding } from '../cluster/primitives';
import { node, service } from '../ipvs/__fixtures__/cluster-models';
import { planNodeChanges } from '../ipvs/plan';
import { renderCluster } from '../ipvs/render';
import type { NodeDesiredState, NodeLiveState, Step } from '../ipvs/types';
import { applyPhases } from './phases';

const model = (forwarding: Forwarding): ClusterModel => ({
  services: [service('web', { scheduler: 'wrr', forwarding, tunnelType: forwarding === 'tun' ? 'ipip' : null })],
  nodes: [node('d', '10.10.0.11', []), node('r1', '10.10.0.12', ['web']), node('r2', '10.10.0.13', ['web'])],
  nodeGroups: [{ id: 'g', name: 'web', nodes: ['r1', 'r2'], services: ['web'] }],
  virtualNodes: [{ id: 'v', name: 'v', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: ['web'], nodeGroup: 'g' }],
  masterPriority: { nodes: ['d'], preempt: true, failover: null },
  weights: [],
  checkOverrides: [],
});

/** The live state a node has right after a DR save: what the DR render asked for. */
function liveAfter(m: ClusterModel): Map<string, NodeLiveState> {
  return new Map(renderCluster(m, { activeDirector: 'd' }).map((d) => [d.nodeId, {
    ipvs: d.ipvs, addresses: d.addresses, sysctls: d.sysctls, modules: d.modules,
    bootFiles: Object.fromEntries(d.bootFiles.map((f) => [f.path, f.content])), defaultGateway: null, checks: [],
  } as unknown as NodeLiveState]));
}

describe('applyPhases', () => {
  it('a DR→TUN switch readies the real servers (ipip, VIP on tunl0) before the director tunnels, and drops lo last', () => {
    const live = liveAfter(model('dr'));
    const desired = renderCluster(model('tun'), { activeDirector: 'd' });
    const plans: Record<string, Step[]> = Object.fromEntries(desired.map((d) => [d.nodeId, planNodeChanges(d, live.get(d.nodeId)!)]));
    const phases = applyPhases(desired, plans).map((p) => p.map((e) => [e.nodeId, e.steps.map((s) => s.summary)]));
    expect(phases.map((p) => p.map(([id]) => id))).toEqual([['r1', 'r2'], [], ['d'], ['r1', 'r2']]);
    const [first, , second, third] = phases;
    expect(first![0]![1]).toEqual(expect.arrayContaining(['+ module ipip', '+ address 10.10.0.100/32 dev tunl0 label tunl0:lvs']));
    expect(first![0]![1]).not.toContain('- address 10.10.0.100/32 dev lo label lo:lvs');
    expect((second![0]![1] as string[]).every((s) => s.startsWith('~ -e ') || !s.includes('-r '))).toBe(true);
    expect(third![0]![1]).toEqual(['- address 10.10.0.100/32 dev lo label lo:lvs']);
  });

  it('leaves out nodes without changes and nodes not selected', () => {
    const desired = renderCluster(model('dr'), { activeDirector: 'd' });
    const plans: Record<string, Step[]> = { d: [{ kind: 'module', op: 'add', summary: '+ module ip_vs', argv: ['modprobe', 'ip_vs'], undo: null }], r1: [], r2: [] };
    expect(applyPhases(desired, plans)).toEqual([[], [], [{ nodeId: 'd', steps: plans.d }], []]);
    expect(applyPhases(desired, plans, (id) => id !== 'd')).toEqual([[], [], [], []]);
  });
});

describe('applyPhases with failover', () => {
  it('applies to the backup candidates before the one that holds the VIP', () => {
    const state = (nodeId: string, roles: NodeDesiredState['roles']) => ({ nodeId, roles }) as NodeDesiredState;
    const step = { kind: 'file', op: 'set', summary: 'x', argv: ['true'], undo: null } as Step;
    const desired = [state('lb1', ['director']), state('lb2', ['backup']), state('rs', ['real-server'])];
    const phases = applyPhases(desired, { lb1: [step], lb2: [step], rs: [step] });
    expect(phases.map((p) => p.map((e) => e.nodeId))).toEqual([['rs'], ['lb2'], ['lb1'], []]);
  });
});
