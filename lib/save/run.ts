/**
 * Save state: read every node, choose the director, render, plan the difference, and (unless a dry
 * run) apply it in the phases of ./phases.ts. Each phase runs its nodes in parallel, each node as
 * one batch.
 * A journal, when given, hears the plan before any node is touched and each node as it answers.
 */
import type { ClusterModel } from '../cluster/model';
import { isTunnelDevice } from '../ipvs/keys';
import { isManagedAddress, renderCluster } from '../ipvs/render';
import type { AddressSpec, NodeDesiredState, NodeLiveState, Step } from '../ipvs/types';
import { withNodeLocks, type SshEndpoint } from '../ssh';
import { chooseActiveDirector } from './director';
import { planForNode, renderForNode } from '../ipvs/patches';
import type { NodeError, NodeResult, NodeStatus, ProgressEvent } from '../wire';
import { applySteps, nodeErrorFor, readLiveState } from './node-ops';
import { applyPhases } from './phases';
import { pauseForTest } from './test-pause';
import { missingDependency } from '../keepalived/probe';
import { isVrrpLabel } from '../keepalived/vrrp';


export interface SaveRunInput {
  model: ClusterModel;
  endpoints: Map<string, SshEndpoint>;
  dryRun: boolean;
  onlyNodes?: string[]; // retry: apply to these nodes only (others are read for the director choice)
  fixNatGateway?: boolean;
  onProgress?: (e: ProgressEvent) => void;
  journal?: SaveJournal;
}

/** Where a real save writes ahead (lib/queries/version-journal). */
export interface SaveJournal {
  planned(p: { activeDirector: string | null; rendered: NodeDesiredState[]; plan: Record<string, Step[]>; nodes: NodeResult[] }): Promise<void>;
  node(result: NodeResult): Promise<void>;
}

export interface SaveRunOutput {
  activeDirector: string | null;
  desired: NodeDesiredState[];
  plans: Record<string, Step[]>;
  results: NodeResult[];
}

/** Every sysctl key any render could ask for, so one read serves whichever node ends up director. */
function sysctlKeysFor(model: ClusterModel): string[] {
  const keys = new Set<string>();
  for (const active of [null, ...model.masterPriority.nodes]) {
    for (const d of renderCluster(model, { activeDirector: active })) Object.keys(d.sysctls).forEach((k) => keys.add(k));
  }
  return [...keys].sort();
}

/** The candidate that holds a VIP on a real interface now (not lo / a tunnel, where real servers hold it). */
function currentDirector(model: ClusterModel, live: Map<string, NodeLiveState>): string | null {
  const vips = new Set(model.virtualNodes.map((v) => v.vip));
  // A VIP the console put there, or (failover) the one keepalived's VRRP holds.
  const ours = (a: AddressSpec) => isManagedAddress(a) || isVrrpLabel(a.dev, a.label);
  return model.masterPriority.nodes.find((id) => live.get(id)?.addresses.some((a) => ours(a) && vips.has(a.address) && a.dev !== 'lo' && !isTunnelDevice(a.dev))) ?? null;
}

const hasChanges = (steps: Step[]) => steps.some((s) => s.op !== 'check');

type Emit = (node: string, phase: ProgressEvent['phase'], error?: NodeError) => void;

async function readNodes(model: ClusterModel, endpoints: Map<string, SshEndpoint>, emit: Emit) {
  const live = new Map<string, NodeLiveState>();
  const errors = new Map<string, NodeError>();
  const keys = sysctlKeysFor(model);
  await Promise.all(model.nodes.map(async (n) => {
    emit(n.id, 'reading');
    try {
      live.set(n.id, await readLiveState(n.id, endpoints.get(n.id)!, keys));
      await pauseForTest('during-read');
    } catch (e) {
      errors.set(n.id, nodeErrorFor(e, endpoints.get(n.id)));
      emit(n.id, 'failed', errors.get(n.id));
    }
  }));
  return { live, errors };
}

