/** Each failure of the SSH transport surfaces as its typed code, and never carries a credential. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SshError, SshPool, fingerprintOf, type SshEndpoint } from '@/lib/ssh';
import { endpointOf, fingerprintFromKeygen, freePort, removeSshd, sshErrorOf, sshdAvailable, startSshd, type TestSshd } from '../support/sshd';
import { fakePrivateKey } from '../support/fake-key';

let sshd: TestSshd;
let pool: SshPool;
const PASSWORD = 'correct-horse-battery-staple-42';

const endpoint = (over: Partial<SshEndpoint> = {}): SshEndpoint => endpointOf(sshd, over);

/** Every way an error might get printed or shipped to a client. */
function serialised(e: SshError): string {
  return [e.message, e.stack, JSON.stringify(e), inspect(e, { depth: 10 }), String(e)].join('\n');
}

/** The private key's base64 body lines: any one of them leaking is a leak. */
function keyLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
}

function expectNoSecrets(e: SshError, pems: string[]) {
  const text = serialised(e);
  for (const pem of pems) for (const line of keyLines(pem)) expect(text).not.toContain(line);
  expect(text).not.toContain(PASSWORD);
}

describe.skipIf(!sshdAvailable())('SSH failures against a local sshd', () => {
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    if (sshd) await removeSshd(sshd);
  });
  afterEach(() => pool?.closeAll());

  it('no pinned key: unknown-hostkey with the presented fingerprint, and no login happens', async () => {
    pool = new SshPool();
    const logins = sshd.acceptedLogins();
    const e = await sshErrorOf(pool.exec('n1', endpoint({ hostKeyFingerprint: null }), { argv: ['true'] }));
    expect(e.code).toBe('unknown-hostkey');
    expect(e.details.presentedFingerprint).toBe(sshd.hostKeyFingerprint);
    expect(sshd.acceptedLogins()).toBe(logins);
    expectNoSecrets(e, [sshd.clientKey]);
  });

  it('wrong pinned key: host-key-changed with both fingerprints and a remedy', async () => {
    pool = new SshPool();
    const wrong = fingerprintFromKeygen(path.join(sshd.dir, 'stranger_ed25519.pub'));
    const e = await sshErrorOf(pool.exec('n1', endpoint({ hostKeyFingerprint: wrong }), { argv: ['true'] }));
    expect(e.code).toBe('host-key-changed');
    expect(e.details).toMatchObject({ presentedFingerprint: sshd.hostKeyFingerprint, pinnedFingerprint: wrong });
    expect(e.details.remedy).toBeTruthy();
  });

  it('a key the server does not accept: auth-failed, without the key in the error', async () => {
    pool = new SshPool();
    const e = await sshErrorOf(pool.exec('n1', endpoint({ credential: { kind: 'key', privateKey: sshd.strangerKey } }), { argv: ['true'] }));
    expect(e.code).toBe('auth-failed');
    expectNoSecrets(e, [sshd.strangerKey, sshd.clientKey]);
  });

  it('a password the server does not accept: auth-failed, without the password in the error', async () => {
    pool = new SshPool();
    const e = await sshErrorOf(pool.exec('n1', endpoint({ credential: { kind: 'password', password: PASSWORD } }), { argv: ['true'] }));
    expect(e.code).toBe('auth-failed');
    expectNoSecrets(e, []);
  });

  it('an unparsable key: auth-failed, without the key text', async () => {
    pool = new SshPool();
    const garbage = fakePrivateKey('Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA==');
    const e = await sshErrorOf(pool.exec('n1', endpoint({ credential: { kind: 'key', privateKey: garbage } }), { argv: ['true'] }));
    expect(e.code).toBe('auth-failed');
    expectNoSecrets(e, [garbage]);
  });

  it('an encrypted key: works with its passphrase, auth-failed with a wrong one, neither leaked', async () => {
    pool = new SshPool();
    const file = path.join(sshd.dir, 'encrypted_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSWORD, '-C', 'enc', '-f', file]);
    fs.appendFileSync(path.join(sshd.dir, 'authorized_keys'), fs.readFileSync(`${file}.pub`));
    const privateKey = fs.readFileSync(file, 'utf8');
    const ok = await pool.exec('n1', endpoint({ credential: { kind: 'key', privateKey, passphrase: PASSWORD } }), { argv: ['echo', 'ok'] });
    expect(ok.stdout).toBe('ok\n');
    const e = await sshErrorOf(pool.exec('n2', endpoint({ credential: { kind: 'key', privateKey, passphrase: 'not-it-' + PASSWORD } }), { argv: ['true'] }));
    expect(e.code).toBe('auth-failed');
    expectNoSecrets(e, [privateKey]);
    expect(serialised(e)).not.toContain('not-it-');
  });

  it('a closed port: unreachable', async () => {
    pool = new SshPool();
    const port = await freePort();
    const e = await sshErrorOf(pool.exec('n1', endpoint({ port }), { argv: ['true'] }));
    expect(e.code).toBe('unreachable');
    expect(e.details.reason).toBe('ECONNREFUSED');
  });

  it('a server that accepts TCP but never speaks SSH: connect timeout', async () => {
    const silent = net.createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const { port } = silent.address() as net.AddressInfo;
    try {
      pool = new SshPool({ connectTimeoutMs: 300 });
      const t0 = Date.now();
      const e = await sshErrorOf(pool.exec('n1', endpoint({ port }), { argv: ['true'] }));
      expect(e.code).toBe('timeout');
      expect(e.details).toMatchObject({ phase: 'connect', timeoutMs: 300 });
      expect(Date.now() - t0).toBeLessThan(2_000);
    } finally {
      silent.close();
    }
  });

  it('fingerprintOf matches ssh-keygen for a public key file', () => {
    const pub = fs.readFileSync(path.join(sshd.dir, 'host_ed25519.pub'), 'utf8').split(' ')[1];
    expect(fingerprintOf(Buffer.from(pub, 'base64'))).toBe(sshd.hostKeyFingerprint);
  });
});
