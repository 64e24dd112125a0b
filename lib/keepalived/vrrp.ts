/**
 * The VRRP half of keepalived.conf (failover by master priority), beside render.ts's virtual_server
 * half: one vrrp_instance per virtual node on every candidate, all BACKUP at start so the priority
 * (master priority order) elects the master; unicast to the other candidates, so networks that drop
 * multicast work; VRRPv3 for sub-second adverts; the IPVS sync daemon so established connections
 * survive a takeover; notify hooks that log director-master / -backup / -fault with the node's time.
 */
import type { ClusterModel, FailoverModel, NodeModel } from '../cluster/model';
import { maskToPrefix } from '../cluster/primitives';
import { BOOT_PATHS } from '../ipvs/boot-files';
import { assertConfWord, timer } from './render-words';

const NOTIFY_PATH = BOOT_PATHS.notify;

/**
 * A planned switchover's two levers, files keepalived tracks (created at 0 when it starts):
 *   boost  added to this candidate's priority (the switchover's target gets above the others)
 *   yield  non-zero puts this candidate's instances in FAULT (the holder lets go under nopreempt)
 */
export const BOOST_FILE = '/run/lvs-console/boost';
export const YIELD_FILE = '/run/lvs-console/yield';
/** The priority a switchover's target gets: above every candidate's own (at most 200). */
export const SWITCHOVER_PRIORITY = 250;

export interface VrrpAddress { address: string; prefix: number; dev: string }
export interface VrrpInstanceSpec { name: string; virtualRouterId: number; interface: string; vips: VrrpAddress[] }

export interface VrrpSpec {
  self: string; // this candidate's cluster address (unicast_src_ip)
  peers: string[]; // the other candidates' cluster addresses
  priority: number;
  preempt: boolean;
  failover: FailoverModel;
  instances: VrrpInstanceSpec[];
}

/** Priority by position in the master priority list: 200, 190, … (at least 1). */
export function vrrpPriority(position: number): number {
  return Math.max(1, 200 - 10 * position);
}

/**
 * The label keepalived gives a VIP: not the console's own (managedLabel, ":lvs"), so a save never
 * takes for its own, and removes, an address keepalived holds.
 */
export function vrrpLabel(dev: string): string {
  if (dev.length >= 14) throw new Error(`interface name ${JSON.stringify(dev)} is too long for a VRRP address label`);
  return `${dev}:ka`.slice(0, 15);
}

export const isVrrpLabel = (dev: string, label: string | null) => label !== null && dev.length < 14 && label === vrrpLabel(dev);

/** Lines for global_defs: VRRPv3 (centisecond adverts) and the connection sync daemon. */
export function vrrpGlobalLines(v: VrrpSpec): string[] {
  const first = v.instances[0];
  const sync = v.failover.syncConnections && first
    ? [`lvs_sync_daemon ${assertConfWord(v.failover.syncInterface ?? first.interface)} ${assertConfWord(first.name)} id ${v.failover.virtualRouterId}`]
    : [];
  return ['vrrp_version 3', ...sync];
}

/** Top-level blocks: the two tracked files of a planned switchover. */
function trackFileBlocks(): string[] {
  return [
    'vrrp_track_file lvs_console_boost {',
    `  file "${BOOST_FILE}"`,
    '  weight 1',
    '  init_file 0 overwrite',
    '}',
    'vrrp_track_file lvs_console_yield {',
    `  file "${YIELD_FILE}"`,
    '  weight 0',
    '  init_file 0 overwrite',
    '}',
    '',
  ];
}

function notify(hook: 'notify_master' | 'notify_backup' | 'notify_fault', vips: VrrpAddress[]): string {
  const kind = { notify_master: 'director-master', notify_backup: 'director-backup', notify_fault: 'director-fault' }[hook];
  const args = [kind, `vip=${vips.map((a) => a.address).join(',')}`].map(assertConfWord);
  return `${hook} "${NOTIFY_PATH} ${args.join(' ')}"`;
}

function instanceBlock(v: VrrpSpec, i: VrrpInstanceSpec): string[] {
  const body = [
    'state BACKUP',
    `interface ${assertConfWord(i.interface)}`,
    `virtual_router_id ${i.virtualRouterId}`,
    `priority ${v.priority}`,
    `advert_int ${timer(v.failover.advertIntervalMs)}`,
    ...(v.preempt ? [] : ['nopreempt']),
    `unicast_src_ip ${assertConfWord(v.self)}`,
    'unicast_peer {',
    ...v.peers.map((p) => `  ${assertConfWord(p)}`),
    '}',
    'virtual_ipaddress {',
    ...i.vips.map((a) => `  ${assertConfWord(`${a.address}/${a.prefix}`)} dev ${assertConfWord(a.dev)} label ${assertConfWord(vrrpLabel(a.dev))}`),
    '}',
    'track_file {',
    '  lvs_console_boost weight 1',
    '  lvs_console_yield weight 0',
    '}',
    notify('notify_master', i.vips),
    notify('notify_backup', i.vips),
    notify('notify_fault', i.vips),
  ];
  return [`vrrp_instance ${assertConfWord(i.name)} {`, ...body.map((l) => `  ${l}`), '}'];
}

/** The vrrp_sync_group (two or more virtual nodes move together) and the instances. */
export function vrrpBlocks(v: VrrpSpec): string[] {
  const group = v.instances.length > 1
    ? ['vrrp_sync_group lvs_console {', '  group {', ...v.instances.map((i) => `    ${assertConfWord(i.name)}`), '  }', '}', '']
    : [];
  return [...trackFileBlocks(), ...group, ...v.instances.flatMap((i) => [...instanceBlock(v, i), ''])];
}

/** A candidate's VRRP from the model: one instance per virtual node, priority by its place in the master list. */
export function vrrpSpecFor(model: ClusterModel, node: NodeModel): VrrpSpec {
  const f = model.masterPriority.failover!;
  const candidates = model.masterPriority.nodes.map((id) => model.nodes.find((n) => n.id === id)).filter((n): n is NodeModel => n !== undefined);
  return {
    self: node.address,
    peers: candidates.filter((c) => c.id !== node.id).map((c) => c.address),
    priority: vrrpPriority(candidates.findIndex((c) => c.id === node.id)),
    preempt: model.masterPriority.preempt,
    failover: f,
    instances: model.virtualNodes.map((vn, i) => {
      const dev = vn.interface ?? node.vipInterface;
      return { name: `vn_${i}`, virtualRouterId: f.virtualRouterId + i, interface: dev, vips: [{ address: vn.vip, prefix: maskToPrefix(vn.netmask) ?? 32, dev }] };
    }),
  };
}
