/** The SSH pool against a real OpenSSH server on 127.0.0.1 (see test/support/sshd.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SshPool, type SshEndpoint } from '@/lib/ssh';
import { endpointOf, removeSshd, sshErrorOf, sshdAvailable, startSshd, type TestSshd } from '../support/sshd';

let sshd: TestSshd;
let pool: SshPool;

const endpoint = (over: Partial<SshEndpoint> = {}): SshEndpoint => endpointOf(sshd, over);

describe.skipIf(!sshdAvailable())('SshPool against a local sshd', () => {
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    if (sshd) await removeSshd(sshd);
  });
  afterEach(() => pool?.closeAll());

  it('passes argv with shell metacharacters to the remote command as literal arguments', async () => {
    pool = new SshPool();
    const marker = path.join(sshd.dir, 'pwned');
    const args = ['a;b', '$(id)', '`x`', "it's", `; touch ${marker}`, `$(touch ${marker})`, '*', '"q" \\ $HOME'];
    const r = await pool.exec('n1', endpoint(), { argv: ['printf', '%s\\n', ...args] });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(args.map((a) => `${a}\n`).join(''));
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('runs a script on stdin of sh -s and returns non-zero exits as results', async () => {
    pool = new SshPool();
    const r = await pool.exec('n1', endpoint(), { script: 'x=41\necho "v=$((x + 1))"\necho oops >&2\nexit 3\n' });
    expect(r).toMatchObject({ code: 3, stdout: 'v=42\n', stderr: 'oops\n' });
    expect(r.ms).toBeGreaterThan(0);
  });

  it('feeds stdin to argv commands and gives EOF when there is none', async () => {
    pool = new SshPool();
    expect((await pool.exec('n1', endpoint(), { argv: ['cat'] }, { stdin: 'line 1\nline 2\n' })).stdout).toBe('line 1\nline 2\n');
    expect((await pool.exec('n1', endpoint(), { argv: ['cat'] })).stdout).toBe('');
  });

  it('reuses one connection for sequential and concurrent commands (one handshake, one login)', async () => {
    pool = new SshPool();
    const logins = sshd.acceptedLogins();
    await pool.exec('n1', endpoint(), { argv: ['true'] });
    await pool.exec('n1', endpoint(), { argv: ['true'] });
    // More than sshd's MaxSessions (10) at once: the pool queues instead of being refused.
    const many = await Promise.all(Array.from({ length: 25 }, (_, i) => pool.exec('n1', endpoint(), { argv: ['echo', String(i)] })));
    expect(many.map((r) => r.stdout)).toEqual(Array.from({ length: 25 }, (_, i) => `${i}\n`));
    expect(pool.stats().handshakes).toBe(1);
    expect(sshd.acceptedLogins() - logins).toBe(1);
  });

  it('caps channels per node at maxSessions', async () => {
    pool = new SshPool({ maxSessions: 2 });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => pool.exec('n1', endpoint(), { argv: ['sleep', '0.3'] })));
    expect(performance.now() - t0).toBeGreaterThan(550); // 2 waves of 0.3 s
  });

  it('drops the connection when the endpoint changes', async () => {
    pool = new SshPool();
    await pool.exec('n1', endpoint(), { argv: ['true'] });
    await pool.exec('n1', endpoint({ credential: { kind: 'key', privateKey: sshd.clientKey.trimEnd() + '\n\n' } }), { argv: ['true'] });
    expect(pool.stats()).toMatchObject({ handshakes: 2, openConnections: 1 });
  });

  it('withNodeLocks keeps two saves on one node from interleaving', async () => {
    pool = new SshPool();
    const file = path.join(sshd.dir, 'order.log');
    const save = (name: string) =>
      pool.withNodeLocks(['n1'], async () => {
        await pool.exec('n1', endpoint(), { argv: ['sh', '-c', `echo ${name}-start >> "$1"; sleep 0.2; echo ${name}-end >> "$1"`, 'sh', file] });
      });
    await Promise.all([save('a'), save('b')]);
    expect(fs.readFileSync(file, 'utf8')).toBe('a-start\na-end\nb-start\nb-end\n');
  });

  it('times out a command, closes its channel and keeps the pool usable', async () => {
    pool = new SshPool();
    const sibling = pool.exec('n1', endpoint(), { argv: ['sh', '-c', 'sleep 1.2; echo sibling'] });
    const t0 = performance.now();
    const e = await sshErrorOf(pool.exec('n1', endpoint(), { argv: ['sleep', '5'] }, { timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
    expect(e.details).toMatchObject({ phase: 'command', timeoutMs: 300, command: 'sleep 5' });
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect((await pool.exec('n1', endpoint(), { argv: ['echo', 'still here'] })).stdout).toBe('still here\n');
    // A command that timed out must not take its siblings on the shared connection down with it.
    expect((await sibling).stdout).toBe('sibling\n');
    expect(pool.stats().handshakes).toBe(1);
  });

  it('reconnects after the server restarts', async () => {
    pool = new SshPool();
    await pool.exec('n1', endpoint(), { argv: ['true'] });
    // Restart while idle: the stale connection is replaced transparently.
    await sshd.stop();
    await sshd.start();
    expect((await pool.exec('n1', endpoint(), { argv: ['echo', 'back'] })).stdout).toBe('back\n');
    // While down: a typed error, then recovery once it is back.
    await sshd.stop();
    expect((await sshErrorOf(pool.exec('n1', endpoint(), { argv: ['true'] }))).code).toBe('unreachable');
    await sshd.start();
    expect((await pool.exec('n1', endpoint(), { argv: ['echo', 'again'] })).code).toBe(0);
    expect(pool.stats().handshakes).toBe(3);
  });

  it('measures handshake vs warm exec time', async () => {
    pool = new SshPool();
    const t0 = performance.now();
    await pool.exec('n1', endpoint(), { argv: ['true'] });
    const cold = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await pool.exec('n1', endpoint(), { argv: ['true'] });
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)];
    console.log(
      `[ssh timings] first exec incl. handshake ${cold.toFixed(1)} ms (handshake ${pool.stats().lastHandshakeMs?.toFixed(1)} ms); ` +
        `warm exec median ${median.toFixed(1)} ms, p90 ${warm[Math.floor(warm.length * 0.9)].toFixed(1)} ms`,
    );
    expect(median).toBeLessThan(cold);
  });
});
