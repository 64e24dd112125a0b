/**
 * The shapes of a saved version's stored JSON (model snapshot, rendered state, plan, results).
 * Structural on purpose: a snapshot was validated when it was saved, and tightening an input rule
 * later must not make old history unreadable. Each schema is typed against the type it stores, so
 * the two cannot drift apart.
 */
import { z } from 'zod';
import type { ClusterModel } from '../cluster/model';
import { HEALTH_CHECK_TYPES, ON_FAILURE } from '../cluster/health-schema';
import { FORWARDING, PROTOCOLS, SCHEDULERS, SCHEDULER_FLAGS, TUNNEL_TYPES } from '../cluster/primitives';
import type { NodeDesiredState, Step } from '../ipvs/types';
import { RECOVERY_OUTCOMES, SSH_ERROR_CODES, VERSION_KINDS, VERSION_STATUSES, type NodeResult } from '../wire';

const str = z.string();
const strs = z.array(z.string());
const num = z.number();
const probe = {
  type: z.enum(HEALTH_CHECK_TYPES), port: num.nullable(), path: str, expectStatus: num, expectText: str.nullable(),
  intervalMs: num, timeoutMs: num, fall: num, rise: z.literal(1),
};
const healthCheck = z.object({ ...probe, onFailure: z.enum(ON_FAILURE) });
const persistence = z.object({ timeout: num, netmask: str.nullable() }).nullable();

export const storedModelSchema: z.ZodType<ClusterModel> = z.object({
  services: z.array(z.object({
    id: str, name: str, protocol: z.enum(PROTOCOLS), port: num.nullable(), fwmark: num.nullable(),
    scheduler: z.enum(SCHEDULERS), schedulerFlags: z.array(z.enum(SCHEDULER_FLAGS)), persistence,
    forwarding: z.enum(FORWARDING), tunnelType: z.enum(TUNNEL_TYPES).nullable(),
    upperThreshold: num, lowerThreshold: num, description: str,
    // Snapshots saved before health checks existed have neither field.
    healthCheck: healthCheck.nullable().default(null),
    sorryServer: z.object({ address: str, port: num }).nullable().default(null),
  })),
  nodes: z.array(z.object({
    id: str, name: str, address: str,
    ssh: z.object({ host: str, port: num, user: str, hostKeyFingerprint: str.nullable() }),
    vipInterface: str, services: strs, notes: str,
  })),
  nodeGroups: z.array(z.object({ id: str, name: str, nodes: strs, services: strs })),
  virtualNodes: z.array(z.object({ id: str, name: str, vip: str, netmask: str, interface: str.nullable(), services: strs, nodeGroup: str })),
  masterPriority: z.object({
    nodes: strs, preempt: z.boolean(),
    // Snapshots saved before failover existed have none.
    failover: z.object({ advertIntervalMs: num, virtualRouterId: num, syncConnections: z.boolean(), syncInterface: str.nullable() }).nullable().default(null),
  }),
  weights: z.array(z.object({ node: str, service: str, weight: num })),
  // Snapshots saved before per-node checks existed have none.
  checkOverrides: z.array(z.object({ node: str, service: str, healthCheck: z.object(probe).nullable() })).default([]),
});

const STEP_KINDS = ['module', 'sysctl', 'address', 'ipvs-service', 'ipvs-real-server', 'file', 'route', 'check'] as const;
const STEP_OPS = ['add', 'edit', 'delete', 'set', 'check'] as const;
const ROLES = ['director', 'backup', 'real-server'] as const;

const realServer = z.object({
  address: str, port: num, forward: z.enum(FORWARDING), tunnelType: z.enum(TUNNEL_TYPES).nullable(),
  weight: num, upperThreshold: num, lowerThreshold: num,
});
const virtualService = z.object({
  protocol: z.enum(PROTOCOLS), vip: str.nullable(), port: num.nullable(), fwmark: num.nullable(),
  scheduler: z.enum(SCHEDULERS), flags: z.array(z.enum(SCHEDULER_FLAGS)), persistence, realServers: z.array(realServer),
  health: z.object({
    onFailure: z.enum(ON_FAILURE), sorryServer: z.object({ address: str, port: num }).nullable(),
    unchecked: strs.optional(), // real-server keys whose node overrides the check to none
  }).optional(),
});

export const storedRenderedSchema: z.ZodType<NodeDesiredState[]> = z.array(z.object({
  nodeId: str,
  nodeName: str,
  roles: z.array(z.enum(ROLES)),
  ipvs: z.array(virtualService),
  addresses: z.array(z.object({ address: str, prefix: num, dev: str, label: str.nullable() })),
  sysctls: z.record(z.string(), z.string()),
  modules: strs,
  checks: z.array(z.object({ kind: z.literal('nat-gateway'), expectedGateway: str, fix: z.boolean() })),
  bootFiles: z.array(z.object({ path: str, content: str, mode: num })),
  engine: z.literal('keepalived').optional(),
}));

const step = z.object({ kind: z.enum(STEP_KINDS), op: z.enum(STEP_OPS), summary: str, argv: strs, undo: strs.nullable(), stdin: str.optional() });
export const storedPlanSchema: z.ZodType<Record<string, Step[]>> = z.record(z.string(), z.array(step));

const nodeError = z.object({
  code: z.enum([...SSH_ERROR_CODES, 'bad-output', 'parse-failed', 'pending', 'missing-dependency']),
  message: str,
  step: num.optional(),
  summary: str.optional(),
  command: str.optional(),
  stderr: str.optional(),
  fingerprint: str.optional(),
  pinnedFingerprint: str.optional(),
  rolledBack: z.boolean().optional(),
});

const nodeResult: z.ZodType<NodeResult> = z.object({
  node: str,
  name: str,
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['applied', 'unchanged', 'failed', 'planned', 'applying']),
  steps: z.array(z.object({ kind: z.enum(STEP_KINDS), op: z.enum(STEP_OPS), summary: str })),
  error: nodeError.optional(),
  recovered: z.enum(RECOVERY_OUTCOMES).optional(),
});

export const storedResultsSchema = z.object({ activeDirector: str.nullable(), nodes: z.array(nodeResult) });
export type StoredResults = z.output<typeof storedResultsSchema>;

export const versionStatusSchema = z.enum(VERSION_STATUSES);
export const versionKindSchema = z.enum(VERSION_KINDS);
