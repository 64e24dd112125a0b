/**
 * The console as an admin meets it: `npm start` exactly as the README says, reached from another
 * machine (a network namespace) through a non-loopback address, over HTTPS with the certificate
 * whose fingerprint start-up printed; and sign-in throttling that counts each real client.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetns, type Netns } from '../support/netns';
import { httpsRequest } from '../../e2e/support/https';

const PORT = 777; // the README's default: the test runs as root, as CI does
let consoleProcess: ChildProcess;
let output = '';
let dataDir: string;
let net: Netns;

interface NsAnswer { status: number; fingerprint256?: string; text?: string; error?: string }

function fromNamespace(name: string, requests: Array<{ url: string; method?: string; headers?: Record<string, string>; body?: string }>): NsAnswer[] {
  return JSON.parse(net.exec(name, [process.execPath, 'test/deploy/ns-client.mjs'], JSON.stringify(requests)));
}

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

async function waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(output);
    if (m) return m;
    if (consoleProcess.exitCode !== null || Date.now() > deadline) throw new Error(`console did not print ${pattern}:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  expect(process.getuid?.(), 'this test starts the console on port 777 and creates network namespaces: run it as root').toBe(0);
  net = createNetns(['a', 'b']);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-deploy-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LVS_CONSOLE_DATA_DIR: dataDir };
  for (const k of <const>['DATABASE_URL', 'PORT', 'LVS_CONSOLE_LISTEN', 'LVS_TLS', 'LVS_TLS_CERT', 'LVS_TLS_KEY', 'LVS_TRUSTED_PROXIES', 'AUTH_SECRET', 'LVS_CONSOLE_SECRET_KEY']) delete env[k];
  consoleProcess = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  consoleProcess.stdout!.on('data', (d) => (output += d));
  consoleProcess.stderr!.on('data', (d) => (output += d));
  await waitFor(/SHA-256 fingerprint: ([0-9A-F:]{95})/, 300_000);
}, 320_000);

afterAll(async () => {
  if (consoleProcess?.pid && consoleProcess.exitCode === null) { // only when a test failed before the SIGTERM one
    const exited = new Promise((r) => consoleProcess.once('exit', r));
    process.kill(-consoleProcess.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  net?.remove();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('npm start on a fresh data directory', () => {
  it('listens on every address and prints the URLs, never only loopback', () => {
    expect(output).toMatch(/listening on port 777 \(HTTPS\)/);
    expect(output).toContain(`https://${net.hostAddress}:777/`);
  });

  it('serves the login page over HTTPS to another host, with the printed certificate shown on it', async () => {
    const printed = (await waitFor(/SHA-256 fingerprint: ([0-9A-F:]{95})/, 0))[1];
    // First visit from loopback, pinned to the certificate on disk: it names 127.0.0.1 too.
    const ca = fs.readFileSync(path.join(dataDir, 'tls.crt'), 'utf8');
    const setup = await httpsRequest(`https://127.0.0.1:${PORT}/api/v1/setup`, { ca, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'correct horse battery' }) });
    expect(setup.status).toBe(201);
    expect(setup.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    // A method the Fetch API cannot represent is answered by the server, never a 500 from Next.
    expect((await httpsRequest(`https://127.0.0.1:${PORT}/api/v1/services`, { ca, method: 'TRACE' })).status).toBe(405);
    const [login] = fromNamespace('a', [{ url: `https://${net.hostAddress}:${PORT}/login` }]);
    expect(login.status).toBe(200);
    expect(login.fingerprint256).toBe(printed);
    expect(login.text).toContain(printed);
    expect(fs.statSync(path.join(dataDir, 'tls.key')).mode & 0o777).toBe(0o600);
  });

  it('answers plain HTTP on the same port with a redirect to HTTPS', () => {
    const out = net.exec('a', [process.execPath, '-e', `require('http').get('http://${net.hostAddress}:${PORT}/live', (r) => { console.log(r.statusCode, r.headers.location); process.exit(0); })`]);
    expect(out.trim()).toBe(`308 https://${net.hostAddress}:${PORT}/live`);
  });

  it('throttles sign-ins per real client: one address locked out, the other still signs in; a forged X-Forwarded-For changes nothing', () => {
    const tokens = `https://${net.hostAddress}:${PORT}/api/v1/tokens`;
    // 21 failures from a, each against a different (unknown) name, so no account lock is involved.
    const failures = fromNamespace('a', Array.from({ length: 21 }, (_, i) => ({ url: tokens, method: 'POST', headers: basic(`guess${i}`, 'x') })));
    expect(failures.map((f) => f.status)).toEqual(Array(21).fill(401));
    const [lockedOut, forged] = fromNamespace('a', [
      { url: tokens, method: 'POST', headers: basic('admin', 'correct horse battery') },
      { url: tokens, method: 'POST', headers: { ...basic('admin', 'correct horse battery'), 'x-forwarded-for': net.addresses.b, 'x-real-ip': net.addresses.b } },
    ]);
    expect(lockedOut.status).toBe(429);
    expect(forged.status).toBe(429);
    const [fromB, fromBForged] = fromNamespace('b', [
      { url: tokens, method: 'POST', headers: basic('admin', 'correct horse battery') },
      { url: tokens, method: 'POST', headers: { ...basic('admin', 'correct horse battery'), 'x-forwarded-for': net.addresses.a } },
    ]);
    expect(fromB.status).toBe(201);
    expect(fromBForged.status).toBe(201);
  });

  it('stops gracefully on SIGTERM, as systemd stops it', async () => {
    const exited = new Promise<number | null>((r) => consoleProcess.once('exit', (code) => r(code)));
    // The server itself (under npm start: npm → bash → node), as systemd signals its ExecStart.
    const server = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(consoleProcess.pid)]).toString().split('\n').find((l) => l.includes('server/main.ts'));
    process.kill(Number(server!.trim().split(/\s+/)[0]), 'SIGTERM');
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))])).toBe(0);
    expect(output).toContain('SIGTERM: closing');
  });
});
