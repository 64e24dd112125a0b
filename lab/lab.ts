/**
 * Lifecycle of one lab run: create its state dir, boot its nodes, reboot or re-key one node, and tear
 * it down. Everything a run owns (pids, logs, ports, keys, disks) lives in its state dir.
 */
import { existsSync, readdirSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureImage } from './image';
import { generateEd25519, fingerprintOfPublicKeyLine, publicKeyLine } from './keys';
import { buildNodeInitrd } from './overlay';
import { IMAGE_DIR, LATEST_FILE, RUNS_DIR, image } from './paths';
import { distinctFreeTcpPorts, freeUdpPort, sshBanner } from './ports';
import { runningPid, startQemu, stopQemu } from './qemu';
import { closeMaster, renderKnownHosts, renderSshConfig, runSsh } from './ssh';
import { type LabNodeRecord, type LabState, nodeDir, nodeIdentity, readState, writeState } from './state';

type Log = (line: string) => void;
const defaultLog: Log = (l) => process.stderr.write(l + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DISK_BYTES = 32 * 1024 * 1024;

export const hostKeyFile = (stateDir: string, name: string) => path.join(nodeDir(stateDir, name), 'ssh_host_ed25519_key');
const knownHostsPath = (stateDir: string) => path.join(stateDir, 'known_hosts');

function writeSshFiles(state: LabState): void {
  writeFileSync(state.sshConfigPath, renderSshConfig({
    nodes: state.nodes, privateKeyPath: state.privateKeyPath,
    knownHostsPath: knownHostsPath(state.stateDir), controlDir: state.controlDir,
  }));
  writeFileSync(knownHostsPath(state.stateDir), renderKnownHosts(state.nodes.map((n) => ({
    name: n.name, publicKeyLine: publicKeyLine(hostKeyFile(state.stateDir, n.name)),
  }))));
}

/** The lines `lab up` prints and keeps: NAME HOST:PORT CLUSTER-ADDRESS. */
export function renderNodeLines(nodes: readonly LabNodeRecord[]): string {
  return nodes.map((n) => `${n.name} ${n.sshHost}:${n.sshPort} ${n.clusterAddress}`).join('\n') + '\n';
}

function prepareNodeBoot(state: LabState, node: LabNodeRecord): void {
  const dir = nodeDir(state.stateDir, node.name);
  buildNodeInitrd(image.initrd, dir, {
    node, allNodes: state.nodes, hostKeyFile: hostKeyFile(state.stateDir, node.name),
    authorizedKey: publicKeyLine(state.privateKeyPath),
  });
}

function bootNode(state: LabState, node: LabNodeRecord): void {
  const dir = nodeDir(state.stateDir, node.name);
  if (runningPid(dir) !== null) throw new Error(`${node.name} is already running`);
  startQemu({ node, nodeDir: dir, kernel: image.kernel, mcastPort: state.mcastPort });
}

function consoleTail(state: LabState, name: string): string {
  const f = path.join(nodeDir(state.stateDir, name), 'console.log');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(-15).join('\n') : '(no console log)';
}

/** Waits until the node's sshd accepts our key with the pinned host key. */
export async function waitForSsh(state: LabState, node: LabNodeRecord, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const dir = nodeDir(state.stateDir, node.name);
  while (Date.now() < deadline) {
    if (runningPid(dir) === null) throw new Error(`${node.name}: qemu exited during boot\n${consoleTail(state, node.name)}`);
    if (await sshBanner(node.sshPort, 2000)) {
      const r = await runSsh(state.sshConfigPath, node.name, 'true', { timeoutMs: 30_000 }).catch(() => null);
      if (r?.code === 0) return;
      if (r && /REMOTE HOST IDENTIFICATION|Host key verification failed/.test(r.stderr)) {
        throw new Error(`${node.name}: host key does not match the pinned one: ${r.stderr.trim()}`);
      }
    }
    await sleep(500);
  }
  throw new Error(`${node.name}: sshd did not answer within ${timeoutMs} ms\n${consoleTail(state, node.name)}`);
}

export async function upLab(n: number, log: Log = defaultLog): Promise<LabState> {
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new Error(`node count must be 1..32, got ${n}`);
  ensureImage({ log });
  const runId = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '') + '-' + randomBytes(3).toString('hex');
  const stateDir = path.join(RUNS_DIR, runId);
  mkdirSync(stateDir, { recursive: true });
  // Unix socket paths are limited to 108 bytes, so the ssh control sockets live in a short tmp dir.
  const controlDir = mkdtempSync(path.join(os.tmpdir(), 'lvslab-'));
  const privateKeyPath = path.join(stateDir, 'id_ed25519');
  generateEd25519(privateKeyPath, `lvs-lab-${runId}`);
  const ports = await distinctFreeTcpPorts(n);
  const nodes: LabNodeRecord[] = [];
  for (let i = 1; i <= n; i++) {
    const id = nodeIdentity(i);
    const dir = nodeDir(stateDir, id.name);
    mkdirSync(dir, { recursive: true });
    generateEd25519(hostKeyFile(stateDir, id.name), `${id.name}-host`);
    const fd = openSync(path.join(dir, 'disk.raw'), 'w');
    ftruncateSync(fd, DISK_BYTES);
    closeSync(fd);
    nodes.push({
      ...id, sshHost: '127.0.0.1', sshPort: ports[i - 1]!, clusterInterface: 'eth0', managementInterface: 'eth1',
      hostKeyFingerprint: fingerprintOfPublicKeyLine(publicKeyLine(hostKeyFile(stateDir, id.name))),
    });
  }
  const imageInfo = JSON.parse(readFileSync(path.join(IMAGE_DIR, 'image.json'), 'utf8')) as { kernelVersion: string };
  const state: LabState = {
    version: 1, stateDir, createdAt: new Date().toISOString(), mcastPort: await freeUdpPort(),
    privateKeyPath, sshConfigPath: path.join(stateDir, 'ssh_config'), controlDir,
    kernel: imageInfo.kernelVersion, nodes,
  };
  writeSshFiles(state);
  writeState(state);
  writeFileSync(LATEST_FILE, stateDir + '\n');
  const started = Date.now();
  try {
    for (const node of nodes) { prepareNodeBoot(state, node); bootNode(state, node); }
    await Promise.all(nodes.map((node) => waitForSsh(state, node)));
  } catch (e) {
    await downLab(stateDir);
    throw e;
  }
  log(`lab: ${n} node(s) answering ssh ${((Date.now() - started) / 1000).toFixed(1)} s after qemu start`);
  writeFileSync(path.join(stateDir, 'nodes.txt'), renderNodeLines(nodes));
  return state;
}

