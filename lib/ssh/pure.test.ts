/** Table tests for the pure parts of the SSH transport (no server needed). */
import { describe, expect, it } from 'vitest';
import { SSH_ERROR_CODES, SshError, codeForConnectError, isSshError, scrubSecrets } from './errors';
import { fingerprintOf, isFingerprint, judgeHostKey } from './hostkey';
import { KeyedMutex, Semaphore } from './limits';
import { commandLine, connectConfig, describeCommand, endpointIdentity, type SshEndpoint } from './endpoint';

const FP = 'SHA256:' + 'A'.repeat(43);
const OTHER = 'SHA256:' + 'B'.repeat(43);
const ep: SshEndpoint = { host: '10.0.0.1', port: 22, user: 'root', hostKeyFingerprint: FP, credential: { kind: 'key', privateKey: 'PEM' } };

describe('judgeHostKey', () => {
  it.each([
    [FP, FP, { ok: true }],
    [`${FP}=`, FP, { ok: true }],
    [` ${FP} `, FP, { ok: true }],
    [null, FP, { ok: false, code: 'unknown-hostkey', presented: FP }],
    ['', FP, { ok: false, code: 'unknown-hostkey', presented: FP }],
    [OTHER, FP, { ok: false, code: 'host-key-changed', presented: FP, pinned: OTHER }],
  ])('pinned %j, presented %s', (pinned, presented, verdict) => {
    expect(judgeHostKey(pinned, presented)).toEqual(verdict);
  });

  it('fingerprints in OpenSSH format', () => {
    // sha256("") = 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= in base64
    expect(fingerprintOf(Buffer.alloc(0))).toBe('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU');
    expect(isFingerprint(fingerprintOf(Buffer.from('x')))).toBe(true);
    expect(isFingerprint('MD5:aa:bb')).toBe(false);
  });
});

describe('connectConfig', () => {
  const verifier = () => true;
  it('key credential: key (and passphrase) only, pinned algorithms, timeouts, no debug or agent', () => {
    const c = connectConfig({ ...ep, credential: { kind: 'key', privateKey: 'PEM', passphrase: 'pp' } }, { connectTimeoutMs: 5000, hostVerifier: verifier });
    expect(c).toMatchObject({ host: '10.0.0.1', port: 22, username: 'root', privateKey: 'PEM', passphrase: 'pp', readyTimeout: 5000 });
    expect(c.password).toBeUndefined();
    expect(c.debug).toBeUndefined();
    expect(c.agent).toBeUndefined();
    expect(c.hostVerifier).toBe(verifier);
    expect((c.algorithms?.serverHostKey as string[])[0]).toBe('ssh-ed25519');
  });

  it('password credential: password plus keyboard-interactive, no key', () => {
    const c = connectConfig({ ...ep, credential: { kind: 'password', password: 'pw' } }, { connectTimeoutMs: 1000, hostVerifier: verifier });
    expect(c).toMatchObject({ password: 'pw', tryKeyboard: true, readyTimeout: 1000 });
    expect(c.privateKey).toBeUndefined();
  });
});

describe('endpointIdentity', () => {
  const base = endpointIdentity(ep);
  it.each<[string, SshEndpoint]>([
    ['host', { ...ep, host: '10.0.0.2' }],
    ['port', { ...ep, port: 2222 }],
    ['user', { ...ep, user: 'lvs' }],
    ['pin', { ...ep, hostKeyFingerprint: OTHER }],
    ['pin removed', { ...ep, hostKeyFingerprint: null }],
    ['key', { ...ep, credential: { kind: 'key', privateKey: 'PEM2' } }],
    ['passphrase', { ...ep, credential: { kind: 'key', privateKey: 'PEM', passphrase: 'x' } }],
    ['password', { ...ep, credential: { kind: 'password', password: 'PEM' } }],
  ])('changes with %s', (_what, changed) => {
    expect(endpointIdentity(changed)).not.toBe(base);
  });

  it('is stable and does not contain the credential', () => {
    expect(endpointIdentity({ ...ep })).toBe(base);
    expect(base).not.toContain('PEM');
  });
});

