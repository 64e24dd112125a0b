/**
 * Which real server and service a doctor request means. Callers name the real server by node id or
 * name, and the service by id, name or the IPVS key the live view and the node's events speak
 * (`tcp/10.10.0.100:80` or `tcp 10.10.0.100:80`). Pure: resolved against a model.
 */
import { z } from 'zod';
import type { ClusterModel } from '../cluster/model';
import { notFound } from '../errors';
import { resolveEventRefs } from '../events/resolve';

const ref = (what: string) => z.string({ error: `must name a ${what}` }).trim().min(1, `must name a ${what}`).max(80).refine((v) => !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(v), `must be a ${what} id, name or key without control or format characters`);

export const DoctorRequest = z.strictObject({ node: ref('node'), service: ref('service') });
export type DoctorRequest = z.output<typeof DoctorRequest>;

export interface DoctorTarget {
  nodeId: string;
  serviceId: string;
}

function serviceByKey(model: ClusterModel, key: string, nodeId: string): string | null {
  const address = model.nodes.find((n) => n.id === nodeId)?.address;
  const eventKey = key.includes('/') ? key : key.replace(' ', '/');
  return resolveEventRefs(model, { service: eventKey, rs: address ? `${address}:0` : '' }).serviceId;
}

export function resolveDoctorTarget(model: ClusterModel, req: DoctorRequest): DoctorTarget {
  const node = model.nodes.find((n) => n.id === req.node) ?? model.nodes.find((n) => n.name === req.node);
  if (!node) throw notFound('node');
  const byIdOrName = model.services.find((s) => s.id === req.service) ?? model.services.find((s) => s.name === req.service);
  const serviceId = byIdOrName?.id ?? serviceByKey(model, req.service, node.id);
  if (!serviceId) throw notFound('service');
  return { nodeId: node.id, serviceId };
}
