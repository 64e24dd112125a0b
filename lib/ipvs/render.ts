/**
 * Cluster model -> what each node should look like. Only typed, validated values (addresses, ports,
 * enums, numbers, interface names) go into the result; names and free text never reach a command.
 */
import { effectiveCheck, weightOf, type ClusterModel, type NodeModel, type ServiceModel, type VirtualNodeModel } from '../cluster/model';
import { maskToPrefix, type Forwarding, type TunnelType } from '../cluster/primitives';
import type { HealthCheck } from '../cluster/health-schema';
import { renderBootFiles } from './boot-files';
import { keepalivedBootFiles } from '../keepalived/boot';
import { vrrpSpecFor } from '../keepalived/vrrp';
import { realServerKey, tunnelDevice } from './keys';
import type { AddressSpec, NodeCheck, NodeDesiredState, NodeRole, VirtualServiceSpec } from './types';

export interface RenderOptions {
  /** Node id of the director: the highest-priority candidate that answers (the caller decides). */
  activeDirector: string | null;
  /** Let the plan change a NAT real server's default gateway instead of only reporting it. */
  fixNatGateway?: boolean;
}

const IFNAMSIZ_LABEL = 15;
const LABEL_SUFFIX = ':lvs';

/**
 * The label that marks an address as ours. The kernel limits labels to 15 characters and ip(8)
 * wants them to start with the device name, so long device names get a shortened suffix
 * (eth0 -> "eth0:lvs", a 12-character name -> "name:lv"). A 15-character name leaves no room.
 */
export function managedLabel(dev: string): string {
  if (dev.length >= IFNAMSIZ_LABEL) throw new Error(`interface name ${JSON.stringify(dev)} is too long to carry a managed address label`);
  return `${dev}${LABEL_SUFFIX}`.slice(0, IFNAMSIZ_LABEL);
}

/** Addresses this product may remove: labelled by managedLabel (which ends in ":lvs" for usual names). */
export function isManagedAddress(a: AddressSpec): boolean {
  if (a.label === null) return false;
  if (a.label.endsWith(LABEL_SUFFIX)) return true;
  return a.dev.length < IFNAMSIZ_LABEL && a.label === managedLabel(a.dev);
}

/** Every director (and backup): forwarding, and no traffic held by entries of a removed server. */
export const DIRECTOR_SYSCTLS: Record<string, string> = {
  'net.ipv4.ip_forward': '1',
  'net.ipv4.vs.expire_nodest_conn': '1',
};

export const ARP_SUPPRESSION: Record<string, string> = {
  'net.ipv4.conf.all.arp_ignore': '1',
  'net.ipv4.conf.all.arp_announce': '2',
  'net.ipv4.conf.lo.arp_ignore': '1',
  'net.ipv4.conf.lo.arp_announce': '2',
};


interface Participation {
  vip: string;
  forwarding: Forwarding;
  tunnelType: TunnelType | null;
}

interface Table {
  /** checks: each real server's effective check, in spec.realServers order (per-node overrides applied). */
  services: { spec: VirtualServiceSpec; service: ServiceModel; vn: VirtualNodeModel; checks: (HealthCheck | null)[] }[];
  realServerOf: Map<string, Participation[]>; // node id -> where it is a real server
  virtualNodes: VirtualNodeModel[];
}