/** The newest run that still has a node running; else the last one started. */
export function latestStateDir(): string {
  const runs = existsSync(RUNS_DIR)
    ? readdirSync(RUNS_DIR).filter((d) => existsSync(path.join(RUNS_DIR, d, 'state.json'))).sort().reverse()
    : [];
  for (const run of runs) {
    const dir = path.join(RUNS_DIR, run);
    const state = readState(dir);
    if (state.nodes.some((n) => runningPid(nodeDir(dir, n.name)) !== null)) return dir;
  }
  if (!existsSync(LATEST_FILE)) throw new Error(`no lab has been started (${LATEST_FILE} missing)`);
  return readFileSync(LATEST_FILE, 'utf8').trim();
}

export async function downLab(stateDir: string): Promise<void> {
  const state = readState(stateDir);
  await Promise.all(state.nodes.map(async (node) => {
    closeMaster(state.sshConfigPath, node.name);
    await stopQemu(nodeDir(stateDir, node.name));
    // The boot archive is rebuilt at every start; the config disk stays with the run.
    rmSync(path.join(nodeDir(stateDir, node.name), 'initrd.img'), { force: true });
  }));
  rmSync(state.controlDir, { recursive: true, force: true });
}

function findNode(state: LabState, name: string): LabNodeRecord {
  const node = state.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name} in lab ${state.stateDir}`);
  return node;
}

/** Powers a node off (after a sync; the config disk is mounted sync anyway). */
export async function stopNode(stateDir: string, name: string): Promise<void> {
  const state = readState(stateDir);
  const node = findNode(state, name);
  await runSsh(state.sshConfigPath, node.name, 'sync', { timeoutMs: 5000 }).catch(() => undefined);
  closeMaster(state.sshConfigPath, node.name);
  await stopQemu(nodeDir(stateDir, name));
}

/** `kill -9` of the node's qemu: no sync, no goodbye (a director whose power is cut). */
export async function killNode(stateDir: string, name: string): Promise<void> {
  const state = readState(stateDir);
  const node = findNode(state, name);
  closeMaster(state.sshConfigPath, node.name);
  await stopQemu(nodeDir(stateDir, name), 'SIGKILL');
}

/** Boots a stopped node with the same disk, ports, MACs and addresses; returns when sshd answers. */
export async function startNode(stateDir: string, name: string): Promise<void> {
  const state = readState(stateDir);
  const node = findNode(state, name);
  prepareNodeBoot(state, node);
  bootNode(state, node);
  await waitForSsh(state, node);
}

export async function rebootNode(stateDir: string, name: string): Promise<void> {
  await stopNode(stateDir, name);
  await startNode(stateDir, name);
}

/**
 * Gives a node a new host key and reboots it, so tests can prove a changed host key is refused.
 * state.json and the run's known_hosts then pin the new key; the old fingerprint is returned.
 */
export async function regenerateHostKey(stateDir: string, name: string): Promise<{ previous: string; current: string }> {
  await stopNode(stateDir, name);
  const state = readState(stateDir);
  const node = findNode(state, name);
  const previous = node.hostKeyFingerprint;
  generateEd25519(hostKeyFile(stateDir, name), `${name}-host`);
  node.hostKeyFingerprint = fingerprintOfPublicKeyLine(publicKeyLine(hostKeyFile(stateDir, name)));
  writeSshFiles(state);
  writeState(state);
  await startNode(stateDir, name);
  return { previous, current: node.hostKeyFingerprint };
}
