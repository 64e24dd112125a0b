/**
 * The four model collections behind /api/v1/<collection>[/{id}], each described once: its schema,
 * its reads and writes. PUT merges the body onto the current representation, then validates the
 * whole, so `{ssh: {hostKeyFingerprint}}` alone pins a host key.
 */
import type { z } from 'zod';
import { nodeGroupSchema, nodeSchema, serviceSchema, virtualNodeSchema } from '../cluster/schemas';
import type { Permission } from '../auth/permissions';
import type { Actor } from '../queries/write';
import { listNodeGroups, listNodes, listServices, listVirtualNodes } from '../queries/model';
import { createService, deleteService, updateService } from '../queries/services';
import { createNode, deleteNode, updateNode } from '../queries/nodes';
import { createNodeGroup, deleteNodeGroup, updateNodeGroup } from '../queries/node-groups';
import { createVirtualNode, deleteVirtualNode, updateVirtualNode } from '../queries/virtual-nodes';

export interface Collection<S extends z.ZodType = z.ZodType> {
  label: string;
  schema: S;
  writePermission: Permission;
  list(): Promise<Array<{ id: string }>>;
  create(actor: Actor, input: z.output<S>): Promise<unknown>;
  update(actor: Actor, id: string, input: z.output<S>): Promise<unknown>;
  remove(actor: Actor, id: string): Promise<unknown>;
  /** The stored representation turned back into input form (read-only fields dropped). */
  toInput(current: Record<string, unknown>): Record<string, unknown>;
}

const withoutId = ({ id: _id, ...rest }: Record<string, unknown>) => rest;

function define<S extends z.ZodType>(c: Collection<S>): Collection<S> {
  return c;
}

export const COLLECTIONS = {
  services: define({
    label: 'service', schema: serviceSchema, writePermission: 'edit-model',
    list: () => listServices(), create: createService, update: updateService, remove: deleteService, toInput: withoutId,
  }),
  nodes: define({
    label: 'node', schema: nodeSchema, writePermission: 'edit-model',
    list: () => listNodes(), create: createNode, update: updateNode, remove: deleteNode,
    toInput: (cur) => {
      const { id: _id, credential: _c, ...rest } = cur;
      return rest;
    },
  }),
  'node-groups': define({
    label: 'node group', schema: nodeGroupSchema, writePermission: 'edit-model',
    list: () => listNodeGroups(), create: createNodeGroup, update: updateNodeGroup, remove: deleteNodeGroup, toInput: withoutId,
  }),
  'virtual-nodes': define({
    label: 'virtual node', schema: virtualNodeSchema, writePermission: 'edit-model',
    list: () => listVirtualNodes(), create: createVirtualNode, update: updateVirtualNode, remove: deleteVirtualNode, toInput: withoutId,
  }),
} as const;

export type CollectionName = keyof typeof COLLECTIONS;

export function isCollection(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Body fields override current ones; nested objects merge one level deep (ssh, persistence). */
export function mergeForUpdate(current: Record<string, unknown>, body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const { id: _id, ...rest } = body;
  // Built as entries: assigning out['__proto__'] would set the prototype and lose the key, so the
  // schema could not refuse it as an unknown field.
  const out = new Map(Object.entries(current));
  for (const [k, v] of Object.entries(rest)) {
    const held = Object.hasOwn(current, k) ? current[k] : undefined;
    out.set(k, isPlainObject(v) && isPlainObject(held) ? { ...held, ...v } : v);
  }
  return Object.fromEntries(out);
}
