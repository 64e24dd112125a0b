/**
 * One click: Active, Drain or Maintenance for a node or a node × service. The row is written, save
 * state renders it (weight 0 on every director, no connection reset) and the outcome is answered
 * with the save's per-node results. Only on a model without other unsaved changes, so the click
 * applies itself and nothing an admin is still editing. A save that reached no node puts the rows
 * back: nothing is left half-applied.
 */
import type { ClusterModel } from '../cluster/model';
import { conflict, invalid, notFound } from '../errors';
import { recordConsoleEvent } from '../events/store';
import { loadModel } from '../queries/model';
import { modelDiffersFromApplied } from '../queries/save-status';
import { newestAppliedModelJson, versionStatusOf } from '../queries/versions';
import type { Actor } from '../queries/write';
import { saveState, UNSAVED_MESSAGE } from '../save/save-state';
import type { SaveAnswer } from '../wire';
import { restoreAdminStates, writeAdminState } from './store';
import { DEFAULT_DRAIN_DEADLINE_S, type AdminStatePut } from './types';

export interface AdminStateAnswer {
  node: string;
  service: string | null;
  state: AdminStatePut['state'];
  deadlineAt: string | null;
  save: SaveAnswer;
}

/** Pure: the request against the model; the field that is wrong, named. */
export function checkAdminStateTarget(model: ClusterModel, nodeId: string, body: AdminStatePut): void {
  const node = model.nodes.find((n) => n.id === nodeId);
  if (!node) throw notFound('node');
  if (body.service !== undefined && !node.services.includes(body.service)) throw invalid({ service: 'is not a service of this node' });
  if (body.state !== 'drain' && body.deadlineSeconds !== undefined) throw invalid({ deadlineSeconds: 'is only for drain' });
}

export async function setAdminState(actor: Actor, nodeId: string, body: AdminStatePut, now = new Date()): Promise<AdminStateAnswer> {
  const model = await loadModel();
  checkAdminStateTarget(model, nodeId, body);
  // Checked here to refuse before writing, and again inside the save's queue, where no edit can slip in.
  if (modelDiffersFromApplied(model, await newestAppliedModelJson())) throw conflict(UNSAVED_MESSAGE);
  const service = body.service ?? null;
  const deadlineAt = body.state === 'drain' ? new Date(now.getTime() + (body.deadlineSeconds ?? DEFAULT_DRAIN_DEADLINE_S) * 1000) : null;
  const before = await writeAdminState(actor, { node: nodeId, service, state: body.state, deadlineAt });
  let save: SaveAnswer;
  try {
    save = await saveState(actor, { dryRun: false, onlyIfSaved: true });
  } catch (e) {
    await restoreAdminStates(nodeId, before);
    throw e;
  }
  if (versionStatusOf(save.nodes) === 'failed') await restoreAdminStates(nodeId, before);
  else if (body.state === 'drain') {
    await recordConsoleEvent({ kind: 'drain-started', node: nodeId, realServer: nodeId, ...(service ? { service } : {}), detail: { deadlineAt: deadlineAt!.toISOString(), actor: actor.username } });
  }
  return { node: nodeId, service, state: body.state, deadlineAt: deadlineAt?.toISOString() ?? null, save };
}
