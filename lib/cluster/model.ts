/**
 * The whole cluster model as one value: what the renderer reads, what export writes and import
 * reads back, and what invariants are checked on. Secrets are not part of it.
 */
import type { CheckOverrideCheck, HealthCheck, SorryServer } from './health-schema';
import type { Forwarding, Protocol, Scheduler, SchedulerFlag, TunnelType } from './primitives';

export interface ServiceModel {
  id: string;
  name: string;
  protocol: Protocol;
  port: number | null; // null only for fwmark services without a real-server port
  fwmark: number | null;
  scheduler: Scheduler;
  schedulerFlags: SchedulerFlag[];
  persistence: { timeout: number; netmask: string | null } | null;
  forwarding: Forwarding;
  tunnelType: TunnelType | null; // set iff forwarding === 'tun'
  upperThreshold: number; // 0 = no limit
  lowerThreshold: number;
  description: string;
  healthCheck: HealthCheck | null; // checked by keepalived on the directors
  sorryServer: SorryServer | null; // answers when every real server is down
}

export interface NodeModel {
  id: string;
  name: string;
  address: string; // cluster address: what real-server traffic uses
  ssh: { host: string; port: number; user: string; hostKeyFingerprint: string | null };
  vipInterface: string;
  services: string[]; // service ids this node runs
  notes: string;
}

export interface NodeGroupModel {
  id: string;
  name: string;
  nodes: string[];
  services: string[];
}

export interface VirtualNodeModel {
  id: string;
  name: string;
  vip: string;
  netmask: string; // dotted
  interface: string | null; // director interface for the VIP; null = the director node's vipInterface
  services: string[];
  nodeGroup: string;
}

export interface WeightModel {
  node: string;
  service: string;
  weight: number;
}

/**
 * One node's own check for one service: other settings (a different path, port or interval) or
 * null, not checked on this node (keepalived keeps it in). What a failure does stays the service's.
 */
export interface CheckOverrideModel {
  node: string;
  service: string;
  healthCheck: CheckOverrideCheck | null;
}

/**
 * VRRP failover among the master-priority candidates, in keepalived: the first candidate has the
 * highest priority; virtual node i uses virtual router id virtualRouterId + i.
 */
export interface FailoverModel {
  advertIntervalMs: number;
  virtualRouterId: number;
  syncConnections: boolean; // the IPVS connection sync daemon, so established connections survive
  syncInterface: string | null; // null: the first candidate's VIP interface
}

export interface ClusterModel {
  services: ServiceModel[];
  nodes: NodeModel[];
  nodeGroups: NodeGroupModel[];
  virtualNodes: VirtualNodeModel[];
  /** failover null: the console picks the director at each save (no VRRP). */
  masterPriority: { nodes: string[]; preempt: boolean; failover: FailoverModel | null };
  weights: WeightModel[]; // absent (node, service) pairs weigh DEFAULT_WEIGHT
  checkOverrides: CheckOverrideModel[]; // absent pairs use the service's check
}

export const DEFAULT_WEIGHT = 1;

export function weightOf(model: ClusterModel, node: string, service: string): number {
  return model.weights.find((w) => w.node === node && w.service === service)?.weight ?? DEFAULT_WEIGHT;
}

/** The check keepalived runs on this node for this service: the override's, else the service's. */
export function effectiveCheck(model: ClusterModel, node: string, service: string): HealthCheck | null {
  const svc = model.services.find((s) => s.id === service);
  if (!svc?.healthCheck) return null;
  const o = model.checkOverrides.find((c) => c.node === node && c.service === service);
  if (!o) return svc.healthCheck;
  return o.healthCheck === null ? null : { ...o.healthCheck, onFailure: svc.healthCheck.onFailure };
}
