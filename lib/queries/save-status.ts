/**
 * Whether the model in the database differs from what was last applied to the cluster. Compared as
 * canonical JSON (sorted keys) so that key order in a stored snapshot does not count as a change.
 */
import type { ClusterModel } from '../cluster/model';
import { canonicalJson } from '../cluster/canonical';
import { loadModel } from './model';
import { newestAppliedModelJson } from './versions';
import { storedModelSchema } from './version-schemas';

export { canonicalJson };

export function isEmptyModel(m: ClusterModel): boolean {
  return !m.services.length && !m.nodes.length && !m.nodeGroups.length && !m.virtualNodes.length && !m.masterPriority.nodes.length && !m.weights.length && !m.checkOverrides.length;
}

/**
 * Pure part: `applied` is the model JSON of the newest applied/partial save, or null if none. The
 * snapshot is read through the stored-model schema, defaults included, so a field added to the model
 * after that save (and at its default) does not count as a change.
 */
export function modelDiffersFromApplied(model: ClusterModel, applied: string | null): boolean {
  if (applied === null) return !isEmptyModel(model);
  try {
    const snapshot = storedModelSchema.safeParse(JSON.parse(applied));
    return !snapshot.success || canonicalJson(model) !== canonicalJson(snapshot.data);
  } catch {
    return true; // an unreadable snapshot cannot vouch for the current model
  }
}

export async function hasUnsavedChanges(): Promise<boolean> {
  const [model, applied] = await Promise.all([loadModel(), newestAppliedModelJson()]);
  return modelDiffersFromApplied(model, applied);
}