describe('commands', () => {
  it.each([
    [{ argv: ['ipvsadm', '-Ln'] }, 'ipvsadm -Ln', 'ipvsadm -Ln'],
    [{ argv: ['echo', "it's; $(id)"] }, `echo 'it'\\''s; $(id)'`, `echo 'it'\\''s; $(id)'`],
    [{ script: 'ipvsadm -C\nsecret-ish text\n' }, 'sh -s', 'sh -s (27-byte script)'],
  ])('%j → %s', (command, line, description) => {
    expect(commandLine(command)).toBe(line);
    expect(describeCommand(command)).toBe(description);
  });

  it('refuses newlines in argv before anything is sent', () => {
    expect(() => commandLine({ argv: ['echo', 'a\nreboot'] })).toThrow(/control character/);
  });
});

describe('errors', () => {
  it('the code set is closed and every code has a message', () => {
    expect(SSH_ERROR_CODES).toEqual(['unreachable', 'auth-failed', 'unknown-hostkey', 'host-key-changed', 'command-failed', 'timeout']);
    for (const code of SSH_ERROR_CODES) expect(new SshError(code).message.length).toBeGreaterThan(5);
  });

  it('recognises an SshError by its shape, also one made by a second copy of the class', () => {
    class OtherCopy extends Error {
      name = 'SshError';
      constructor(readonly code: string, readonly details = {}) { super(code); }
    }
    expect(isSshError(new SshError('timeout'))).toBe(true);
    expect(isSshError(new OtherCopy('auth-failed'))).toBe(true);
    expect(isSshError(new OtherCopy('made-up'))).toBe(false);
    expect(isSshError(Object.assign(new Error('x'), { code: 'timeout' }))).toBe(false);
    expect(isSshError({ name: 'SshError', code: 'timeout', details: {} })).toBe(false);
  });

  it.each([
    [{ level: 'client-authentication' }, 'auth-failed'],
    [{ level: 'client-timeout' }, 'timeout'],
    [{ level: 'client-socket', code: 'ECONNREFUSED' }, 'unreachable'],
    [{ level: 'client-dns', code: 'ENOTFOUND' }, 'unreachable'],
    [{ code: 'EHOSTUNREACH' }, 'unreachable'],
    [{ code: 'ETIMEDOUT' }, 'timeout'],
    [{ level: 'protocol' }, 'unreachable'],
  ])('%j → %s', (err, code) => {
    expect(codeForConnectError(err)).toBe(code);
  });

  it('scrubs whole secrets and each line of a PEM key', () => {
    const pem = '-----BEGIN KEY-----\nAAAABBBBCCCCDDDD\nEEEEFFFFGGGGHHHH\n-----END KEY-----';
    expect(scrubSecrets('x AAAABBBBCCCCDDDD y hunter22 z', [pem, 'hunter22'])).toBe('x [redacted] y [redacted] z');
  });
});

describe('limits', () => {
  it('Semaphore never runs more than its capacity and runs everything', async () => {
    const s = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.run(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.inUse).toBe(0);
  });

  it('KeyedMutex serialises per key, runs keys in parallel, survives a throwing holder', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string, name: string, fail = false) =>
      m.run(key, async () => {
        log.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 10));
        log.push(`${name}-`);
        if (fail) throw new Error('boom');
      });
    await Promise.allSettled([job('a', 'a1', true), job('a', 'a2'), job('b', 'b1')]);
    expect(log.indexOf('a1-')).toBeLessThan(log.indexOf('a2+'));
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
    expect(m.isLocked('a')).toBe(false);
  });

  it('KeyedMutex.runAll holds every key for the whole call, and overlapping sets queue instead of deadlocking', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (keys: string[], name: string) =>
      m.runAll(keys, async () => {
        log.push(`${name}+`);
        expect(keys.every((k) => m.isLocked(k))).toBe(true);
        await new Promise((r) => setTimeout(r, 10));
        log.push(`${name}-`);
      });
    // Opposite orders would deadlock if each took its first key and waited for its second.
    await Promise.race([
      Promise.all([job(['a', 'b'], 'x'), job(['b', 'a'], 'y'), job(['c'], 'z')]),
      new Promise((_, reject) => setTimeout(() => reject(new Error('deadlock')), 2_000)),
    ]);
    expect(log.slice(0, 2).sort()).toEqual(['x+', 'z+']); // c is free: z runs beside x
    expect(log.indexOf('x-')).toBeLessThan(log.indexOf('y+'));
    expect(['a', 'b', 'c'].some((k) => m.isLocked(k))).toBe(false);
  });
});
