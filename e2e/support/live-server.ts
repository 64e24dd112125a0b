/**
 * A console of its own for the live spec: a fresh data directory (so the first-admin setup and the
 * model are ours whatever ran before) on its own port. Default: the production build through
 * scripts/e2e-server.sh; LIVE_E2E_DEV=1 runs `next dev` instead (iterating without rebuilding).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ConsoleServer { url: string; stop(): Promise<void> }

export async function startConsole(port: number, env: Record<string, string>): Promise<ConsoleServer> {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let dataDir: string | null = null;
  const base: NodeJS.ProcessEnv = { ...process.env, ...env, CHECKPOINT_DISABLE: '1', NEXT_TELEMETRY_DISABLED: '1' };
  delete base.AUTH_SECRET;
  delete base.LVS_CONSOLE_SECRET_KEY;
  if (process.env.LIVE_E2E_DEV === '1') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-live-e2e-'));
    const dbEnv = { ...base, LVS_CONSOLE_DATA_DIR: dataDir, DATABASE_URL: `file:${dataDir}/console.db` };
    execFileSync('npx', ['prisma', 'migrate', 'deploy'], { env: dbEnv, stdio: 'ignore' });
    child = spawn('npx', ['next', 'dev', '-H', '127.0.0.1', '-p', String(port)], { env: dbEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } else {
    child = spawn('bash', ['scripts/e2e-server.sh'], { env: { ...base, E2E_PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  let log = '';
  child.stdout?.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (log = (log + d).slice(-20_000)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/login`);
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`console did not start on ${url}:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))]);
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      // Kept for reading after a failure; test-results/ is gitignored.
      fs.mkdirSync('test-results', { recursive: true });
      fs.writeFileSync(`test-results/live-console-${port}.log`, log);
    },
  };
}

/** JSON API calls with a bearer token; throws with the body on any non-2xx answer. */
export function apiClient(url: string) {
  let token = '';
  const call = async <T = unknown>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const r = await fetch(`${url}${p}`, {
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
