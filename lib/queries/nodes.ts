import type { NodeInput } from '../cluster/schemas';
import { deleteBlockers } from '../cluster/invariants';
import { conflict, invalid, notFound } from '../errors';
import { sealSecret } from '../secrets';
import type { Tx } from '../db';
import { changeModel, checkReferences, checkUniqueName, type Actor } from './write';
import { nodeFromRow } from './model';

function credentialData(input: NodeInput): { credentialKind: string; credentialSealed: string } | null {
  if (input.ssh.privateKey !== undefined) return { credentialKind: 'key', credentialSealed: sealSecret(input.ssh.privateKey) };
  if (input.ssh.password !== undefined) return { credentialKind: 'password', credentialSealed: sealSecret(input.ssh.password) };
  return null;
}

function nodeData(input: NodeInput) {
  return {
    name: input.name,
    address: input.address,
    sshHost: input.ssh.host,
    sshPort: input.ssh.port,
    sshUser: input.ssh.user,
    hostKeyFingerprint: input.ssh.hostKeyFingerprint,
    vipInterface: input.vipInterface,
    notes: input.notes,
  };
}

const readNode = async (tx: Tx, id: string) => nodeFromRow(await tx.node.findUniqueOrThrow({ where: { id }, include: { services: true } }));

export const createNode = (actor: Actor, input: NodeInput) =>
  changeModel(actor, async (tx, model) => {
    checkUniqueName(model.nodes, input.name, null, 'node');
    checkReferences(model, { services: input.services });
    const credential = credentialData(input);
    if (!credential) throw invalid({ 'ssh.privateKey': 'give a private key or a password' });
    const row = await tx.node.create({
      data: { ...nodeData(input), ...credential, services: { create: input.services.map((serviceId) => ({ serviceId })) } },
    });
    const after = await readNode(tx, row.id);
    return { result: after, audit: { action: 'create', entity: 'node', entityId: row.id, after } };
  });

/** Credentials left out keep the stored one. Services the node stops running lose their weights. */
export const updateNode = (actor: Actor, id: string, input: NodeInput) =>
  changeModel(actor, async (tx, model) => {
    if (!model.nodes.some((n) => n.id === id)) throw notFound('node');
    checkUniqueName(model.nodes, input.name, id, 'node');
    checkReferences(model, { services: input.services });
    const before = await readNode(tx, id);
    await tx.nodeService.deleteMany({ where: { nodeId: id } });
    await tx.weight.deleteMany({ where: { nodeId: id, serviceId: { notIn: input.services } } });
    await tx.node.update({
      where: { id },
      data: { ...nodeData(input), ...(credentialData(input) ?? {}), services: { create: input.services.map((serviceId) => ({ serviceId })) } },
    });
    const after = await readNode(tx, id);
    return { result: after, audit: { action: 'update', entity: 'node', entityId: id, before, after } };
  });

export const deleteNode = (actor: Actor, id: string) =>
  changeModel(actor, async (tx, model) => {
    if (!model.nodes.some((n) => n.id === id)) throw notFound('node');
    const blockers = deleteBlockers(model, 'node', id);
    if (blockers.length) throw conflict(`cannot delete: ${blockers.join('; ')}`);
    const before = await readNode(tx, id);
    await tx.node.delete({ where: { id } });
    return { result: null, audit: { action: 'delete', entity: 'node', entityId: id, before } };
  });

/** Pin (or re-pin) a node's host key after the admin confirmed the fingerprint. */
export const pinHostKey = (actor: Actor, id: string, fingerprint: string) =>
  changeModel(actor, async (tx, model) => {
    const before = model.nodes.find((n) => n.id === id);
    if (!before) throw notFound('node');
    await tx.node.update({ where: { id }, data: { hostKeyFingerprint: fingerprint } });
    const after = await readNode(tx, id);
    return { result: after, audit: { action: 'pin-host-key', entity: 'node', entityId: id, before: before.ssh, after: after.ssh } };
  });