function buildTable(model: ClusterModel): Table {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const services = new Map(model.services.map((s) => [s.id, s]));
  const table: Table = { services: [], realServerOf: new Map(), virtualNodes: model.virtualNodes };
  const seen = new Set<string>();
  for (const vn of model.virtualNodes) {
    const group = model.nodeGroups.find((g) => g.id === vn.nodeGroup);
    const members = (group?.nodes ?? []).map((id) => nodes.get(id)).filter((n): n is NodeModel => n !== undefined);
    for (const sid of vn.services) {
      const svc = services.get(sid);
      if (!svc) continue;
      const key = svc.protocol === 'fwmark' ? `fwmark ${svc.fwmark}` : `${svc.protocol} ${vn.vip}:${svc.port}`;
      if (seen.has(key)) continue; // the invariant checker reports duplicates; render stays total
      seen.add(key);
      const runners = members.filter((n) => n.services.includes(svc.id));
      const checks = runners.map((n) => effectiveCheck(model, n.id, svc.id));
      const unchecked = runners.filter((_, i) => checks[i] === null).map((n) => realServerKey({ address: n.address, port: svc.port ?? 0 }));
      const spec: VirtualServiceSpec = {
        protocol: svc.protocol,
        vip: svc.protocol === 'fwmark' ? null : vn.vip,
        port: svc.protocol === 'fwmark' ? null : svc.port,
        fwmark: svc.protocol === 'fwmark' ? svc.fwmark : null,
        scheduler: svc.scheduler,
        flags: [...svc.schedulerFlags],
        persistence: svc.persistence ? { timeout: svc.persistence.timeout, netmask: svc.persistence.netmask } : null,
        ...(svc.healthCheck ? { health: { onFailure: svc.healthCheck.onFailure, sorryServer: svc.sorryServer, ...(unchecked.length ? { unchecked } : {}) } } : {}),
        realServers: runners.map((n) => ({
          address: n.address,
          port: svc.port ?? 0,
          forward: svc.forwarding,
          tunnelType: svc.forwarding === 'tun' ? (svc.tunnelType ?? 'ipip') : null,
          weight: weightOf(model, n.id, svc.id),
          upperThreshold: svc.upperThreshold,
          lowerThreshold: svc.lowerThreshold,
        })),
      };
      table.services.push({ spec, service: svc, vn, checks });
      for (const n of runners) {
        const parts = table.realServerOf.get(n.id) ?? [];
        parts.push({ vip: vn.vip, forwarding: svc.forwarding, tunnelType: svc.forwarding === 'tun' ? (svc.tunnelType ?? 'ipip') : null });
        table.realServerOf.set(n.id, parts);
      }
    }
  }
  return table;
}

class NodeState {
  roles = new Set<NodeRole>();
  ipvs: VirtualServiceSpec[] = [];
  addresses: AddressSpec[] = [];
  sysctls: Record<string, string> = {};
  modules = new Set<string>();
  checks: NodeCheck[] = [];

  addAddress(a: AddressSpec) {
    if (!this.addresses.some((x) => x.address === a.address && x.dev === a.dev)) this.addresses.push(a);
  }
  set(values: Record<string, string>) {
    Object.assign(this.sysctls, values);
  }
}

function directorSetup(st: NodeState, node: NodeModel, table: Table, withRules: boolean, withVips: boolean) {
  if (withRules) st.ipvs = table.services.map((t) => t.spec);
  st.modules.add('ip_vs');
  for (const t of table.services) {
    st.modules.add(`ip_vs_${t.service.scheduler}`);
    if (t.service.forwarding === 'tun') st.modules.add('ipip');
  }
  // A packet that matches a connection entry of a removed or dead real server would otherwise be
  // dropped (new connections reusing a client port included); with this it is scheduled anew.
  st.set({ ...DIRECTOR_SYSCTLS });
  for (const t of table.services) {
    if (t.service.forwarding !== 'nat') continue;
    const dev = t.vn.interface ?? node.vipInterface;
    st.set({
      'net.ipv4.conf.all.send_redirects': '0',
      'net.ipv4.conf.default.send_redirects': '0',
      [`net.ipv4.conf.${dev}.send_redirects`]: '0',
    });
  }
  if (!withVips) return;
  for (const vn of table.virtualNodes) {
    const dev = vn.interface ?? node.vipInterface;
    st.addAddress({ address: vn.vip, prefix: maskToPrefix(vn.netmask) ?? 32, dev, label: managedLabel(dev) });
  }
}

