/**
 * Boot persistence on systemd nodes: the same cmctl hook, started by a unit that the save installs
 * and enables. Nodes with another init (the lab's busybox init) run the hook themselves.
 */
import { renderSystemdUnit, SYSTEMD_UNIT_PATH } from '../ipvs/boot-files';
import type { NodeDesiredState, NodeLiveState, Step } from '../ipvs/types';

export function withBootUnit(desired: NodeDesiredState, live: NodeLiveState): NodeDesiredState {
  if (live.initSystem !== 'systemd') return desired;
  return { ...desired, bootFiles: [...desired.bootFiles, renderSystemdUnit()] };
}

/** When the unit file is (re)written, systemd must reload it and enable it for boot. */
export function enableUnitSteps(steps: Step[]): Step[] {
  if (!steps.some((s) => s.kind === 'file' && s.argv.includes(SYSTEMD_UNIT_PATH))) return steps;
  return [
    ...steps,
    { kind: 'file', op: 'set', summary: '~ systemctl daemon-reload', argv: ['systemctl', 'daemon-reload'], undo: null },
    { kind: 'file', op: 'set', summary: '~ systemctl enable lvs-console.service', argv: ['systemctl', 'enable', 'lvs-console.service'], undo: ['systemctl', 'disable', 'lvs-console.service'] },
  ];
}
