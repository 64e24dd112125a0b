/**
 * One lab node = one qemu process under TCG (this host's KVM cannot run stock kernels). Its pidfile
 * is in the node's state dir; we only ever signal a pid whose command line names that pidfile.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { LabNodeRecord } from './state';

export type QemuNodeInput = {
  node: Pick<LabNodeRecord, 'name' | 'sshPort' | 'clusterMac' | 'managementMac'>;
  nodeDir: string;
  kernel: string;
  mcastPort: number;
  memoryMiB?: number;
};

export const pidFileOf = (nodeDir: string) => path.join(nodeDir, 'qemu.pid');

/** The qemu command line of a node; pure so the networking choices can be read and tested. */
export function qemuArgv(input: QemuNodeInput): string[] {
  const { node, nodeDir } = input;
  return [
    'qemu-system-x86_64',
    '-name', node.name,
    '-accel', 'tcg,tb-size=64',
    '-m', String(input.memoryMiB ?? 256),
    '-smp', '1',
    '-nodefaults', '-no-user-config', '-display', 'none', '-monitor', 'none',
    '-kernel', input.kernel,
    '-initrd', path.join(nodeDir, 'initrd.img'),
    '-append', 'console=ttyS0 panic=-1 quiet',
    '-serial', `file:${path.join(nodeDir, 'console.log')}`,
    // Cluster segment first (guest eth0): every node on one multicast socket over host loopback.
    '-netdev', `socket,id=lan,mcast=230.0.0.1:${input.mcastPort},localaddr=127.0.0.1`,
    '-device', `virtio-net-pci,netdev=lan,mac=${node.clusterMac},addr=0x3`,
    // Management (guest eth1): user-mode net, no outside access, only sshd forwarded to loopback.
    '-netdev', `user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:${node.sshPort}-:22`,
    '-device', `virtio-net-pci,netdev=mgmt,mac=${node.managementMac},addr=0x4`,
    '-drive', `file=${path.join(nodeDir, 'disk.raw')},format=raw,if=virtio,cache=writeback`,
    '-device', 'virtio-rng-pci',
    '-no-reboot',
    '-daemonize', '-pidfile', pidFileOf(nodeDir),
  ];
}

export function startQemu(input: QemuNodeInput): number {
  rmSync(pidFileOf(input.nodeDir), { force: true });
  const [cmd, ...args] = qemuArgv(input);
  const r = spawnSync(cmd!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`qemu for ${input.node.name} failed to start: ${r.stderr.trim()}`);
  const pid = runningPid(input.nodeDir);
  if (pid === null) throw new Error(`qemu for ${input.node.name} did not leave a running pid`);
  return pid;
}

/** The pid of this node's qemu if it is alive and really is that qemu. */
export function runningPid(nodeDir: string): number | null {
  const pidFile = pidFileOf(nodeDir);
  let text: string;
  try {
    // qemu removes its pidfile as it exits: a read can lose the race with that, which means "gone".
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 1) return null;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(pidFile) ? pid : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM (the emulator exits at once, the guest gets no shutdown), then SIGKILL; or SIGKILL straight away. */
export async function stopQemu(nodeDir: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  const pid = runningPid(nodeDir);
  if (pid === null) return;
  process.kill(pid, signal);
  for (let i = 0; i < 50 && runningPid(nodeDir) === pid; i++) await sleep(100);
  if (runningPid(nodeDir) === pid) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && runningPid(nodeDir) === pid; i++) await sleep(100);
  rmSync(pidFileOf(nodeDir), { force: true });
}
