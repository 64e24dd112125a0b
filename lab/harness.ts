/**
 * Test harness over a running lab. The full test run boots one lab (`tsx lab/cli.ts up 4`) and
 * exports LVS_LAB_STATE; tests attach to it, reset the nodes they use, and leave them reset.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { quoteArgv } from '@/lib/shell';
import { backgroundLoopScript, requestLoopScript, stopLoopScript, tallyResponses, type TrafficTally } from './client';
import { downLab, rebootNode, regenerateHostKey, killNode, startNode, stopNode, upLab } from './lab';
import { RESET_SCRIPT } from './reset';
import { closeMaster, runSsh, type ExecResult } from './ssh';
import { runningPid } from './qemu';
import { type LabNode, type LabState, nodeDir, readState } from './state';

export type { LabNode, TrafficTally, ExecResult };
export type NodeRef = LabNode | string;
export type ExecOptions = { timeoutMs?: number };
export type ClientOptions = { from?: NodeRef };

/** Continuous traffic started on the client node; `stop()` ends it and returns what happened. */
export type TrafficRun = { readonly id: string; readonly from: string; stop(): Promise<TrafficTally> };

export type Lab = {
  readonly stateDir: string;
  readonly sshConfigPath: string;
  readonly privateKeyPath: string;
  /** The OpenSSH private key text (for ssh2 or the console's credential store). */
  readonly privateKey: string;
  /** Current nodes (re-read after a host key change). */
  readonly nodes: LabNode[];
  node(name: string): LabNode;
  /** argv is quoted for the remote shell; a string is a script run by the node's /bin/sh (dash). */
  exec(node: NodeRef, command: readonly string[] | string, opts?: ExecOptions): Promise<ExecResult>;
  /** Like exec, but throws with stderr when the exit code is not 0; returns stdout. */
  run(node: NodeRef, command: readonly string[] | string, opts?: ExecOptions): Promise<string>;
  stop(node: NodeRef): Promise<void>;
  /** kill -9 of the node's qemu process, without the sync stop() does first. */
  kill(node: NodeRef): Promise<void>;
  start(node: NodeRef): Promise<void>;
  reboot(node: NodeRef): Promise<void>;
  /** New host key for the node (reboots it); state.json then pins the new one. */
  regenerateHostKey(node: NodeRef): Promise<{ previous: string; current: string }>;
  reset(node: NodeRef): Promise<void>;
  resetAll(): Promise<void>;
  client: {
    /** COUNT sequential requests to VIP:PORT from the client node (default: the last node). */
    requests(vip: string, port: number, count: number, opts?: ClientOptions): Promise<TrafficTally>;
    start(vip: string, port: number, opts?: ClientOptions & { intervalMs?: number }): Promise<TrafficRun>;
  };
  /** Ends this process's ssh master connections; the lab keeps running. */
  close(): void;
  /** Stops every node of the lab. */
  down(): Promise<void>;
};

export async function bootLab(n: number): Promise<Lab> {
  const state = await upLab(n);
  return attachLab(state.stateDir);
}

export function attachLab(stateDir: string | undefined = process.env.LVS_LAB_STATE): Lab {
  // Never guess: on a shared machine the newest lab may be someone else's.
  if (!stateDir) throw new Error('attachLab: no lab given (set LVS_LAB_STATE to a state dir printed by `lab up`)');
  const dir = stateDir;
  let state: LabState = readState(dir);
  const publicNode = (n: LabState['nodes'][number]): LabNode => ({
    name: n.name, sshHost: n.sshHost, sshPort: n.sshPort, clusterAddress: n.clusterAddress, hostKeyFingerprint: n.hostKeyFingerprint,
  });
  const nameOf = (ref: NodeRef): string => {
    const name = typeof ref === 'string' ? ref : ref.name;
    if (!state.nodes.some((n) => n.name === name)) throw new Error(`no node ${name} in lab ${dir}`);
    return name;
  };

  const exec: Lab['exec'] = (node, command, opts = {}) => {
    const host = nameOf(node);
    const timeoutMs = opts.timeoutMs ?? 120_000;
    return typeof command === 'string'
      ? runSsh(state.sshConfigPath, host, 'sh -s', { input: command, timeoutMs })
      : runSsh(state.sshConfigPath, host, quoteArgv(command), { timeoutMs });
  };
  const run: Lab['run'] = async (node, command, opts) => {
    const r = await exec(node, command, opts);
    if (r.code !== 0) {
      const what = typeof command === 'string' ? command.trim().split('\n')[0] : command.join(' ');
      throw new Error(`${nameOf(node)}: \`${what}\` exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
    }
    return r.stdout;
  };
  const clientNode = (from?: NodeRef) => nameOf(from ?? state.nodes[state.nodes.length - 1]!.name);

  const lab: Lab = {
    stateDir: dir,
    sshConfigPath: state.sshConfigPath,
    privateKeyPath: state.privateKeyPath,
    privateKey: readFileSync(state.privateKeyPath, 'utf8'),
    get nodes() { return state.nodes.map(publicNode); },
    node(name) { return publicNode(state.nodes.find((n) => n.name === nameOf(name))!); },
    exec,
    run,
    stop: (node) => stopNode(dir, nameOf(node)),
    kill: (node) => killNode(dir, nameOf(node)),
    start: (node) => startNode(dir, nameOf(node)),
    reboot: (node) => rebootNode(dir, nameOf(node)),
    async regenerateHostKey(node) {
      const r = await regenerateHostKey(dir, nameOf(node));
      state = readState(dir);
      return r;
    },
    async reset(node) {
      // A node a failed test left powered off comes back first, so one failure cannot cascade.
      if (runningPid(nodeDir(dir, nameOf(node))) === null) await startNode(dir, nameOf(node));
      const out = await run(node, RESET_SCRIPT, { timeoutMs: 60_000 });
      if (!out.includes('reset-ok')) throw new Error(`${nameOf(node)}: reset did not finish: ${out}`);
    },
    async resetAll() {
      await Promise.all(state.nodes.map((n) => lab.reset(n.name)));
    },
    client: {
      async requests(vip, port, count, opts = {}) {
        const script = requestLoopScript(vip, port, count);
        const r = await exec(clientNode(opts.from), script, { timeoutMs: 30_000 + count * 6_000 });
        return tallyResponses(r.stdout);
      },
      async start(vip, port, opts = {}) {
        const from = clientNode(opts.from);
        const id = randomBytes(4).toString('hex');
        await run(from, backgroundLoopScript(id, vip, port, opts.intervalMs ?? 100));
        return {
          id, from,
          async stop() { return tallyResponses(await run(from, stopLoopScript(id), { timeoutMs: 30_000 })); },
        };
      },
    },
    close() { for (const n of state.nodes) closeMaster(state.sshConfigPath, n.name); },
    down: () => downLab(dir),
  };
  return lab;
}
