/** Reading the cluster model out of the database: rows → the plain model values. */
import type { Prisma } from '../generated/prisma/client';
import type { ClusterModel, NodeGroupModel, NodeModel, ServiceModel, VirtualNodeModel } from '../cluster/model';
import type { Forwarding, Protocol, Scheduler, SchedulerFlag, TunnelType } from '../cluster/primitives';
import { db, type Tx } from '../db';
import { checkOverrideCheckSchema, healthCheckSchema, sorryServerSchema } from '../cluster/health-schema';
import { failoverSchema } from '../cluster/schemas';

type ServiceRow = Prisma.ServiceGetPayload<object>;
const nodeInclude = { services: true } as const;
type NodeRow = Prisma.NodeGetPayload<{ include: typeof nodeInclude }>;
const groupInclude = { members: { orderBy: { position: 'asc' } }, services: true } as const;
type GroupRow = Prisma.NodeGroupGetPayload<{ include: typeof groupInclude }>;
const vnInclude = { services: true } as const;
type VirtualNodeRow = Prisma.VirtualNodeGetPayload<{ include: typeof vnInclude }>;

export function serviceFromRow(r: ServiceRow): ServiceModel {
  return {
    id: r.id,
    name: r.name,
    protocol: r.protocol as Protocol,
    port: r.port,
    fwmark: r.fwmark,
    scheduler: r.scheduler as Scheduler,
    schedulerFlags: JSON.parse(r.schedulerFlags) as SchedulerFlag[],
    persistence: r.persistenceTimeout === null ? null : { timeout: r.persistenceTimeout, netmask: r.persistenceNetmask },
    forwarding: r.forwarding as Forwarding,
    tunnelType: r.tunnelType as TunnelType | null,
    upperThreshold: r.upperThreshold,
    lowerThreshold: r.lowerThreshold,
    description: r.description,
    healthCheck: r.healthCheck === null ? null : healthCheckSchema.parse(JSON.parse(r.healthCheck)),
    sorryServer: r.sorryServer === null ? null : sorryServerSchema.parse(JSON.parse(r.sorryServer)),
  };
}

/** Never carries the sealed credential: only its kind. */
export function nodeFromRow(r: NodeRow): NodeModel & { credential: 'key' | 'password' } {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    ssh: { host: r.sshHost, port: r.sshPort, user: r.sshUser, hostKeyFingerprint: r.hostKeyFingerprint },
    vipInterface: r.vipInterface,
    services: r.services.map((s) => s.serviceId).sort(),
    notes: r.notes,
    credential: r.credentialKind as 'key' | 'password',
  };
}

export function groupFromRow(r: GroupRow): NodeGroupModel {
  return { id: r.id, name: r.name, nodes: r.members.map((m) => m.nodeId), services: r.services.map((s) => s.serviceId).sort() };
}

export function virtualNodeFromRow(r: VirtualNodeRow): VirtualNodeModel {
  return {
    id: r.id,
    name: r.name,
    vip: r.vip,
    netmask: r.netmask,
    interface: r.interface,
    services: r.services.map((s) => s.serviceId).sort(),
    nodeGroup: r.nodeGroupId,
  };
}

export const listServices = (tx: Tx = db) => tx.service.findMany({ orderBy: { createdAt: 'asc' } }).then((rs) => rs.map(serviceFromRow));
export const listNodes = (tx: Tx = db) => tx.node.findMany({ include: nodeInclude, orderBy: { createdAt: 'asc' } }).then((rs) => rs.map(nodeFromRow));
export const listNodeGroups = (tx: Tx = db) => tx.nodeGroup.findMany({ include: groupInclude, orderBy: { createdAt: 'asc' } }).then((rs) => rs.map(groupFromRow));
export const listVirtualNodes = (tx: Tx = db) => tx.virtualNode.findMany({ include: vnInclude, orderBy: { createdAt: 'asc' } }).then((rs) => rs.map(virtualNodeFromRow));

export async function getMasterPriority(tx: Tx = db): Promise<ClusterModel['masterPriority']> {
  const [rows, preempt, failover] = await Promise.all([
    tx.masterCandidate.findMany({ orderBy: { position: 'asc' } }),
    tx.setting.findUnique({ where: { key: 'master.preempt' } }),
    tx.setting.findUnique({ where: { key: 'master.failover' } }),
  ]);
  return {
    nodes: rows.map((r) => r.nodeId),
    preempt: preempt ? preempt.value === 'true' : true,
    failover: failover ? failoverSchema.parse(JSON.parse(failover.value)) : null,
  };
}

export const listWeights = (tx: Tx = db) =>
  tx.weight.findMany({ orderBy: [{ nodeId: 'asc' }, { serviceId: 'asc' }] }).then((rs) => rs.map((w) => ({ node: w.nodeId, service: w.serviceId, weight: w.weight })));

export const listCheckOverrides = (tx: Tx = db): Promise<ClusterModel['checkOverrides']> =>
  tx.checkOverride.findMany({ orderBy: [{ nodeId: 'asc' }, { serviceId: 'asc' }] }).then((rs) => rs.map((o) => ({
    node: o.nodeId,
    service: o.serviceId,
    healthCheck: o.healthCheck === null ? null : checkOverrideCheckSchema.parse(JSON.parse(o.healthCheck)),
  })));

/** The whole model, consistent within the given transaction. */
export async function loadModel(tx: Tx = db): Promise<ClusterModel> {
  const [services, nodes, nodeGroups, virtualNodes, masterPriority, weights, checkOverrides] = await Promise.all([
    listServices(tx), listNodes(tx), listNodeGroups(tx), listVirtualNodes(tx), getMasterPriority(tx), listWeights(tx), listCheckOverrides(tx),
  ]);
  return {
    services,
    nodes: nodes.map(({ credential: _c, ...n }) => n),
    nodeGroups,
    virtualNodes,
    masterPriority,
    weights,
    checkOverrides,
  };
}
