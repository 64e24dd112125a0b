import type { Service } from '../cluster/schemas';
import { deleteBlockers } from '../cluster/invariants';
import { conflict, notFound } from '../errors';
import { changeModel, checkUniqueName, type Actor } from './write';
import { serviceFromRow } from './model';

/** A service as its row's columns; restore (backup.ts) writes rows the same way. */
export function serviceData(s: Service) {
  return {
    name: s.name,
    protocol: s.protocol,
    port: s.port,
    fwmark: s.fwmark,
    scheduler: s.scheduler,
    schedulerFlags: JSON.stringify(s.schedulerFlags),
    persistenceTimeout: s.persistence?.timeout ?? null,
    persistenceNetmask: s.persistence?.netmask ?? null,
    forwarding: s.forwarding,
    tunnelType: s.tunnelType,
    upperThreshold: s.upperThreshold,
    lowerThreshold: s.lowerThreshold,
    description: s.description,
    healthCheck: s.healthCheck === null ? null : JSON.stringify(s.healthCheck),
    sorryServer: s.sorryServer === null ? null : JSON.stringify(s.sorryServer),
  };
}

export const createService = (actor: Actor, input: Service) =>
  changeModel(actor, async (tx, model) => {
    checkUniqueName(model.services, input.name, null, 'service');
    const row = await tx.service.create({ data: serviceData(input) });
    const after = serviceFromRow(row);
    return { result: after, audit: { action: 'create', entity: 'service', entityId: row.id, after } };
  });

export const updateService = (actor: Actor, id: string, input: Service) =>
  changeModel(actor, async (tx, model) => {
    const before = model.services.find((s) => s.id === id);
    if (!before) throw notFound('service');
    checkUniqueName(model.services, input.name, id, 'service');
    const after = serviceFromRow(await tx.service.update({ where: { id }, data: serviceData(input) }));
    return { result: after, audit: { action: 'update', entity: 'service', entityId: id, before, after } };
  });

export const deleteService = (actor: Actor, id: string) =>
  changeModel(actor, async (tx, model) => {
    const before = model.services.find((s) => s.id === id);
    if (!before) throw notFound('service');
    const blockers = deleteBlockers(model, 'service', id);
    if (blockers.length) throw conflict(`cannot delete: ${blockers.join('; ')}`);
    await tx.service.delete({ where: { id } });
    return { result: null, audit: { action: 'delete', entity: 'service', entityId: id, before } };
  });
