/**
 * Desired vs live -> the smallest ordered list of steps that makes a node what it should be.
 * Incremental by design: a table is never cleared (no `ipvsadm -C`), services and real servers are
 * edited in place (-E/-e) so established connections survive a save.
 *
 * Undo design: every step carries the single argv that inverts it. A service delete (-D) is always
 * preceded by explicit -d steps for each of its real servers, so rolling back in reverse order
 * re-creates the service (-A, the -D's undo) and then its real servers (-a, the -d undos).
 */
import { diffIpvs, type IpvsDifference } from './diff';
import {
  addRealServerArgv, addServiceArgv, deleteRealServerArgv, deleteServiceArgv, editRealServerArgv, editServiceArgv,
} from './ipvsadm-args';
import { fileStep } from './file-steps';
import { isTunnelDevice } from './keys';
import { isManagedAddress } from './render';
import type { AddressSpec, NodeDesiredState, NodeLiveState, RealServerSpec, Step, VirtualServiceSpec } from './types';

export { diffIpvs, type IpvsDifference } from './diff';


const show = (argv: string[]) => argv.slice(1).join(' ');
const cidr = (a: AddressSpec) => `${a.address}/${a.prefix}`;
const sameSlot = (a: AddressSpec, b: AddressSpec) => a.address === b.address && a.prefix === b.prefix && a.dev === b.dev;

function addAddressArgv(a: AddressSpec): string[] {
  return ['ip', 'addr', 'add', cidr(a), 'dev', a.dev, ...(a.label ? ['label', a.label] : [])];
}
function delAddressArgv(a: AddressSpec): string[] {
  return ['ip', 'addr', 'del', cidr(a), 'dev', a.dev];
}
function describeAddress(a: AddressSpec): string {
  return `address ${cidr(a)} dev ${a.dev}${a.label ? ` label ${a.label}` : ''}`;
}

/** Take an address off a node (undo: put it back with its label). */
export function addressDeleteStep(a: AddressSpec): Step {
  return { kind: 'address', op: 'delete', summary: `- ${describeAddress(a)}`, argv: delAddressArgv(a), undo: addAddressArgv(a) };
}
export { sameSlot };

function persistenceText(p: VirtualServiceSpec['persistence']): string {
  if (!p) return 'none';
  return p.netmask ? `${p.timeout} ${p.netmask}` : String(p.timeout);
}

function serviceChange(d: VirtualServiceSpec, l: VirtualServiceSpec, fields: string[]): string {
  return fields
    .map((f) =>
      f === 'scheduler' ? `scheduler ${l.scheduler} → ${d.scheduler}`
      : f === 'flags' ? `flags ${l.flags.join(',') || 'none'} → ${d.flags.join(',') || 'none'}`
      : `persistence ${persistenceText(l.persistence)} → ${persistenceText(d.persistence)}`,
    )
    .join(', ');
}

function realServerChange(d: RealServerSpec, l: RealServerSpec, fields: (keyof RealServerSpec)[]): string {
  const names: Partial<Record<keyof RealServerSpec, string>> = { tunnelType: 'tunnel', upperThreshold: 'upper threshold', lowerThreshold: 'lower threshold' };
  return fields.map((f) => `${names[f] ?? f} ${String(l[f] ?? 'none')} → ${String(d[f] ?? 'none')}`).join(', ');
}

function ipvsSteps(diffs: IpvsDifference[]): Step[] {
  const services: Step[] = [];
  const realServers: Step[] = [];
  const rsDeletes: Step[] = [];
  const svcDeletes: Step[] = [];
  for (const d of diffs) {
    switch (d.kind) {
      case 'missing-service': {
        const argv = addServiceArgv(d.desired);
        services.push({ kind: 'ipvs-service', op: 'add', summary: `+ ${show(argv)}`, argv, undo: deleteServiceArgv(d.desired) });
        break;
      }
      case 'changed-service': {
        const argv = editServiceArgv(d.desired);
        const summary = `~ ${show(argv)}   (${serviceChange(d.desired, d.live, d.fields)})`;
        services.push({ kind: 'ipvs-service', op: 'edit', summary, argv, undo: editServiceArgv(d.live) });
        break;
      }
      case 'extra-service': {
        const argv = deleteServiceArgv(d.live);
        svcDeletes.push({ kind: 'ipvs-service', op: 'delete', summary: `- ${show(argv)}`, argv, undo: addServiceArgv(d.live) });
        break;
      }
      case 'missing-real-server': {
        const argv = addRealServerArgv(d.service, d.desired);
        realServers.push({ kind: 'ipvs-real-server', op: 'add', summary: `+ ${show(argv)}`, argv, undo: deleteRealServerArgv(d.service, d.desired) });
        break;
      }
      case 'changed-real-server': {
        const argv = editRealServerArgv(d.service, d.desired);
        const summary = `~ ${show(argv)}   (${realServerChange(d.desired, d.live, d.fields)})`;
        realServers.push({ kind: 'ipvs-real-server', op: 'edit', summary, argv, undo: editRealServerArgv(d.service, d.live) });
        break;
      }
      case 'extra-real-server': {
        const argv = deleteRealServerArgv(d.service, d.live);
        rsDeletes.push({ kind: 'ipvs-real-server', op: 'delete', summary: `- ${show(argv)}`, argv, undo: addRealServerArgv(d.service, d.live) });
        break;
      }
    }
  }
  return [...services, ...realServers, ...rsDeletes, ...svcDeletes];
}

