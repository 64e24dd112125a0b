/**
 * Shapes shared by the renderer (model -> desired), the parsers (node output -> live) and the
 * planner (desired vs live -> steps). Desired and live use the same shapes so they compare directly.
 */
import type { Forwarding, Scheduler, SchedulerFlag, TunnelType } from '../cluster/primitives';

export type IpvsProtocol = 'tcp' | 'udp' | 'sctp' | 'fwmark';

export interface RealServerSpec {
  address: string;
  port: number; // 0 for fwmark services whose real servers take any port
  forward: Forwarding;
  tunnelType: TunnelType | null; // only for forward === 'tun'
  weight: number;
  upperThreshold: number; // 0 = none
  lowerThreshold: number;
}

export interface VirtualServiceSpec {
  protocol: IpvsProtocol;
  vip: string | null; // null for fwmark
  port: number | null; // null for fwmark
  fwmark: number | null;
  scheduler: Scheduler;
  flags: SchedulerFlag[];
  persistence: { timeout: number; netmask: string | null } | null;
  realServers: RealServerSpec[];
  /** Set when keepalived checks the real servers: what the health overlay does to a down one. */
  health?: {
    onFailure: 'remove' | 'quiesce';
    sorryServer: { address: string; port: number } | null;
    /** Real servers (address:port) whose node overrides the check to none: always up. */
    unchecked?: string[];
  };
}

/** An IPv4 address on an interface. Addresses this product manages carry a label ending in ":lvs". */
export interface AddressSpec {
  address: string;
  prefix: number;
  dev: string;
  label: string | null;
}

export type NodeRole = 'director' | 'backup' | 'real-server';

export type NodeCheck = { kind: 'nat-gateway'; expectedGateway: string; fix: boolean };

export interface BootFile {
  path: string;
  content: string;
  mode: number; // e.g. 0o755
}

/** Everything one node should look like after a save. */
export interface NodeDesiredState {
  nodeId: string;
  nodeName: string;
  roles: NodeRole[];
  ipvs: VirtualServiceSpec[]; // [] = table must be empty of managed services
  addresses: AddressSpec[]; // every managed address this node should hold
  sysctls: Record<string, string>; // e.g. { 'net.ipv4.ip_forward': '1' }
  modules: string[]; // kernel modules to load, e.g. ['ip_vs', 'ipip']
  checks: NodeCheck[];
  bootFiles: BootFile[]; // boot persistence (cmctl)
  /** 'keepalived': keepalived owns this node's IPVS table (checks); absent: the console's ipvsadm steps do. */
  engine?: 'keepalived';
}

/** What a node looks like now, as read over one SSH round trip. */
export interface NodeLiveState {
  ipvs: VirtualServiceSpec[];
  addresses: AddressSpec[];
  sysctls: Record<string, string>;
  modules: string[];
  defaultGateway: string | null;
  bootFiles: Record<string, string>; // path -> current content (absent = missing)
  initSystem?: 'systemd' | 'other'; // how the node boots: decides whether a systemd unit runs cmctl
  keepalived?: KeepalivedLive;
}

/** keepalived on a node as read: installed (with its version) and whether the console's instance runs. */
export interface KeepalivedLive {
  version: string | null; // null: not installed
  running: boolean;
}

export type StepKind = 'module' | 'sysctl' | 'address' | 'ipvs-service' | 'ipvs-real-server' | 'file' | 'route' | 'check';

/** One change on one node, as argv (never a shell string) plus its inverse for rollback. */
export interface Step {
  kind: StepKind;
  op: 'add' | 'edit' | 'delete' | 'set' | 'check';
  summary: string; // one line an admin reads in the plan, e.g. "+ -a -t 10.20.0.100:80 -r 10.10.0.12:80 -g -w 100"
  argv: string[];
  undo: string[] | null; // null when there is nothing to undo (a check, an idempotent load)
  stdin?: string; // file content for 'file' steps, written by a fixed helper command
}
