/**
 * Save state: read every node, choose the director, render, plan the difference, and (unless a dry
 * run) apply it in the phases of ./phases.ts. Each phase runs its nodes in parallel, each node as
 * one batch.
 */
import type { ClusterModel } from '../cluster/model';
import { isManagedAddress, renderCluster } from '../ipvs/render';
import { planNodeChanges } from '../ipvs/plan';
import type { NodeDesiredState, NodeLiveState, Step } from '../ipvs/types';
import type { SshEndpoint } from '../ssh';
import { chooseActiveDirector } from './director';
import { enableUnitSteps, withBootUnit } from './systemd';
import { applySteps, nodeErrorFor, readLiveState, type NodeError } from './node-ops';
import { applyPhases } from './phases';

export type NodeStatus = 'applied' | 'unchanged' | 'failed' | 'planned';

export interface NodeResult {
  node: string;
  name: string;
  roles: NodeDesiredState['roles'];
  status: NodeStatus;
  steps: Array<Pick<Step, 'kind' | 'op' | 'summary'>>;
  error?: NodeError;
}

export type ProgressEvent = { node: string; name: string; phase: 'reading' | 'planned' | 'applying' | NodeStatus; error?: NodeError };

export interface SaveRunInput {
  model: ClusterModel;
  endpoints: Map<string, SshEndpoint>;
  dryRun: boolean;
  onlyNodes?: string[]; // retry: apply to these nodes only (others are read for the director choice)
  fixNatGateway?: boolean;
  onProgress?: (e: ProgressEvent) => void;
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
  return model.masterPriority.nodes.find((id) => live.get(id)?.addresses.some((a) => isManagedAddress(a) && vips.has(a.address) && a.dev !== 'lo' && !/^(tunl|gre)\d/.test(a.dev))) ?? null;
}

export async function runSave(input: SaveRunInput): Promise<SaveRunOutput> {
  const { model, endpoints, onProgress } = input;
  const names = new Map(model.nodes.map((n) => [n.id, n.name]));
  const emit = (node: string, phase: ProgressEvent['phase'], error?: NodeError) => onProgress?.({ node, name: names.get(node) ?? node, phase, error });

  const live = new Map<string, NodeLiveState>();
  const errors = new Map<string, NodeError>();
  const keys = sysctlKeysFor(model);
  await Promise.all(model.nodes.map(async (n) => {
    emit(n.id, 'reading');
    try {
      live.set(n.id, await readLiveState(n.id, endpoints.get(n.id)!, keys));
    } catch (e) {
      errors.set(n.id, nodeErrorFor(e, endpoints.get(n.id)));
      emit(n.id, 'failed', errors.get(n.id));
    }
  }));

  const activeDirector = chooseActiveDirector({
    candidates: model.masterPriority.nodes,
    reachable: new Set(live.keys()),
    current: currentDirector(model, live),
    preempt: model.masterPriority.preempt,
  });
  const desired = renderCluster(model, { activeDirector, fixNatGateway: input.fixNatGateway }).map((d) => {
    const l = live.get(d.nodeId);
    return l ? withBootUnit(d, l) : d;
  });
  const plans: Record<string, Step[]> = {};
  for (const d of desired) {
    const l = live.get(d.nodeId);
    if (!l) continue;
    plans[d.nodeId] = enableUnitSteps(planNodeChanges(d, l));
    emit(d.nodeId, 'planned');
  }

  const selected = (id: string) => live.has(id) && (!input.onlyNodes || input.onlyNodes.includes(id));
  if (!input.dryRun) {
    for (const phase of applyPhases(desired, plans, selected)) {
      await Promise.all(phase.map(async ({ nodeId, steps }) => {
        if (errors.has(nodeId)) return;
        emit(nodeId, 'applying');
        const err = await applySteps(nodeId, endpoints.get(nodeId)!, steps);
        if (err) {
          errors.set(nodeId, err);
          emit(nodeId, 'failed', err);
        }
      }));
    }
  }

  const results: NodeResult[] = desired.map((d) => {
    const steps = (plans[d.nodeId] ?? []).map(({ kind, op, summary }) => ({ kind, op, summary }));
    const error = errors.get(d.nodeId);
    const changes = steps.some((s) => s.op !== 'check');
    const skipped = input.onlyNodes && !input.onlyNodes.includes(d.nodeId);
    const status: NodeStatus = error ? 'failed' : !changes ? 'unchanged' : input.dryRun || skipped ? 'planned' : 'applied';
    if (!input.dryRun && !error) emit(d.nodeId, status);
    return { node: d.nodeId, name: d.nodeName, roles: d.roles, status, steps, ...(error ? { error } : {}) };
  });
  return { activeDirector, desired, plans, results };
}
