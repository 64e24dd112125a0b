/**
 * The lab harness for Playwright specs. Playwright loads specs as CommonJS, where lab/lab.ts (via
 * lab/paths.ts and import.meta.url) cannot load; so this bridge uses the lab's CommonJS-safe pieces
 * (state, ssh, reset and traffic scripts) directly and runs the qemu operations (stop/start) through
 * tsx in a child process.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { quoteArgv } from '../../lib/shell';
import { backgroundLoopScript, stopLoopScript, tallyResponses, type TrafficTally } from '../../lab/client';
import { RESET_SCRIPT } from '../../lab/reset';
import { closeMaster, runSsh, type ExecResult } from '../../lab/ssh';
import { readState, type LabNode } from '../../lab/state';

export type TrafficRun = { stop(): Promise<TrafficTally> };

export function attachLabBridge(stateDir: string) {
  const state = readState(stateDir);
  const nodes: LabNode[] = state.nodes.map((n) => ({ name: n.name, sshHost: n.sshHost, sshPort: n.sshPort, clusterAddress: n.clusterAddress, hostKeyFingerprint: n.hostKeyFingerprint }));
  const exec = (node: string, command: readonly string[] | string, timeoutMs = 60_000): Promise<ExecResult> =>
    typeof command === 'string'
      ? runSsh(state.sshConfigPath, node, 'sh -s', { input: command, timeoutMs })
      : runSsh(state.sshConfigPath, node, quoteArgv(command), { timeoutMs });
  const run = async (node: string, command: readonly string[] | string, timeoutMs?: number): Promise<string> => {
    const r = await exec(node, command, timeoutMs);
    if (r.code !== 0) throw new Error(`${node}: exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
    return r.stdout;
  };
  const qemu = async (op: 'stopNode' | 'startNode', node: string) => {
    closeMaster(state.sshConfigPath, node);
    const code = `import(${JSON.stringify(`${process.cwd()}/lab/lab.ts`)}).then((m) => (m.${op} ?? m.default.${op})(process.argv[1], process.argv[2]))`;
    await promisify(execFile)('npx', ['tsx', '-e', code, stateDir, node], { timeout: 180_000 });
  };
  return {
    nodes,
    node: (name: string) => nodes.find((n) => n.name === name)!,
    privateKey: readFileSync(state.privateKeyPath, 'utf8'),
    exec,
    run,
    stop: (node: string) => qemu('stopNode', node),
    start: (node: string) => qemu('startNode', node),
    async reset(node: string) {
      const out = await run(node, RESET_SCRIPT, 60_000);
      if (!out.includes('reset-ok')) throw new Error(`${node}: reset did not finish: ${out}`);
    },
    async startTraffic(from: string, vip: string, port: number, intervalMs: number): Promise<TrafficRun> {
      const id = randomBytes(4).toString('hex');
      await run(from, backgroundLoopScript(id, vip, port, intervalMs));
      return { stop: async () => tallyResponses(await run(from, stopLoopScript(id), 30_000)) };
    },
    close() {
      for (const n of nodes) closeMaster(state.sshConfigPath, n.name);
    },
  };
}

export type LabBridge = ReturnType<typeof attachLabBridge>;
