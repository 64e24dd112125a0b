/**
 * What an admin types (names, descriptions, notes) never reaches a shell as text: render → plan →
 * the real apply-script builder, and the script holds none of it.
 */
import { describe, expect, it } from 'vitest';
import { buildApplyScript } from '../ipvs/apply-script';
import { renderCluster } from '../ipvs/render';
import { planNodeChanges } from '../ipvs/plan';
import type { ClusterModel } from '../cluster/model';
import type { NodeLiveState } from '../ipvs/types';

const EVIL = ['$(touch /tmp/pwned)', '`id`', '; rm -rf / #', "' || reboot '", '" && halt "', '| nc 10.0.0.1 9', '\\$HOME', '> /etc/passwd'];
const NOTE = EVIL.join('\n');

function model(): ClusterModel {
  const node = (id: string, address: string, services: string[]) => ({
    id, name: `${id} 노드 ${EVIL.length}`, address, ssh: { host: '127.0.0.1', port: 22, user: 'root', hostKeyFingerprint: null }, vipInterface: 'eth0', services, notes: NOTE,
  });
  return {
    services: [{ id: 'svc', name: 'web 서비스', protocol: 'tcp', port: 80, fwmark: null, scheduler: 'wlc', schedulerFlags: [], persistence: { timeout: 360, netmask: null }, forwarding: 'dr', tunnelType: null, upperThreshold: 0, lowerThreshold: 0, description: NOTE, healthCheck: null, sorryServer: null }],
    nodes: [node('d1', '10.10.0.11', []), node('r1', '10.10.0.12', ['svc']), node('r2', '10.10.0.13', ['svc'])],
    nodeGroups: [{ id: 'g', name: 'group $(x)', nodes: ['r1', 'r2'], services: ['svc'] }],
    virtualNodes: [{ id: 'v', name: 'www `y`', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: ['svc'], nodeGroup: 'g' }],
    masterPriority: { nodes: ['d1'], preempt: true, failover: null },
    weights: [{ node: 'r1', service: 'svc', weight: 3 }],
    checkOverrides: [],
  };
}

const EMPTY: NodeLiveState = { ipvs: [], addresses: [], sysctls: {}, modules: [], defaultGateway: null, bootFiles: {} };

describe('typed values only reach the node', () => {
  const m = model();
  const desired = renderCluster(m, { activeDirector: 'd1' });
  it.each(desired.map((d) => [d.nodeId, d] as const))('%s: the apply script holds no name, description or note', (_id, d) => {
    const steps = planNodeChanges(d, EMPTY);
    expect(steps.length).toBeGreaterThan(0);
    const script = buildApplyScript(steps);
    const fileContents = d.bootFiles.map((f) => f.content).join('\n');
    for (const text of [...EVIL, 'web 서비스', '노드', 'group $(x)', 'www `y`']) {
      expect(script).not.toContain(text);
      expect(fileContents).not.toContain(text);
    }
    for (const s of steps) for (const arg of s.argv) expect(arg).toMatch(/^[A-Za-z0-9_.:/=,-]*$/);
  });
});
