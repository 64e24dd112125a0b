import type { VirtualNodeInput } from '../cluster/schemas';
import { notFound } from '../errors';
import type { Tx } from '../db';
import { changeModel, checkReferences, checkUniqueName, type Actor } from './write';
import { virtualNodeFromRow } from './model';

const readVirtualNode = async (tx: Tx, id: string) =>
  virtualNodeFromRow(await tx.virtualNode.findUniqueOrThrow({ where: { id }, include: { services: true } }));

const data = (input: VirtualNodeInput) => ({
  name: input.name,
  vip: input.vip,
  netmask: input.netmask,
  interface: input.interface,
  nodeGroupId: input.nodeGroup,
  services: { create: input.services.map((serviceId) => ({ serviceId })) },
});

export const createVirtualNode = (actor: Actor, input: VirtualNodeInput) =>
  changeModel(actor, async (tx, model) => {
    checkUniqueName(model.virtualNodes, input.name, null, 'virtual node');
    checkReferences(model, { services: input.services, nodeGroup: input.nodeGroup });
    const row = await tx.virtualNode.create({ data: data(input) });
    const after = await readVirtualNode(tx, row.id);
    return { result: after, audit: { action: 'create', entity: 'virtualNode', entityId: row.id, after } };
  });

export const updateVirtualNode = (actor: Actor, id: string, input: VirtualNodeInput) =>
  changeModel(actor, async (tx, model) => {
    const before = model.virtualNodes.find((v) => v.id === id);
    if (!before) throw notFound('virtual node');
    checkUniqueName(model.virtualNodes, input.name, id, 'virtual node');
    checkReferences(model, { services: input.services, nodeGroup: input.nodeGroup });
    await tx.virtualNodeService.deleteMany({ where: { virtualNodeId: id } });
    await tx.virtualNode.update({ where: { id }, data: data(input) });
    const after = await readVirtualNode(tx, id);
    return { result: after, audit: { action: 'update', entity: 'virtualNode', entityId: id, before, after } };
  });

export const deleteVirtualNode = (actor: Actor, id: string) =>
  changeModel(actor, async (tx, model) => {
    const before = model.virtualNodes.find((v) => v.id === id);
    if (!before) throw notFound('virtual node');
    await tx.virtualNode.delete({ where: { id } });
    return { result: null, audit: { action: 'delete', entity: 'virtualNode', entityId: id, before } };
  });
