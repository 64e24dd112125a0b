/** Weights, check overrides and master priority: model-wide settings rather than entities. */
import type { CheckOverrideEntry, MasterPriority, WeightEntry } from '../cluster/schemas';
import { invalid } from '../errors';
import type { Tx } from '../db';
import type { ClusterModel } from '../cluster/model';
import { changeModel, checkReferences, type Actor } from './write';
import { getMasterPriority, listCheckOverrides, listWeights } from './model';

/** A list of (node, service) entries: each names a known node and service, and no pair twice (400, naming the entry). */
function checkPairs(model: ClusterModel, entries: { node: string; service: string }[]): void {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!model.nodes.some((n) => n.id === e.node)) errors[`${i}.node`] = `no node has id ${e.node}`;
    if (!model.services.some((s) => s.id === e.service)) errors[`${i}.service`] = `no service has id ${e.service}`;
    const key = `${e.node}/${e.service}`;
    if (seen.has(key)) errors[`${i}`] = 'sets the same node and service twice';
    seen.add(key);
  });
  if (Object.keys(errors).length) throw invalid(errors);
}

/** The CheckOverride row of an entry (the probe as JSON, null = not checked on that node). */
export const checkOverrideRow = (o: CheckOverrideEntry) =>
  ({ nodeId: o.node, serviceId: o.service, healthCheck: o.healthCheck === null ? null : JSON.stringify(o.healthCheck) });

/** Upserts the listed (node, service) weights; pairs not listed keep theirs. */
export const setWeights = (actor: Actor, entries: WeightEntry[]) =>
  changeModel(actor, async (tx, model) => {
    checkPairs(model, entries);
    const before = model.weights;
    for (const e of entries) {
      await tx.weight.upsert({
        where: { nodeId_serviceId: { nodeId: e.node, serviceId: e.service } },
        create: { nodeId: e.node, serviceId: e.service, weight: e.weight },
        update: { weight: e.weight },
      });
    }
    const after = await listWeights(tx);
    return { result: after, audit: { action: 'update', entity: 'weights', before, after: entries } };
  });

/**
 * Replaces every per-node check override. References are checked here (400, naming the entry);
 * whether the node runs the service and the check suits it, by the model invariants (409).
 */
export const setCheckOverrides = (actor: Actor, entries: CheckOverrideEntry[]) =>
  changeModel(actor, async (tx, model) => {
    checkPairs(model, entries);
    const before = model.checkOverrides;
    await tx.checkOverride.deleteMany({});
    for (const e of entries) {
      await tx.checkOverride.create({ data: checkOverrideRow(e) });
    }
    const after = await listCheckOverrides(tx);
    return { result: after, audit: { action: 'update', entity: 'checkOverrides', before, after } };
  });

export const setMasterPriority = (actor: Actor, input: MasterPriority) =>
  changeModel(actor, async (tx, model) => {
    checkReferences(model, { nodes: input.nodes });
    const before = model.masterPriority;
    await tx.masterCandidate.deleteMany({});
    for (const [position, nodeId] of input.nodes.entries()) await tx.masterCandidate.create({ data: { nodeId, position } });
    await writeMasterSettings(tx, input);
    const after = await getMasterPriority(tx);
    return { result: after, audit: { action: 'update', entity: 'masterPriority', before, after } };
  });

/** preempt and failover live in Setting rows; failover null removes its row. */
export async function writeMasterSettings(tx: Tx, m: Pick<MasterPriority, 'preempt' | 'failover'>): Promise<void> {
  await tx.setting.upsert({ where: { key: 'master.preempt' }, create: { key: 'master.preempt', value: String(m.preempt) }, update: { value: String(m.preempt) } });
  if (m.failover) {
    const value = JSON.stringify(m.failover);
    await tx.setting.upsert({ where: { key: 'master.failover' }, create: { key: 'master.failover', value }, update: { value } });
  } else {
    await tx.setting.deleteMany({ where: { key: 'master.failover' } });
  }
}
