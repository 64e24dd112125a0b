/**
 * Re-apply the last saved state to one node (the drift remedy): plan from the node's live state to
 * what the last version applied to THIS node rendered for it, and apply that — not unsaved model
 * edits. Like a save it is on record before it touches the node: a `reapply` version (that node
 * only) is written ahead as `applying` and finished with the node's answer.
 */
import { conflict, notFound } from '../errors';
import { planForNode } from '../ipvs/patches';
import { missingDependency } from '../keepalived/probe';
import type { Step } from '../ipvs/types';
import { loadEndpoints } from '../queries/endpoints';
import { VersionJournal } from '../queries/version-journal';
import { getVersion, lastAppliedPerNode, versionStatusOf } from '../queries/versions';
import type { Actor } from '../queries/write';
import type { NodeError, NodeResult } from '../wire';
import { applySteps, nodeErrorFor, readLiveState } from './node-ops';
import { recoveryDone } from './recovery';
import { serialised } from './save-state';
import { withNodeLocks } from '../ssh';

export interface ReapplyAnswer {
  version: number; // the version whose state was re-applied
  record: number; // the reapply version that records this change
  steps: string[];
  error: NodeError | null;
}

export function reapplyNode(actor: Actor, nodeId: string): Promise<ReapplyAnswer> {
  return serialised(async () => {
    await recoveryDone();
    const saved = (await lastAppliedPerNode([nodeId])).get(nodeId);
    if (!saved) throw conflict('nothing has been saved to this node yet: use Save state first');
    const endpoint = (await loadEndpoints()).get(nodeId);
    if (!endpoint) throw notFound('node');
    const { desired } = saved;
    const source = await getVersion(saved.version);
    const journal = await VersionJournal.begin(actor, { model: source.model, kind: 'reapply', revertOf: saved.version });
    const result = (status: NodeResult['status'], steps: Step[], error?: NodeError): NodeResult => ({
      node: nodeId, name: desired.nodeName, roles: desired.roles, status, steps: steps.map(({ kind, op, summary }) => ({ kind, op, summary })), ...(error ? { error } : {}),
    });
    // The node stays locked from the read the plan is made on to the apply's answer.
    const { steps, error } = await withNodeLocks([nodeId], async (): Promise<{ steps: Step[]; error: NodeError | null }> => {
      let planned: Step[] = [];
      try {
        const live = await readLiveState(nodeId, endpoint, Object.keys(desired.sysctls));
        planned = planForNode(desired, live);
        const changes = planned.some((s) => s.op !== 'check');
        await journal.planned({ activeDirector: source.results.activeDirector, rendered: [desired], plan: { [nodeId]: planned }, nodes: [result(changes ? 'applying' : 'unchanged', planned)] });
        return { steps: planned, error: missingDependency(desired, live) ?? (await applySteps(nodeId, endpoint, planned)) };
      } catch (e) {
        return { steps: planned, error: nodeErrorFor(e, endpoint) };
      }
    });
    const changes = steps.some((s) => s.op !== 'check');
    const nodes = [result(error ? 'failed' : changes ? 'applied' : 'unchanged', steps, error ?? undefined)];
    await journal.finish(actor, versionStatusOf(nodes), { activeDirector: source.results.activeDirector, nodes }, {
      action: error ? 'reapply-failed' : 'reapply', entity: 'node', entityId: nodeId, after: { version: saved.version, record: journal.id, steps: steps.map((s) => s.summary), error: error?.code },
    });
    return { version: saved.version, record: journal.id, steps: steps.map((s) => s.summary), error };
  });
}