function realServerSetup(st: NodeState, parts: Participation[], gateway: string | null, fix: boolean) {
  for (const p of parts) {
    if (p.forwarding === 'dr') {
      st.addAddress({ address: p.vip, prefix: 32, dev: 'lo', label: managedLabel('lo') });
      st.set(ARP_SUPPRESSION);
    } else if (p.forwarding === 'tun') {
      const tun = tunnelDevice(p.tunnelType ?? 'ipip');
      tun.modules.forEach((m) => st.modules.add(m));
      st.addAddress({ address: p.vip, prefix: 32, dev: tun.dev, label: managedLabel(tun.dev) });
      // The tunnel VIP must not answer ARP either, and decapsulated packets fail rp_filter otherwise.
      st.set({ ...ARP_SUPPRESSION, 'net.ipv4.conf.all.rp_filter': '0', [`net.ipv4.conf.${tun.dev}.rp_filter`]: '0' });
    } else if (gateway !== null && !st.checks.some((c) => c.expectedGateway === gateway)) {
      st.checks.push({ kind: 'nat-gateway', expectedGateway: gateway, fix });
    }
  }
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedModules(m: Set<string>): string[] {
  // ip_vs first so a failing scheduler module does not hide the core one.
  return [...m].sort((a, b) => (a === 'ip_vs' ? -1 : b === 'ip_vs' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One desired state per node, in model order. Roles: the active director holds the VIPs and the
 * table; other candidates are backups with the table loaded and no VIP; group members serving a
 * service are real servers. A backup that is also a real server gets an empty table: with the
 * rules loaded it would re-balance the DR packets the director forwards to it (the two-box LVS
 * loop), so like heartbeat's slave it loads them only when it takes over (a re-render with it as
 * active director). With failover (keepalived's VRRP) every candidate has the table loaded, and
 * one that also serves keeps its director off through the kernel's backup_only instead.
 */
export function renderCluster(model: ClusterModel, opts: RenderOptions): NodeDesiredState[] {
  const table = buildTable(model);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const active = opts.activeDirector !== null ? (byId.get(opts.activeDirector) ?? null) : null;
  const candidates = new Set(model.masterPriority.nodes.filter((id) => byId.has(id)));
  const checked = table.services.some((t) => t.service.healthCheck !== null);
  const failover = model.masterPriority.failover !== null;
  return model.nodes.map((node) => {
    const st = new NodeState();
    const isActive = active?.id === node.id;
    const isBackup = !isActive && candidates.has(node.id);
    const parts = table.realServerOf.get(node.id) ?? [];
    if (isActive) st.roles.add('director');
    if (isBackup) st.roles.add('backup');
    if (parts.length) st.roles.add('real-server');
    const vrrp = failover && candidates.has(node.id) ? vrrpSpecFor(model, node) : null;
    // With failover keepalived holds the VIP (and moves it); every candidate has the table loaded.
    if (vrrp) directorSetup(st, node, table, true, false);
    else if (isActive) directorSetup(st, node, table, true, true);
    else if (isBackup) directorSetup(st, node, table, parts.length === 0, false);
    // The active director serving its own VIP (local node) already holds the VIP on its interface.
    // With failover a candidate that serves holds it on lo like any real server (keepalived adds
    // it on the interface while master), and the kernel's backup_only keeps its director off while
    // its sync daemon is the backup one: it does not re-balance what the master forwards to it.
    if ((vrrp || !isActive) && parts.length) realServerSetup(st, parts, active?.address ?? null, opts.fixNatGateway ?? false);
    if (vrrp && parts.length) st.set({ 'net.ipv4.vs.backup_only': '1' });
    const state = {
      ipvs: st.ipvs,
      addresses: st.addresses,
      sysctls: sortedRecord(st.sysctls),
      modules: sortedModules(st.modules),
    };
    // With any check in the cluster keepalived owns a director's table, and with failover every
    // candidate's; its boot rules stay empty.
    const keepalived = (checked && st.ipvs.length > 0) || vrrp !== null;
    return {
      nodeId: node.id,
      nodeName: node.name,
      roles: (['director', 'backup', 'real-server'] as const).filter((r) => st.roles.has(r)),
      ...state,
      checks: st.checks,
      bootFiles: keepalived
        ? [...renderBootFiles({ ...state, ipvs: [] }), ...keepalivedBootFiles(table.services.map((t) => ({ spec: t.spec, check: t.service.healthCheck, checks: t.checks, sorryServer: t.service.sorryServer })), vrrp)]
        : renderBootFiles(state),
      ...(keepalived ? { engine: 'keepalived' as const } : {}),
    };
  });
}