function moduleSteps(desired: NodeDesiredState, live: NodeLiveState): Step[] {
  const loaded = new Set(live.modules);
  return desired.modules
    .filter((m) => !loaded.has(m))
    .map((m): Step => ({ kind: 'module', op: 'add', summary: `+ module ${m}`, argv: ['modprobe', m], undo: null }));
}

function sysctlSteps(desired: NodeDesiredState, live: NodeLiveState): Step[] {
  const out: Step[] = [];
  for (const [key, value] of Object.entries(desired.sysctls)) {
    const cur = live.sysctls[key]?.trim();
    if (cur === value) continue;
    out.push({
      kind: 'sysctl',
      op: 'set',
      summary: `~ sysctl ${key} ${cur ?? '(unset)'} → ${value}`,
      argv: ['sysctl', '-w', `${key}=${value}`],
      undo: cur === undefined ? null : ['sysctl', '-w', `${key}=${cur}`],
    });
  }
  return out;
}

function addressSteps(desired: NodeDesiredState, live: NodeLiveState): { add: Step[]; remove: Step[] } {
  const add: Step[] = [];
  const linksUp = new Set<string>();
  for (const a of desired.addresses) {
    const held = live.addresses.find((l) => sameSlot(l, a));
    if (held && held.label === a.label) continue;
    if (held) {
      // Same address, other label: ip(8) refuses a second copy, so take the old one off first.
      add.push(addressDeleteStep(held));
    }
    add.push({ kind: 'address', op: 'add', summary: `+ ${describeAddress(a)}`, argv: addAddressArgv(a), undo: delAddressArgv(a) });
    if (isTunnelDevice(a.dev)) linksUp.add(a.dev);
  }
  for (const dev of linksUp) {
    add.push({ kind: 'address', op: 'set', summary: `~ link ${dev} up`, argv: ['ip', 'link', 'set', 'dev', dev, 'up'], undo: null });
  }
  const remove = live.addresses
    .filter((l) => isManagedAddress(l) && !desired.addresses.some((a) => sameSlot(a, l)))
    .map(addressDeleteStep);
  return { add, remove };
}

function fileSteps(desired: NodeDesiredState, live: NodeLiveState): Step[] {
  return desired.bootFiles
    .filter((f) => live.bootFiles[f.path] !== f.content)
    .map((f) => fileStep(f.path, f.mode, f.content, Object.prototype.hasOwnProperty.call(live.bootFiles, f.path)));
}

function checkSteps(desired: NodeDesiredState, live: NodeLiveState): Step[] {
  const out: Step[] = [];
  for (const c of desired.checks) {
    if (c.kind !== 'nat-gateway' || live.defaultGateway === c.expectedGateway) continue;
    const cur = live.defaultGateway;
    if (c.fix) {
      out.push({
        kind: 'route',
        op: 'set',
        summary: `~ route default via ${cur ?? '(none)'} → ${c.expectedGateway}`,
        argv: ['ip', 'route', 'replace', 'default', 'via', c.expectedGateway],
        undo: cur === null ? ['ip', 'route', 'del', 'default'] : ['ip', 'route', 'replace', 'default', 'via', cur],
      });
    } else {
      // Reported, not run: the admin decides whether the console may move a real server's gateway.
      out.push({
        kind: 'check',
        op: 'check',
        summary: `! default gateway ${cur ?? '(none)'}, NAT replies need ${c.expectedGateway} (not changed)`,
        argv: [],
        undo: null,
      });
    }
  }
  return out;
}

export function planNodeChanges(desired: NodeDesiredState, live: NodeLiveState): Step[] {
  const addresses = addressSteps(desired, live);
  return [
    ...moduleSteps(desired, live),
    ...sysctlSteps(desired, live),
    ...addresses.add,
    ...ipvsSteps(diffIpvs(desired.ipvs, live.ipvs)),
    ...addresses.remove,
    ...fileSteps(desired, live),
    ...checkSteps(desired, live),
  ];
}

/** The plan as an admin reads it: one line per step, "" when there is nothing to do. */
export function planDiffText(steps: Step[]): string {
  return steps.map((s) => s.summary).join('\n');
}
