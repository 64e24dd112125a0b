/**
 * Patches over the pure render and plan that depend on what a node turned out to be once read.
 * A render patch adds to one node's desired state given its live state; a plan patch adds steps
 * that follow from the planned ones. Save state and re-apply go through renderForNode/planForNode,
 * so a new patch is one more entry in a list below. keepalived's (lib/keepalived/plan.ts) is one:
 * on a director it owns, the ipvsadm steps give way to a config test and a reload.
 *
 * Boot persistence on systemd nodes is the first: the same cmctl hook, started by a unit that the
 * save installs and enables. Nodes with another init (the lab's busybox init) run the hook themselves.
 */
import { renderSystemdUnit, SYSTEMD_UNIT_PATH } from './boot-files';
import { planNodeChanges } from './plan';
import { keepalivedSteps } from '../keepalived/plan';
import type { NodeDesiredState, NodeLiveState, Step } from './types';

type RenderPatch = (desired: NodeDesiredState, live: NodeLiveState) => NodeDesiredState;
type PlanPatch = (steps: Step[], desired: NodeDesiredState, live: NodeLiveState) => Step[];

export const withBootUnit: RenderPatch = (desired, live) => {
  if (live.initSystem !== 'systemd') return desired;
  return { ...desired, bootFiles: [...desired.bootFiles, renderSystemdUnit()] };
};

/** When the unit file is (re)written, systemd must reload it and enable it for boot. */
export const enableUnitSteps: PlanPatch = (steps) => {
  if (!steps.some((s) => s.kind === 'file' && s.argv.includes(SYSTEMD_UNIT_PATH))) return steps;
  return [
    ...steps,
    { kind: 'file', op: 'set', summary: '~ systemctl daemon-reload', argv: ['systemctl', 'daemon-reload'], undo: null },
    { kind: 'file', op: 'set', summary: '~ systemctl enable lvs-console.service', argv: ['systemctl', 'enable', 'lvs-console.service'], undo: ['systemctl', 'disable', 'lvs-console.service'] },
  ];
};

const RENDER_PATCHES: RenderPatch[] = [withBootUnit];
const PLAN_PATCHES: PlanPatch[] = [keepalivedSteps, enableUnitSteps];

/** One node's rendered state with every render patch applied, for the node as it was read. */
export function renderForNode(desired: NodeDesiredState, live: NodeLiveState): NodeDesiredState {
  return RENDER_PATCHES.reduce((d, patch) => patch(d, live), desired);
}

/** The steps from live to desired, with every plan patch applied. */
export function planForNode(desired: NodeDesiredState, live: NodeLiveState): Step[] {
  return PLAN_PATCHES.reduce((steps, patch) => patch(steps, desired, live), planNodeChanges(desired, live));
}
