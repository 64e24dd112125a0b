/**
 * The lab talks to its nodes with the system ssh and a per-run config: pinned host keys
 * (StrictHostKeyChecking yes + the run's known_hosts) and ControlMaster connections, because a new
 * handshake costs ~0.7 s under emulation and a reused one ~0.15 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { LabNodeRecord } from './state';

export type ExecResult = { code: number; stdout: string; stderr: string };

export type SshConfigInput = {
  nodes: readonly Pick<LabNodeRecord, 'name' | 'sshHost' | 'sshPort'>[];
  privateKeyPath: string;
  knownHostsPath: string;
  controlDir: string;
};

export function renderSshConfig(input: SshConfigInput): string {
  return input.nodes
    .map((n) => [
      `Host ${n.name}`,
      `  HostName ${n.sshHost}`,
      `  Port ${n.sshPort}`,
      '  User root',
      `  IdentityFile ${input.privateKeyPath}`,
      '  IdentitiesOnly yes',
      `  HostKeyAlias ${n.name}`,
      `  UserKnownHostsFile ${input.knownHostsPath}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  UpdateHostKeys no',
      '  ControlMaster auto',
      `  ControlPath ${input.controlDir}/%n`,
      '  ControlPersist 300',
      '  ConnectTimeout 10',
      '  ServerAliveInterval 5',
      '  ServerAliveCountMax 3',
      '  BatchMode yes',
      '  LogLevel ERROR',
      '',
    ].join('\n'))
    .join('\n');
}

export function renderKnownHosts(entries: readonly { name: string; publicKeyLine: string }[]): string {
  return entries.map((e) => {
    const [type, blob] = e.publicKeyLine.split(/\s+/);
    return `${e.name} ${type} ${blob}`;
  }).join('\n') + '\n';
}

export type SshRunOptions = { input?: string; timeoutMs?: number; extraArgs?: readonly string[] };

/** Runs `ssh -F config host remoteCommand`; the remote command is already a quoted shell line. */
export function runSsh(configPath: string, host: string, remoteCommand: string, opts: SshRunOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const args = ['-F', configPath, ...(opts.extraArgs ?? []), host, remoteCommand];
    const child = spawn('ssh', args, { stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ssh ${host}: no answer within ${opts.timeoutMs} ms (${remoteCommand.slice(0, 80)})`));
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? 255, stdout, stderr }); });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** Ends the persistent master connection of a host (before its VM goes away). */
export function closeMaster(configPath: string, host: string): void {
  spawnSync('ssh', ['-F', configPath, '-O', 'exit', host], { stdio: 'ignore', timeout: 5000 });
}