function planNodes(model: ClusterModel, live: Map<string, NodeLiveState>, fixNatGateway: boolean | undefined) {
  const activeDirector = chooseActiveDirector({
    candidates: model.masterPriority.nodes,
    reachable: new Set(live.keys()),
    current: currentDirector(model, live),
    preempt: model.masterPriority.preempt,
  });
  const desired = renderCluster(model, { activeDirector, fixNatGateway }).map((d) => {
    const l = live.get(d.nodeId);
    return l ? renderForNode(d, l) : d;
  });
  const plans: Record<string, Step[]> = {};
  for (const d of desired) {
    const l = live.get(d.nodeId);
    if (l) plans[d.nodeId] = planForNode(d, l);
  }
  return { activeDirector, desired, plans };
}

function resultOf(d: NodeDesiredState, plan: Step[] | undefined, status: NodeStatus, error?: NodeError): NodeResult {
  const steps = (plan ?? []).map(({ kind, op, summary }) => ({ kind, op, summary }));
  return { node: d.nodeId, name: d.nodeName, roles: d.roles, status, steps, ...(error ? { error } : {}) };
}

/**
 * Every node of the model stays locked from its read to the last phase's answer: no other write
 * (a re-apply, a drain click's save) lands between the state a plan was made on and its apply.
 */
export function runSave(input: SaveRunInput): Promise<SaveRunOutput> {
  return withNodeLocks(input.model.nodes.map((n) => n.id), () => runLocked(input));
}

async function runLocked(input: SaveRunInput): Promise<SaveRunOutput> {
  const { model, endpoints, onProgress, journal } = input;
  const names = new Map(model.nodes.map((n) => [n.id, n.name]));
  const emit: Emit = (node, phase, error) => onProgress?.({ node, name: names.get(node) ?? node, phase, error });

  const { live, errors } = await readNodes(model, endpoints, emit);
  const { activeDirector, desired, plans } = planNodes(model, live, input.fixNatGateway);
  for (const d of desired) {
    const missing = live.has(d.nodeId) ? missingDependency(d, live.get(d.nodeId)!) : null;
    if (missing) {
      errors.set(d.nodeId, missing);
      emit(d.nodeId, 'failed', missing);
    }
  }
  for (const id of Object.keys(plans)) emit(id, 'planned');
  const byId = new Map(desired.map((d) => [d.nodeId, d]));
  const written = (d: NodeDesiredState) => resultOf(d, plans[d.nodeId], errors.get(d.nodeId) ? 'failed' : !hasChanges(plans[d.nodeId] ?? []) ? 'unchanged' : 'planned', errors.get(d.nodeId));
  if (!input.dryRun) await journal?.planned({ activeDirector, rendered: desired, plan: plans, nodes: desired.map(written) });

  const selected = (id: string) => live.has(id) && (!input.onlyNodes || input.onlyNodes.includes(id));
  if (!input.dryRun) {
    const phases = applyPhases(desired, plans, selected);
    // A node's result is final after the last phase that has steps for it.
    const lastPhase = new Map(phases.flatMap((entries, i) => entries.map((e) => [e.nodeId, i] as const)));
    for (const [i, entries] of phases.entries()) {
      await Promise.all(entries.map(async ({ nodeId, steps }) => {
        if (errors.has(nodeId)) return;
        emit(nodeId, 'applying');
        await journal?.node(resultOf(byId.get(nodeId)!, plans[nodeId], 'applying'));
        await pauseForTest('node-applying');
        const err = await applySteps(nodeId, endpoints.get(nodeId)!, steps);
        await pauseForTest('node-answered');
        if (err) {
          errors.set(nodeId, err);
          emit(nodeId, 'failed', err);
        }
        if (err || lastPhase.get(nodeId) === i) await journal?.node(resultOf(byId.get(nodeId)!, plans[nodeId], err ? 'failed' : 'applied', err ?? undefined));
      }));
    }
  }

  const results: NodeResult[] = desired.map((d) => {
    const error = errors.get(d.nodeId);
    const skipped = input.onlyNodes && !input.onlyNodes.includes(d.nodeId);
    const status: NodeStatus = error ? 'failed' : !hasChanges(plans[d.nodeId] ?? []) ? 'unchanged' : input.dryRun || skipped ? 'planned' : 'applied';
    if (!input.dryRun && !error) emit(d.nodeId, status);
    return resultOf(d, plans[d.nodeId], status, error);
  });
  return { activeDirector, desired, plans, results };
}
