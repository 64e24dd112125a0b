/**
 * Property: every model the schemas and invariants accept renders, plans and becomes an apply
 * script without throwing. (A 15-character interface once passed the schema and made the renderer
 * throw, so Save state failed for everyone.) Inputs are raw values put through the real schemas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelConflicts } from '../cluster/invariants';
import type { ClusterModel } from '../cluster/model';
import { FORWARDING, PROTOCOLS, SCHEDULERS, SCHEDULER_FLAGS, TUNNEL_TYPES } from '../cluster/primitives';
import { nodeSchema, serviceSchema, virtualNodeSchema } from '../cluster/schemas';
import { buildApplyScript } from './apply-script';
import { planNodeChanges } from './plan';
import { renderCluster } from './render';
import type { NodeDesiredState, NodeLiveState } from './types';

const EMPTY_LIVE: NodeLiveState = { ipvs: [], addresses: [], sysctls: {}, modules: [], defaultGateway: null, bootFiles: {} };

const octet = fc.integer({ min: 0, max: 255 });
const address = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const mask = fc.integer({ min: 0, max: 32 }).map((p) => {
  const n = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
});
// Every length up to one past the kernel's limit equally often: the long ones are where labels break.
const ifname = fc.integer({ min: 1, max: 16 }).chain((n) => fc.stringMatching(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.-]{${n - 1}}$`)));
const ok = <T,>(r: { success: boolean; data?: T }) => (r.success ? [r.data as T] : []);

const rawService = fc.record({
  protocol: fc.constantFrom(...PROTOCOLS),
  port: fc.option(fc.integer({ min: 0, max: 70000 })),
  fwmark: fc.option(fc.integer({ min: 1, max: 4294967295 })),
  scheduler: fc.constantFrom(...SCHEDULERS),
  schedulerFlags: fc.subarray([...SCHEDULER_FLAGS], { maxLength: 2 }),
  persistence: fc.option(fc.record({ timeout: fc.integer({ min: 1, max: 2678400 }), netmask: fc.option(mask) })),
  forwarding: fc.constantFrom(...FORWARDING),
  tunnelType: fc.option(fc.constantFrom(...TUNNEL_TYPES)),
  upperThreshold: fc.integer({ min: 0, max: 100 }),
  lowerThreshold: fc.integer({ min: 0, max: 100 }),
});
const rawNode = fc.record({ address, vipInterface: ifname, services: fc.subarray(['s0', 's1', 's2']) });
const rawVnode = fc.record({ vip: address, netmask: mask, interface: fc.option(ifname), services: fc.subarray(['s0', 's1', 's2']) });

const modelArb = fc
  .record({
    services: fc.array(rawService, { maxLength: 3 }),
    nodes: fc.array(rawNode, { minLength: 1, maxLength: 4 }),
    groupNodes: fc.subarray(['n0', 'n1', 'n2', 'n3']),
    vnodes: fc.array(rawVnode, { maxLength: 2 }),
    master: fc.subarray(['n0', 'n1', 'n2', 'n3']),
    preempt: fc.boolean(),
    weights: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 12 }),
  })
  .map((r): ClusterModel => {
    const services = r.services.flatMap((s, i) => ok(serviceSchema.safeParse({ name: `svc ${i}`, ...s })).map((p) => ({ id: `s${i}`, ...p })));
    const sids = new Set(services.map((s) => s.id));
    const nodes = r.nodes.flatMap((n, i) =>
      ok(nodeSchema.safeParse({ name: `노드${i}`, address: n.address, ssh: { host: n.address }, vipInterface: n.vipInterface, services: n.services.filter((s) => sids.has(s)) }))
        .map((p) => ({ id: `n${i}`, ...p, ssh: { host: p.ssh.host, port: p.ssh.port, user: p.ssh.user, hostKeyFingerprint: null } })));
    const nids = new Set(nodes.map((n) => n.id));
    const group = { id: 'g', name: 'group', nodes: r.groupNodes.filter((n) => nids.has(n)), services: [...sids] };
    const virtualNodes = r.vnodes.flatMap((v, i) => ok(virtualNodeSchema.safeParse({ name: `vn${i}`, ...v, services: v.services.filter((s) => sids.has(s)), nodeGroup: 'g' })).map((p) => ({ id: `v${i}`, ...p })));
    const weights = nodes.flatMap((n) => n.services.map((s) => ({ node: n.id, service: s }))).slice(0, r.weights.length).map((p, i) => ({ ...p, weight: r.weights[i]! }));
    return { services, nodes, nodeGroups: [group], virtualNodes, masterPriority: { nodes: r.master.filter((n) => nids.has(n)), preempt: r.preempt, failover: null }, weights, checkOverrides: [] };
  })
  // Writes refuse a model with conflicts, so a stored model never has any.
  .filter((m) => modelConflicts(m).length === 0);

const asLive = (d: NodeDesiredState): NodeLiveState => ({
  ipvs: d.ipvs, addresses: d.addresses, sysctls: d.sysctls, modules: d.modules, defaultGateway: null,
  bootFiles: Object.fromEntries(d.bootFiles.map((f) => [f.path, f.content])),
});

describe('render → plan → apply script on random valid models', () => {
  it('never throws, for every choice of director, from empty nodes and from another model’s state', () => {
    fc.assert(
      fc.property(modelArb, modelArb, (model, before) => {
        const previous = new Map(renderCluster(before, { activeDirector: before.masterPriority.nodes[0] ?? null }).map((d) => [d.nodeId, asLive(d)]));
        for (const director of [null, ...model.masterPriority.nodes]) {
          for (const d of renderCluster(model, { activeDirector: director })) {
            for (const live of [EMPTY_LIVE, previous.get(d.nodeId) ?? EMPTY_LIVE]) {
              const steps = planNodeChanges(d, live);
              expect(typeof buildApplyScript(steps)).toBe('string');
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
