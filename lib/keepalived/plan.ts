/**
 * The plan on a node whose IPVS table keepalived owns (or owned). The console never edits that
 * table itself: the ipvsadm steps are dropped, and keepalived applies the rendered file instead:
 *   write keepalived.conf → `keepalived -t` on it (a bad file stops the apply and is restored)
 *   → reload (SIGHUP edits the table in place, or start it).
 * Leaving keepalived mode stops it first (SIGKILL: it must not empty the table on its way out),
 * so the ipvsadm steps planned against the table as read still apply to that same table.
 * Leaving failover (VRRP) cleans up what keepalived leaves behind when it is killed or loses its
 * instances: the VIPs under its label, and the kernel's connection sync daemons.
 */
import { BOOT_PATHS } from '../ipvs/boot-files';
import { fileStep } from '../ipvs/file-steps';
import { addressDeleteStep, sameSlot } from '../ipvs/plan';
import type { AddressSpec, NodeDesiredState, NodeLiveState, Step } from '../ipvs/types';
import { KEEPALIVED_CONF_PATH } from './render';
import { isVrrpLabel } from './vrrp';

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

export const syncStopStep: Step = {
  kind: 'file',
  op: 'set',
  summary: '~ connection sync daemon stopped (cmctl sync-stop)',
  argv: [BOOT_PATHS.cmctl, 'sync-stop'],
  undo: null, // a rollback reloads the old keepalived.conf, whose lvs_sync_daemon starts it again
};

const hasVrrp = (conf: string | undefined) => /^vrrp_instance /m.test(conf ?? '');

/**
 * Take off an address keepalived held, if it is still there: keepalived, killed or reloaded, may
 * race us to it. A flush selected by device, label and prefix succeeds when nothing matches.
 */
function dropStep(a: AddressSpec): Step {
  const step = addressDeleteStep(a);
  return { ...step, argv: ['ip', '-4', 'addr', 'flush', 'dev', a.dev, 'label', a.label ?? a.dev, 'to', `${a.address}/${a.prefix}`] };
}

const hasSync = (conf: string | undefined) => /^\s*lvs_sync_daemon /m.test(conf ?? '');
const confs = (desired: NodeDesiredState, live: NodeLiveState) =>
  [live.bootFiles[KEEPALIVED_CONF_PATH], desired.bootFiles.find((f) => f.path === KEEPALIVED_CONF_PATH)?.content] as const;

/**
 * Failover was on here and is no longer: the VIPs keepalived held go (a VIP the console now wants
 * under its own label is swapped by the address steps, whose delete becomes a drop), and so does
 * the sync daemon.
 */
function leaveVrrp(steps: Step[], desired: NodeDesiredState, live: NodeLiveState): { steps: Step[]; cleanup: Step[] } {
  const [was, will] = confs(desired, live);
  // Sync turned off with failover kept: keepalived, reloaded, leaves the daemon it started running.
  if (!hasVrrp(was) || hasVrrp(will)) return { steps, cleanup: hasSync(was) && !hasSync(will) ? [syncStopStep] : [] };
  const kept = live.addresses.filter((a) => isVrrpLabel(a.dev, a.label));
  const swapped = steps.map((s) => {
    const a = kept.find((k) => s.kind === 'address' && s.op === 'delete' && s.argv.join(' ') === addressDeleteStep(k).argv.join(' '));
    return a ? dropStep(a) : s;
  });
  const held = kept.filter((a) => !desired.addresses.some((d) => sameSlot(d, a)));
  return { steps: swapped, cleanup: [...held.map(dropStep), syncStopStep] };
}

export function keepalivedSteps(planned: Step[], desired: NodeDesiredState, live: NodeLiveState): Step[] {
  const running = live.keepalived?.running ?? false;
  const { steps, cleanup } = leaveVrrp(planned, desired, live);
  if (desired.engine === 'keepalived') {
    const out = steps.filter((s) => !isIpvsStep(s));
    const confAt = out.findIndex((s) => writes(s, KEEPALIVED_CONF_PATH));
    if (confAt >= 0) out.splice(confAt + 1, 0, configTestStep);
    out.push(...cleanup);
    if (confAt >= 0 || !running) out.push(reloadStep);
    return out;
  }
  const hadConf = (live.bootFiles[KEEPALIVED_CONF_PATH] ?? '') !== '';
  if (!running && !hadConf) return steps;
  // Emptied, not deleted: cmctl starts keepalived at boot only for a non-empty file.
  const clear: Step = { ...fileStep(KEEPALIVED_CONF_PATH, 0o644, '', true), summary: `~ file ${KEEPALIVED_CONF_PATH} (emptied)` };
  return [...(running ? [stopStep] : []), ...steps, ...cleanup, ...(hadConf ? [clear] : [])];
}
