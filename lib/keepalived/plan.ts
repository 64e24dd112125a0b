/**
 * The plan on a node whose IPVS table keepalived owns (or owned). The console never edits that
 * table itself: the ipvsadm steps are dropped, and keepalived applies the rendered file instead:
 *   write keepalived.conf → `keepalived -t` on it (a bad file stops the apply and is restored)
 *   → reload (SIGHUP edits the table in place, or start it).
 * Leaving keepalived mode stops it first (SIGKILL: it must not empty the table on its way out),
 * so the ipvsadm steps planned against the table as read still apply to that same table.
 */
import { BOOT_PATHS } from '../ipvs/boot-files';
import { fileStep } from '../ipvs/file-steps';
import type { NodeDesiredState, NodeLiveState, Step } from '../ipvs/types';
import { KEEPALIVED_CONF_PATH } from './render';

const isIpvsStep = (s: Step) => s.kind === 'ipvs-service' || s.kind === 'ipvs-real-server';
const writes = (s: Step, path: string) => s.kind === 'file' && s.argv[1] === path && s.stdin !== undefined;

export const configTestStep: Step = {
  kind: 'check',
  op: 'set',
  summary: `~ keepalived -t -f ${KEEPALIVED_CONF_PATH}   (config test)`,
  argv: ['keepalived', '-t', '-l', '-f', KEEPALIVED_CONF_PATH],
  undo: null,
};
export const reloadStep: Step = {
  kind: 'file',
  op: 'set',
  summary: '~ keepalived reload (cmctl keepalived-reload)',
  argv: [BOOT_PATHS.cmctl, 'keepalived-reload'],
  undo: [BOOT_PATHS.cmctl, 'keepalived-reload'],
};
export const stopStep: Step = {
  kind: 'file',
  op: 'set',
  summary: '~ keepalived stop (the table goes back to the console)',
  argv: [BOOT_PATHS.cmctl, 'keepalived-stop'],
  undo: [BOOT_PATHS.cmctl, 'keepalived-reload'],
};

export function keepalivedSteps(steps: Step[], desired: NodeDesiredState, live: NodeLiveState): Step[] {
  const running = live.keepalived?.running ?? false;
  if (desired.engine === 'keepalived') {
    const out = steps.filter((s) => !isIpvsStep(s));
    const confAt = out.findIndex((s) => writes(s, KEEPALIVED_CONF_PATH));
    if (confAt >= 0) out.splice(confAt + 1, 0, configTestStep);
    if (confAt >= 0 || !running) out.push(reloadStep);
    return out;
  }
  const hadConf = (live.bootFiles[KEEPALIVED_CONF_PATH] ?? '') !== '';
  if (!running && !hadConf) return steps;
  // Emptied, not deleted: cmctl starts keepalived at boot only for a non-empty file.
  const clear: Step = { ...fileStep(KEEPALIVED_CONF_PATH, 0o644, '', true), summary: `~ file ${KEEPALIVED_CONF_PATH} (emptied)` };
  return [...(running ? [stopStep] : []), ...steps, ...(hadConf ? [clear] : [])];
}
