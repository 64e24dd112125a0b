/**
 * A console of its own for the live spec: a fresh data directory (so the first-admin setup and the
 * model are ours whatever ran before) on its own port. Default: the production server over HTTPS
 * through scripts/e2e-server.sh, called with its own certificate pinned; LIVE_E2E_DEV=1 runs
 * `next dev` over plain HTTP instead (iterating without rebuilding).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { httpsRequest } from './https';

export interface ConsoleServer { url: string; stop(): Promise<void>; fetch: ConsoleFetch; dataDir: string }
type ConsoleFetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number }) => Promise<{ status: number; ok: boolean; text(): Promise<string> }>;

export async function startConsole(port: number, env: Record<string, string>): Promise<ConsoleServer> {
  const dev = process.env.LIVE_E2E_DEV === '1';
  const url = `${dev ? 'http' : 'https'}://127.0.0.1:${port}`;
  let child: ChildProcess;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-live-e2e-'));
  const base: NodeJS.ProcessEnv = { ...process.env, ...env, CHECKPOINT_DISABLE: '1', NEXT_TELEMETRY_DISABLED: '1', LVS_CONSOLE_DATA_DIR: dataDir, DATABASE_URL: `file:${dataDir}/console.db` };
  delete base.AUTH_SECRET;
  delete base.LVS_CONSOLE_SECRET_KEY;
  if (dev) {
    execFileSync('npx', ['prisma', 'migrate', 'deploy'], { env: base, stdio: 'ignore' });
    child = spawn('npx', ['next', 'dev', '-H', '127.0.0.1', '-p', String(port)], { env: base, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } else {
    child = spawn('bash', ['scripts/e2e-server.sh'], { env: { ...base, E2E_PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  let ca: string | undefined;
  const consoleFetch: ConsoleFetch = async (target, init = {}) => {
    if (dev) return fetch(target, init);
    ca ??= fs.readFileSync(path.join(dataDir, 'tls.crt'), 'utf8');
    const answer = await httpsRequest(target, { ...init, ca });
    return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, text: async () => answer.text };
  };
  let log = '';
  child.stdout?.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (log = (log + d).slice(-20_000)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const r = await consoleFetch(`${url}/login`);
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`console did not start on ${url}:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    dataDir,
    fetch: consoleFetch,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))]);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      // Kept for reading after a failure; test-results/ is gitignored.
      fs.mkdirSync('test-results', { recursive: true });
      fs.writeFileSync(`test-results/live-console-${port}.log`, log);
    },
  };
}

/** JSON API calls with a bearer token; throws with the body on any non-2xx answer. */
export function apiClient(server: Pick<ConsoleServer, 'url' | 'fetch'>) {
  const { url } = server;
  let token = '';
  const call = async <T = unknown>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const r = await server.fetch(`${url}${p}`, {
      // A save or a switchover answers when the nodes have: emulated nodes on a loaded machine can
      // be quiet for longer than the default 30 s socket timeout.
      ...(/^\/api\/v1\/(save-state|switchover)\b/.test(p) ? { timeoutMs: 300_000 } : {}),
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p} → ${r.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    call,
    async signIn(username: string, password: string) {
      const basic = Buffer.from(`${username}:${password}`).toString('base64');
      token = (await call<{ token: string }>('POST', '/api/v1/tokens', undefined, { authorization: `Basic ${basic}` })).token;
      return token;
    },
  };
}
