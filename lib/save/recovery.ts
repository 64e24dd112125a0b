/**
 * Start-up recovery of saves the console did not live through (issue 15). A version still
 * `applying` when the console starts was interrupted: every node whose answer is not on record is
 * read and compared with what that version rendered for it and with what the node held before
 * (the state of the last version it applied). The per-node outcome, the version's end and an
 * audit entry naming the interrupted save are then written.
 *
 * Where it runs: instrumentation.ts starts it when the server starts (without holding up the first
 * request), and every change to nodes (save, revert, re-apply) awaits it first, as does the live
 * view's drift; so a tsx script or another server entry point that never runs instrumentation still
 * cannot plan or judge drift against an unresolved save.
 */
import { loadEndpoints } from '../queries/endpoints';
import { resolveInterrupted } from '../queries/version-journal';
import { getVersion, lastAppliedPerNode, listApplyingVersionIds, versionStatusOf } from '../queries/versions';
import { planForNode } from '../ipvs/patches';
import type { NodeDesiredState, NodeLiveState } from '../ipvs/types';
import type { NodeResult, RecoveryOutcome } from '../wire';
import { readLiveState } from './node-ops';

export interface RecoveryEvidence {
  reachable: boolean; // the node answered the read
  matchesNew: boolean; // it holds what the interrupted version rendered for it
  matchesPrevious: boolean; // it holds what the last version it applied before rendered for it
  sent: boolean; // the interrupted save had sent (or was sending) its batch to the node
}

/**
 * The pure verdict. The new state wins over the previous one (a node where both are equal had no
 * changes, so never needs recovery). A node never sent its batch was not changed by this save,
 * whatever it holds or whether it answers now.
 */
export function classifyRecovery(e: RecoveryEvidence): RecoveryOutcome {
  if (!e.sent) return e.reachable && e.matchesNew ? 'applied' : 'not-applied';
  if (!e.reachable) return 'unknown';
  if (e.matchesNew) return 'applied';
  return e.matchesPrevious ? 'not-applied' : 'unknown';
}

/** Whether the node as read already is `desired`: planning from it changes nothing. */
export function nodeHolds(desired: NodeDesiredState | undefined, live: NodeLiveState): boolean {
  return desired !== undefined && planForNode(desired, live).every((s) => s.op === 'check');
}

/** Nodes whose answer is not on record; before the plan was written, every node of the model. */
function unanswered(v: Awaited<ReturnType<typeof getVersion>>): NodeResult[] {
  if (v.rendered.length === 0) return v.model.nodes.map((n) => ({ node: n.id, name: n.name, roles: [], status: 'planned', steps: [] }));
  return v.results.nodes.filter((r) => r.status === 'planned' || r.status === 'applying');
}

/** Resolves one interrupted version; returns the per-node outcomes it wrote. */
export async function recoverVersion(id: number): Promise<NodeResult[]> {
  const v = await getVersion(id);
  if (v.status !== 'applying') return v.results.nodes;
  const pending = unanswered(v);
  const [endpoints, before] = await Promise.all([loadEndpoints(), lastAppliedPerNode(pending.map((r) => r.node), id)]);
  const rendered = new Map(v.rendered.map((d) => [d.nodeId, d]));
  const resolved = await Promise.all(pending.map(async (r): Promise<NodeResult> => {
    const desired = rendered.get(r.node);
    const previous = before.get(r.node)?.desired;
    const keys = [...new Set([...Object.keys(desired?.sysctls ?? {}), ...Object.keys(previous?.sysctls ?? {})])].sort();
    const endpoint = endpoints.get(r.node);
    const live = endpoint ? await readLiveState(r.node, endpoint, keys).catch(() => null) : null;
    const recovered = classifyRecovery({
      reachable: live !== null,
      matchesNew: live !== null && nodeHolds(desired, live),
      matchesPrevious: live !== null && nodeHolds(previous, live),
      sent: r.status === 'applying',
    });
    return { ...r, recovered };
  }));
  const byNode = new Map(resolved.map((r) => [r.node, r]));
  const nodes = v.rendered.length === 0 ? resolved : v.results.nodes.map((r) => byNode.get(r.node) ?? r);
  const status = versionStatusOf(nodes);
  await resolveInterrupted(id, status, { activeDirector: v.results.activeDirector, nodes }, {
    action: 'save-interrupted',
    entity: 'save',
    entityId: String(id),
    after: { status, interrupted: id, nodes: nodes.map((n) => ({ node: n.name, status: n.status, recovered: n.recovered })) },
  });
  return nodes;
}

export async function recoverInterruptedSaves(): Promise<number[]> {
  const ids = await listApplyingVersionIds();
  for (const id of ids) await recoverVersion(id);
  return ids;
}

const KEY = Symbol.for('lvs-console.recovery');
type Holder = { [KEY]?: { done: boolean; promise: Promise<void> } };

/** Recovery, once per process; resolves when it is over (a failure is logged and retried at the next start). */
export function recoveryDone(): Promise<void> {
  const g = globalThis as Holder;
  g[KEY] ??= {
    done: false,
    promise: recoverInterruptedSaves().then(
      (ids) => {
        if (ids.length) console.warn(`lvs-console: resolved interrupted save(s) ${ids.map((i) => `#${i}`).join(', ')}`);
      },
      (e) => console.error('lvs-console: recovering interrupted saves failed:', e instanceof Error ? e.message : e),
    ).finally(() => {
      g[KEY]!.done = true;
    }),
  };
  return g[KEY].promise;
}

/** Whether recovery has run in this process (the live view judges no drift before it has). */
export function recoveryFinished(): boolean {
  return (globalThis as Holder)[KEY]?.done ?? false;
}
