/**
 * A node's identity travels as a second cpio archive appended to the shared image: the kernel
 * unpacks concatenated archives in order, so the node's files land on top of the image's.
 */
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { LabNodeRecord } from './state';

export type NodeOverlayInput = {
  node: Pick<LabNodeRecord, 'name' | 'clusterAddress' | 'clusterMac' | 'managementMac'>;
  allNodes: readonly Pick<LabNodeRecord, 'name' | 'clusterAddress'>[];
  hostKeyFile: string;
  authorizedKey: string;
};

export function renderNodeConf(node: NodeOverlayInput['node']): string {
  return [
    `NAME=${node.name}`,
    `CLUSTER_ADDR=${node.clusterAddress}`,
    `CLUSTER_MAC=${node.clusterMac}`,
    `MGMT_MAC=${node.managementMac}`,
    '',
  ].join('\n');
}

export function renderHosts(nodes: NodeOverlayInput['allNodes']): string {
  return ['127.0.0.1 localhost', ...nodes.map((n) => `${n.clusterAddress} ${n.name}`), ''].join('\n');
}

/** Writes NODE_DIR/initrd.img = image initrd + this node's overlay archive. */
export function buildNodeInitrd(baseInitrd: string, nodeDir: string, input: NodeOverlayInput): string {
  const root = path.join(nodeDir, 'overlay');
  rmSync(root, { recursive: true, force: true });
  for (const d of ['etc/lab', 'etc/ssh', 'root/.ssh']) mkdirSync(path.join(root, d), { recursive: true });
  writeFileSync(path.join(root, 'etc/lab/node.conf'), renderNodeConf(input.node));
  writeFileSync(path.join(root, 'etc/hosts'), renderHosts(input.allNodes));
  writeFileSync(path.join(root, 'etc/hostname'), input.node.name + '\n');
  copyFileSync(input.hostKeyFile, path.join(root, 'etc/ssh/ssh_host_ed25519_key'));
  copyFileSync(input.hostKeyFile + '.pub', path.join(root, 'etc/ssh/ssh_host_ed25519_key.pub'));
  chmodSync(path.join(root, 'etc/ssh/ssh_host_ed25519_key'), 0o600);
  writeFileSync(path.join(root, 'root/.ssh/authorized_keys'), input.authorizedKey + '\n', { mode: 0o600 });
  chmodSync(path.join(root, 'root'), 0o700);
  chmodSync(path.join(root, 'root/.ssh'), 0o700);

  const archive = path.join(nodeDir, 'overlay.cpio.gz');
  const r = spawnSync('sh', ['-c', 'find . | cpio -o -H newc -R 0:0 --quiet | gzip -1 > "$1"', 'sh', archive], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packing overlay of ${input.node.name} failed: ${r.stderr}`);

  const out = path.join(nodeDir, 'initrd.img');
  copyFileSync(baseInitrd, out);
  const fd = openSync(out, 'a');
  try {
    // Zero padding between archives is skipped by the kernel; align the overlay to 512 bytes.
    const pad = (512 - (statSync(baseInitrd).size % 512)) % 512;
    if (pad) writeSync(fd, Buffer.alloc(pad));
    writeSync(fd, readFileSync(archive));
  } finally {
    closeSync(fd);
  }
  return out;
}
