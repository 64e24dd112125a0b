/** Export and import of the whole model. Import replaces everything in one transaction or nothing. */
import { DOCUMENT_FORMAT, type ModelDocument } from '../cluster/document';
import { modelConflicts, unknownReferences } from '../cluster/invariants';
import type { ClusterModel } from '../cluster/model';
import { conflict, invalid } from '../errors';
import { db } from '../db';
import { openSecret, sealSecret } from '../secrets';
import { loadModel } from './model';
import { serviceData } from './services';
import { checkOverrideRow, writeMasterSettings } from './cluster-settings';
import { appendAudit, type Actor } from './write';

export async function exportModel() {
  const model = await loadModel();
  const sealed = await db.node.findMany({ select: { id: true, credentialKind: true, credentialSealed: true } });
  const cred = new Map(sealed.map((n) => [n.id, { kind: n.credentialKind, sealed: n.credentialSealed }]));
  return {
    format: DOCUMENT_FORMAT,
    version: 1 as const,
    exportedAt: new Date().toISOString(),
    ...model,
    nodes: model.nodes.map((n) => ({ ...n, credential: cred.get(n.id) })),
  };
}

function documentModel(doc: ModelDocument): ClusterModel {
  return {
    services: doc.services,
    nodes: doc.nodes.map(({ credential: _c, ssh: { privateKey: _k, password: _p, ...ssh }, ...n }) => ({ ...n, ssh })),
    nodeGroups: doc.nodeGroups,
    virtualNodes: doc.virtualNodes,
    masterPriority: doc.masterPriority,
    weights: doc.weights,
    checkOverrides: doc.checkOverrides,
  };
}

/** Field errors (paths into the document) for references, ids, and sealed secrets this console can't open. */
function documentErrors(doc: ModelDocument, model: ClusterModel): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (prefix: string, e: Record<string, string>) => Object.entries(e).forEach(([k, v]) => (errors[`${prefix}.${k}`] ??= v));
  for (const kind of ['services', 'nodes', 'nodeGroups', 'virtualNodes'] as const) {
    const seen = new Set<string>();
    doc[kind].forEach((e, i) => {
      if (seen.has(e.id)) errors[`${kind}.${i}.id`] = 'is used twice';
      seen.add(e.id);
    });
  }
  model.nodes.forEach((n, i) => put(`nodes.${i}`, unknownReferences(model, { services: n.services })));
  model.nodeGroups.forEach((g, i) => put(`nodeGroups.${i}`, unknownReferences(model, { nodes: g.nodes, services: g.services })));
  model.virtualNodes.forEach((v, i) => put(`virtualNodes.${i}`, unknownReferences(model, { services: v.services, nodeGroup: v.nodeGroup })));
  put('masterPriority', unknownReferences(model, { nodes: model.masterPriority.nodes }));
  model.weights.forEach((w, i) => put(`weights.${i}`, unknownReferences(model, { nodes: [w.node], services: [w.service] })));
  const pairs = new Set<string>();
  model.checkOverrides.forEach((o, i) => {
    put(`checkOverrides.${i}`, unknownReferences(model, { nodes: [o.node], services: [o.service] }));
    if (pairs.has(`${o.node}/${o.service}`)) errors[`checkOverrides.${i}`] ??= 'sets the same node and service twice';
    pairs.add(`${o.node}/${o.service}`);
  });
  doc.nodes.forEach((n, i) => {
    if (!n.credential) return;
    try {
      openSecret(n.credential.sealed);
    } catch {
      errors[`nodes.${i}.credential`] = "cannot be opened with this console's key (exported from another console?)";
    }
  });
  return errors;
}

export async function importModel(actor: Actor, doc: ModelDocument): Promise<ClusterModel> {
  const model = documentModel(doc);
  const errors = documentErrors(doc, model);
  if (Object.keys(errors).length) throw invalid(errors, 'the document refers to things it does not contain');
  const conflicts = modelConflicts(model);
  if (conflicts.length) throw conflict(conflicts.join('; '));
  return db.$transaction(async (tx) => {
    const before = await loadModel(tx);
    await tx.virtualNode.deleteMany({});
    await tx.nodeGroup.deleteMany({});
    await tx.masterCandidate.deleteMany({});
    await tx.node.deleteMany({});
    await tx.service.deleteMany({});
    for (const s of doc.services) {
      const { id, ...service } = s;
      await tx.service.create({ data: { id, ...serviceData(service) } });
    }
    for (const n of doc.nodes) {
      const credential = n.credential ?? (n.ssh.privateKey !== undefined ? { kind: 'key', sealed: sealSecret(n.ssh.privateKey) } : { kind: 'password', sealed: sealSecret(n.ssh.password!) });
      await tx.node.create({
        data: {
          id: n.id, name: n.name, address: n.address, sshHost: n.ssh.host, sshPort: n.ssh.port, sshUser: n.ssh.user,
          hostKeyFingerprint: n.ssh.hostKeyFingerprint, vipInterface: n.vipInterface, notes: n.notes,
          credentialKind: credential.kind, credentialSealed: credential.sealed,
          services: { create: n.services.map((serviceId) => ({ serviceId })) },
        },
      });
    }
    for (const g of doc.nodeGroups) {
      await tx.nodeGroup.create({ data: { id: g.id, name: g.name, members: { create: g.nodes.map((nodeId, position) => ({ nodeId, position })) }, services: { create: g.services.map((serviceId) => ({ serviceId })) } } });
    }
    for (const v of doc.virtualNodes) {
      await tx.virtualNode.create({ data: { id: v.id, name: v.name, vip: v.vip, netmask: v.netmask, interface: v.interface, nodeGroupId: v.nodeGroup, services: { create: v.services.map((serviceId) => ({ serviceId })) } } });
    }
    for (const [position, nodeId] of doc.masterPriority.nodes.entries()) await tx.masterCandidate.create({ data: { nodeId, position } });
    await writeMasterSettings(tx, doc.masterPriority);
    for (const w of doc.weights) await tx.weight.create({ data: { nodeId: w.node, serviceId: w.service, weight: w.weight } });
    for (const o of doc.checkOverrides) {
      await tx.checkOverride.create({ data: checkOverrideRow(o) });
    }
    const after = await loadModel(tx);
    await appendAudit(tx, actor, { action: 'import', entity: 'model', before: { counts: counts(before) }, after: { counts: counts(after) } });
    return after;
  });
}

const counts = (m: ClusterModel) => ({ services: m.services.length, nodes: m.nodes.length, nodeGroups: m.nodeGroups.length, virtualNodes: m.virtualNodes.length, weights: m.weights.length, checkOverrides: m.checkOverrides.length });
