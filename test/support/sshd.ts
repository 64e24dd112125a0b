/**
 * A throwaway OpenSSH server on 127.0.0.1 for transport tests: own config, host key and client key
 * generated into a temp dir at test time (no key is ever committed), on a free port.
 * Needs /usr/sbin/sshd (Debian openssh-server); runs as the current user (root in CI).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SshError, type SshEndpoint } from '@/lib/ssh';

export interface TestSshd {
  host: string;
  port: number;
  user: string;
  dir: string;
  /** `SHA256:...` exactly as `ssh-keygen -lf` prints it for the server's host key. */
  hostKeyFingerprint: string;
  /** The authorised client key (OpenSSH private key text). */
  clientKey: string;
  /** Another ed25519 key the server does not accept. */
  strangerKey: string;
  /** "Accepted publickey" lines in the server log: one per completed login. */
  acceptedLogins(): number;
  log(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

export function sshdAvailable(): boolean {
  return fs.existsSync(SSHD) && fs.existsSync('/usr/bin/ssh-keygen');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function keygen(file: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'ignore' });
}

export function fingerprintFromKeygen(pubFile: string): string {
  // "256 SHA256:abc... comment (ED25519)"
  return execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }).split(' ')[1];
}

/** Every descendant of pid (sshd forks a monitor per connection and a session under it). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* exited while we looked */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startSshd(opts: { sourceBashrc?: boolean } = {}): Promise<TestSshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-sshd-'));
  const port = await freePort();
  const user = os.userInfo().username;
  const hostKey = path.join(dir, 'host_ed25519');
  const clientKeyFile = path.join(dir, 'client_ed25519');
  const strangerFile = path.join(dir, 'stranger_ed25519');
  keygen(hostKey, 'lvs-test-host');
  keygen(clientKeyFile, 'lvs-test-client');
  keygen(strangerFile, 'lvs-test-stranger');
  fs.copyFileSync(`${clientKeyFile}.pub`, path.join(dir, 'authorized_keys'));
  const logFile = path.join(dir, 'sshd.log');
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UseDNS no',
      'PrintMotd no',
      'LogLevel INFO',
      // bash sources ~/.bashrc for ssh commands only at SHLVL<2; this keeps the test machine's own
      // root .bashrc (which may run slow tool init) out of timings. Real nodes are unaffected.
      ...(opts.sourceBashrc ? [] : ['SetEnv SHLVL=1']),
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      '',
    ].join('\n'),
  );
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege-separation dir

  let child: ChildProcess | null = null;
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const listening = () => log().split('Server listening on 127.0.0.1').length - 1;

  const start = async () => {
    const before = listening();
    child = spawn(SSHD, ['-D', '-f', config, '-E', logFile], { stdio: 'ignore' });
    const c = child;
    await waitFor(() => listening() > before || c.exitCode !== null, 5_000, 'sshd to listen');
    if (c.exitCode !== null) throw new Error(`sshd exited with ${c.exitCode}:\n${log()}`);
  };

  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.pid === undefined) return;
    // Connection processes outlive the listener (they setsid), so stop them by pid too, as a
    // real restart of the node would.
    const pids = [c.pid, ...descendants(c.pid)];
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    await waitFor(() => c.exitCode !== null || c.signalCode !== null, 5_000, 'sshd to exit');
    await waitFor(() => pids.every((p) => !fs.existsSync(`/proc/${p}`) || fs.readFileSync(`/proc/${p}/stat`, 'utf8').includes(') Z')), 5_000, 'sshd sessions to exit');
    child = null;
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    dir,
    hostKeyFingerprint: fingerprintFromKeygen(`${hostKey}.pub`),
    clientKey: fs.readFileSync(clientKeyFile, 'utf8'),
    strangerKey: fs.readFileSync(strangerFile, 'utf8'),
    acceptedLogins: () => log().split('Accepted publickey').length - 1,
    log,
    start,
    stop,
  };
}

export async function removeSshd(s: TestSshd): Promise<void> {
  await s.stop();
  fs.rmSync(s.dir, { recursive: true, force: true });
}

/** An endpoint for the test server, with the client key and its pinned host key. */
export function endpointOf(s: TestSshd, over: Partial<SshEndpoint> = {}): SshEndpoint {
  return {
    host: s.host,
    port: s.port,
    user: s.user,
    hostKeyFingerprint: s.hostKeyFingerprint,
    credential: { kind: 'key', privateKey: s.clientKey },
    ...over,
  };
}

/** The SshError a promise rejects with (anything else fails the test). */
export async function sshErrorOf(p: Promise<unknown>): Promise<SshError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SshError) return e;
    throw e;
  }
  throw new Error('expected an SshError');
}
