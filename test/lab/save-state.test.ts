/**
 * Save state against real kernels, through the console's API and SSH transport: NAT, DR and TUN
 * clusters are saved, then the director's kernel table, the real servers' VIP/ARP settings and
 * real traffic through the VIP are checked. Needs the shared 4-node lab (LVS_LAB_STATE).
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';
import { canonicalIpvsRules, renderIpvsRules } from '@/lib/ipvs/ipvsadm-args';
import { useTestDataDir, wipeDatabase } from '../support/test-db';
import { enterLabCluster, ok, prepareClient, save, VIPS, type Mode } from './support/console';

const STATE = process.env.LVS_LAB_STATE;
useTestDataDir();
const { api } = await import('../support/api-client');
const { sshPool } = await import('@/lib/ssh');
let lab: Lab;

async function freshConsole() {
  await wipeDatabase();
  sshPool().closeAll();
  await lab.resetAll();
}

async function expectDirectorMatchesVersion(token: string, version: number) {
  const v = ok(await api('GET', `/api/v1/versions/${version}`, { token }));
  const director = v.rendered.find((d: { nodeName: string }) => d.nodeName === 'lab1');
  const live = await lab.run('lab1', ['ipvsadm', '-Sn']);
  expect(canonicalIpvsRules(live)).toBe(canonicalIpvsRules(renderIpvsRules(director.ipvs)));
  expect(live).not.toBe('');
}

describe.skipIf(!STATE)('save state on lab nodes', () => {
  beforeEach(async () => {
    lab ??= attachLab(STATE);
    await freshConsole();
  }, 180_000);
  afterAll(async () => {
    sshPool().closeAll();
    await lab?.resetAll();
    lab?.close();
  }, 180_000);

  it.each<Mode>(['nat', 'dr', 'tun'])('%s: kernel table equals the rendered rules and 40 requests split 30/10', async (mode) => {
    const c = await enterLabCluster(api, lab, mode);
    await prepareClient(lab, mode);
    const plan = await save(api, c.token, { dryRun: true });
    expect(plan.version).toBeNull();
    expect(plan.nodes.map((n) => n.status)).toEqual(['planned', 'planned', 'planned']);
    expect(await lab.run('lab1', 'cat /proc/net/ip_vs 2>/dev/null || true')).not.toMatch(/^(TCP|UDP|SCTP|FWM) /m);

    const r = await save(api, c.token, { fixNatGateway: mode === 'nat' });
    expect(r.nodes.map((n) => [n.name, n.status, n.error?.message])).toEqual([['lab1', 'applied', undefined], ['lab2', 'applied', undefined], ['lab3', 'applied', undefined]]);
    await expectDirectorMatchesVersion(c.token, r.version!);

    const { vip } = VIPS[mode];
    for (const rs of ['lab2', 'lab3']) {
      const addrs = await lab.run(rs, ['ip', '-o', '-4', 'addr', 'show']);
      if (mode === 'dr') expect(addrs).toMatch(new RegExp(`lo\\s+inet ${vip}/32 .*lo:lvs`));
      if (mode === 'tun') expect(addrs).toMatch(new RegExp(`tunl0\\s+inet ${vip}/32`));
      if (mode !== 'nat') {
        expect(await lab.run(rs, ['sysctl', '-n', 'net.ipv4.conf.all.arp_ignore', 'net.ipv4.conf.all.arp_announce'])).toBe('1\n2\n');
      } else {
        expect(await lab.run(rs, ['ip', 'route', 'show', 'default'])).toMatch(/default via 10\.10\.0\.11/);
      }
    }
    expect(await lab.run('lab1', ['sysctl', '-n', 'net.ipv4.ip_forward'])).toBe('1\n');
    expect(await lab.run('lab1', ['ip', '-o', '-4', 'addr', 'show', 'dev', 'eth0'])).toContain(`inet ${vip}/`);

    const tally = await lab.client.requests(vip, 80, 40, { from: 'lab4' });
    expect(tally).toEqual({ total: 40, ok: 40, failed: 0, timedOut: 0, byServer: { lab2: 30, lab3: 10 } });

    const again = await save(api, c.token);
    expect(again.nodes.map((n) => n.status), 'a second save changes nothing').toEqual(['unchanged', 'unchanged', 'unchanged']);
  }, 300_000);

  it('weight changes under traffic: no failed request, established connections keep their real server, never -C', async () => {
    const c = await enterLabCluster(api, lab, 'dr');
    await save(api, c.token);
    // A connection held open from the client through the VIP.
    await lab.run('lab4', 'nohup sh -c "sleep 60 | busybox nc 10.10.0.100 80 >/dev/null" >/dev/null 2>&1 &');
    const held = async () => {
      const conns = await lab.run('lab1', ['ipvsadm', '-Lnc']);
      return conns.split('\n').filter((l) => /ESTABLISHED/.test(l) && /10\.10\.0\.14:\d+/.test(l)).map((l) => l.trim().split(/\s+/).slice(2).join(' '));
    };
    await expect.poll(held, { timeout: 15_000 }).toHaveLength(1);
    const before = await held();

    const traffic = await lab.client.start('10.10.0.100', 80, { from: 'lab4' });
    for (const [w2, w3] of [[1, 3], [5, 5], [3, 1]]) {
      ok(await api('PUT', '/api/v1/weights', { token: c.token, body: [{ node: c.nodes.lab2, service: c.service, weight: w2 }, { node: c.nodes.lab3, service: c.service, weight: w3 }] }));
      const r = await save(api, c.token);
      const director = r.nodes.find((n) => n.name === 'lab1')!;
      expect(director.status).toBe('applied');
      expect(director.steps.every((s) => !/ -C\b/.test(s.summary))).toBe(true);
      expect(director.steps.filter((s) => s.summary.includes('-e ')).length).toBeGreaterThan(0);
    }
    const tally = await traffic.stop();
    expect(tally.total).toBeGreaterThan(10);
    expect(tally.failed).toBe(0);
    expect(await held()).toEqual(before);
  }, 300_000);

  it('the director comes back by itself after a reboot: rules, VIP and traffic', async () => {
    const c = await enterLabCluster(api, lab, 'dr');
    const r = await save(api, c.token);
    await lab.reboot('lab1');
    await expect.poll(() => lab.run('lab1', 'cat /run/lab/cmctl-start.rc 2>/dev/null || echo none'), { timeout: 30_000 }).toBe('0\n');
    await expectDirectorMatchesVersion(c.token, r.version!);
    expect(await lab.run('lab1', ['ip', '-o', '-4', 'addr', 'show', 'dev', 'eth0'])).toContain('inet 10.10.0.100/32');
    const tally = await lab.client.requests('10.10.0.100', 80, 40, { from: 'lab4' });
    expect(tally.failed).toBe(0);
    expect(tally.byServer).toEqual({ lab2: 30, lab3: 10 });
  }, 300_000);

  it('a down node is reported unreachable while the others apply; retrying it succeeds once it is back', async () => {
    const c = await enterLabCluster(api, lab, 'dr');
    await lab.stop('lab3');
    try {
      const r = await save(api, c.token);
      const by = Object.fromEntries(r.nodes.map((n) => [n.name, n]));
      expect(by.lab1.status).toBe('applied');
      expect(by.lab2.status).toBe('applied');
      expect(by.lab3.status).toBe('failed');
      expect(by.lab3.error?.code).toBe('unreachable');
    } finally {
      await lab.start('lab3');
    }
    const retry = await save(api, c.token, { nodes: [c.nodes.lab3] });
    expect(retry.nodes.find((n) => n.name === 'lab3')?.status).toBe('applied');
    expect(await lab.run('lab3', ['ip', '-o', '-4', 'addr', 'show', 'dev', 'lo'])).toContain('10.10.0.100/32');
  }, 300_000);

  it('a changed host key is refused with host-key-changed; an unpinned node answers unknown-hostkey with its fingerprint', async () => {
    const c = await enterLabCluster(api, lab, 'dr');
    const { previous, current } = await lab.regenerateHostKey('lab2');
    expect(current).not.toBe(previous);
    sshPool().closeAll();
    const r = await save(api, c.token);
    const lab2 = r.nodes.find((n) => n.name === 'lab2')!;
    expect(lab2.status).toBe('failed');
    expect(lab2.error?.code).toBe('host-key-changed');
    expect(lab2.error?.fingerprint).toBe(current);

    ok(await api('PUT', `/api/v1/nodes/${c.nodes.lab2}`, { token: c.token, body: { ssh: { hostKeyFingerprint: null } } }));
    const unknown = (await save(api, c.token, { dryRun: true })).nodes.find((n) => n.name === 'lab2')!;
    expect(unknown.error).toMatchObject({ code: 'unknown-hostkey', fingerprint: current });

    ok(await api('PUT', `/api/v1/nodes/${c.nodes.lab2}`, { token: c.token, body: { ssh: { hostKeyFingerprint: current } } }));
    expect((await save(api, c.token, { nodes: [c.nodes.lab2] })).nodes.find((n) => n.name === 'lab2')?.status).toBe('applied');
  }, 300_000);

  it('descriptions and notes full of shell metacharacters are applied without reaching a shell', async () => {
    const evil = '$(touch /tmp/pwned) `touch /tmp/pwned2`; touch /tmp/pwned3 \' "; halt; "';
    const c = await enterLabCluster(api, lab, 'dr', { description: evil, notes: evil, serviceName: 'web 서비스' });
    const r = await save(api, c.token);
    expect(r.nodes.map((n) => n.status)).toEqual(['applied', 'applied', 'applied']);
    for (const n of ['lab1', 'lab2', 'lab3']) expect(await lab.run(n, 'ls /tmp/pwned* 2>/dev/null || echo clean')).toBe('clean\n');
    expect((await lab.client.requests('10.10.0.100', 80, 8, { from: 'lab4' })).failed).toBe(0);
  }, 300_000);

  it('a step that fails mid-batch leaves its node as it was, reported with the step and the error output', async () => {
    const c = await enterLabCluster(api, lab, 'dr');
    ok(await api('PUT', `/api/v1/virtual-nodes/${c.vn}`, { token: c.token, body: { interface: 'eth9' } }));
    const before = await lab.run('lab1', ['sysctl', '-n', 'net.ipv4.ip_forward']);
    const r = await save(api, c.token);
    const director = r.nodes.find((n) => n.name === 'lab1')!;
    expect(director.status).toBe('failed');
    expect(director.error).toMatchObject({ code: 'command-failed', rolledBack: true });
    expect(director.error?.summary).toContain('eth9');
    expect(director.error?.stderr).toMatch(/eth9|Cannot find device/);
    expect(await lab.run('lab1', ['sysctl', '-n', 'net.ipv4.ip_forward'])).toBe(before);
    expect(await lab.run('lab1', 'cat /proc/net/ip_vs 2>/dev/null || true')).not.toMatch(/^(TCP|UDP|SCTP|FWM) /m);
    expect(await lab.run('lab1', 'ls /etc/lvs-console/cmctl 2>/dev/null || echo none')).toBe('none\n');
    expect(r.nodes.filter((n) => n.name !== 'lab1').map((n) => n.status)).toEqual(['applied', 'applied']);
  }, 300_000);

  it('history: two saves diff by their rules, and reverting to the first makes a new save that restores it', async () => {
    const c = await enterLabCluster(api, lab, 'dr');
    const v1 = (await save(api, c.token)).version!;
    ok(await api('PUT', '/api/v1/weights', { token: c.token, body: [{ node: c.nodes.lab2, service: c.service, weight: 1 }, { node: c.nodes.lab3, service: c.service, weight: 3 }] }));
    const v2 = (await save(api, c.token)).version!;
    const diff = ok(await api('GET', `/api/v1/versions/diff?from=${v1}&to=${v2}`, { token: c.token }));
    const rules = diff.nodes.find((n: { name: string }) => n.name === 'lab1').files.find((f: { path: string }) => f.path.endsWith('ipvs.rules'));
    expect(rules.lines.filter((l: { op: string }) => l.op !== ' ').map((l: { op: string; text: string }) => l.op + l.text)).toEqual([
      '--a -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 3', '--a -t 10.10.0.100:80 -r 10.10.0.13:80 -g -w 1',
      '+-a -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 1', '+-a -t 10.10.0.100:80 -r 10.10.0.13:80 -g -w 3',
    ]);
    const reverted = ok(await api('POST', `/api/v1/versions/${v1}/revert`, { token: c.token }));
    expect(reverted.nodes.find((n: { name: string }) => n.name === 'lab1').status).toBe('applied');
    const versions = ok(await api('GET', '/api/v1/versions', { token: c.token }));
    expect(versions[0]).toMatchObject({ id: reverted.version, revertOf: v1, status: 'applied' });
    expect(await lab.run('lab1', ['ipvsadm', '-Sn'])).toMatch(/-r 10\.10\.0\.12:80 -g -w 3/);
  }, 300_000);
});
