import type { NodeGroupInput } from '../cluster/schemas';
import { deleteBlockers } from '../cluster/invariants';
import { conflict, notFound } from '../errors';
import type { Tx } from '../db';
import { changeModel, checkReferences, checkUniqueName, type Actor } from './write';
import { groupFromRow } from './model';

const readGroup = async (tx: Tx, id: string) =>
  groupFromRow(await tx.nodeGroup.findUniqueOrThrow({ where: { id }, include: { members: { orderBy: { position: 'asc' } }, services: true } }));

const relations = (input: NodeGroupInput) => ({
  members: { create: input.nodes.map((nodeId, position) => ({ nodeId, position })) },
  services: { create: input.services.map((serviceId) => ({ serviceId })) },
});

export const createNodeGroup = (actor: Actor, input: NodeGroupInput) =>
  changeModel(actor, async (tx, model) => {
    checkUniqueName(model.nodeGroups, input.name, null, 'node group');
    checkReferences(model, { nodes: input.nodes, services: input.services });
    const row = await tx.nodeGroup.create({ data: { name: input.name, ...relations(input) } });
    const after = await readGroup(tx, row.id);
    return { result: after, audit: { action: 'create', entity: 'nodeGroup', entityId: row.id, after } };
  });

export const updateNodeGroup = (actor: Actor, id: string, input: NodeGroupInput) =>
  changeModel(actor, async (tx, model) => {
    const before = model.nodeGroups.find((g) => g.id === id);
    if (!before) throw notFound('node group');
    checkUniqueName(model.nodeGroups, input.name, id, 'node group');
    checkReferences(model, { nodes: input.nodes, services: input.services });
    await tx.nodeGroupMember.deleteMany({ where: { groupId: id } });
    await tx.nodeGroupService.deleteMany({ where: { groupId: id } });
    await tx.nodeGroup.update({ where: { id }, data: { name: input.name, ...relations(input) } });
    const after = await readGroup(tx, id);
    return { result: after, audit: { action: 'update', entity: 'nodeGroup', entityId: id, before, after } };
  });

export const deleteNodeGroup = (actor: Actor, id: string) =>
  changeModel(actor, async (tx, model) => {
    const before = model.nodeGroups.find((g) => g.id === id);
    if (!before) throw notFound('node group');
    const blockers = deleteBlockers(model, 'nodeGroup', id);
    if (blockers.length) throw conflict(`cannot delete: ${blockers.join('; ')}`);
    await tx.nodeGroup.delete({ where: { id } });
    return { result: null, audit: { action: 'delete', entity: 'nodeGroup', entityId: id, before } };
  });
