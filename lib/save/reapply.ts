/**
 * Re-apply the last saved state to one node (the drift remedy): plan from the node's live state to
 * what the newest successful version rendered for it, and apply that — not unsaved model edits.
 */
import { conflict, notFound } from '../errors';
import { db } from '../db';
import { planForNode } from '../ipvs/patches';
import type { Step } from '../ipvs/types';
import { loadEndpoints } from '../queries/endpoints';
import { lastAppliedDesired } from '../queries/versions';
import { appendAudit, type Actor } from '../queries/write';
import type { NodeError } from '../wire';
import { applySteps, nodeErrorOf, readLiveState } from './node-ops';

export async function reapplyNode(actor: Actor, nodeId: string): Promise<{ version: number; steps: string[]; error: NodeError | null }> {
  const saved = await lastAppliedDesired();
  if (!saved) throw conflict('nothing has been saved yet: use Save state first');
  const desired = saved.desired.get(nodeId);
  if (!desired) throw notFound('node in the last saved state');
  const endpoint = (await loadEndpoints()).get(nodeId);
  if (!endpoint) throw notFound('node');
  let steps: Step[] = [];
  let error: NodeError | null;
  try {
    const live = await readLiveState(nodeId, endpoint, Object.keys(desired.sysctls));
    steps = planForNode(desired, live);
    error = await applySteps(nodeId, endpoint, steps);
  } catch (e) {
    error = nodeErrorOf(e);
  }
  await db.$transaction((tx) =>
    appendAudit(tx, actor, { action: error ? 'reapply-failed' : 'reapply', entity: 'node', entityId: nodeId, after: { version: saved.version, steps: steps.map((s) => s.summary), error: error?.code } }),
  );
  return { version: saved.version, steps: steps.map((s) => s.summary), error };
}
