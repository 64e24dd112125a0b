/** Table tests for the lab's pure parts; no VM needed. */
import { describe, expect, it } from 'vitest';
import { backgroundLoopScript, requestLoopScript, tallyResponses, targetUrl } from './client';
import { fingerprintOfPublicKeyLine } from './keys';
import { renderHosts, renderNodeConf } from './overlay';
import { qemuArgv } from './qemu';
import { renderKnownHosts, renderSshConfig } from './ssh';
import { nodeIdentity } from './state';

describe('nodeIdentity', () => {
  it.each([
    [1, 'lab1', '10.10.0.11', '52:54:00:0a:00:0b', '52:54:00:0b:00:0b'],
    [4, 'lab4', '10.10.0.14', '52:54:00:0a:00:0e', '52:54:00:0b:00:0e'],
    [10, 'lab10', '10.10.0.20', '52:54:00:0a:00:14', '52:54:00:0b:00:14'],
  ])('node %i', (i, name, addr, cmac, mmac) => {
    expect(nodeIdentity(i)).toEqual({ name, index: i, clusterAddress: addr, clusterMac: cmac, managementMac: mmac });
  });
});

describe('tallyResponses', () => {
  it.each([
    ['', { total: 0, ok: 0, failed: 0, timedOut: 0, byServer: {} }],
    ['ok lab2\nok lab3\nok lab2\n', { total: 3, ok: 3, failed: 0, timedOut: 0, byServer: { lab2: 2, lab3: 1 } }],
    ['fail\nok lab2\nfail\n', { total: 3, ok: 1, failed: 2, timedOut: 0, byServer: { lab2: 1 } }],
    ['fail timeout\nok lab2\nfail\n', { total: 3, ok: 1, failed: 2, timedOut: 1, byServer: { lab2: 1 } }],
    ['noise\nok lab3 \n', { total: 1, ok: 1, failed: 0, timedOut: 0, byServer: { lab3: 1 } }],
  ])('%j', (out, want) => expect(tallyResponses(out)).toEqual(want));
});

describe('traffic scripts take validated values only', () => {
  it.each([['10.20.0.1; rm -rf /', 80], ['10.20.0.256', 80], ['10.20.0.1', 0], ['10.20.0.1', 70000], ['10.20.0.1', 1.5]])(
    'rejects %s:%s', (vip, port) => expect(() => targetUrl(vip, port)).toThrow());
  it('builds a bounded loop', () => {
    const s = requestLoopScript('10.20.0.100', 80, 40);
    expect(s).toContain('while [ $i -lt 40 ]');
    expect(s).toContain('timeout 5 wget -q -O - http://10.20.0.100:80/');
  });
  it('rejects a non-integer count and a bad id', () => {
    expect(() => requestLoopScript('10.20.0.100', 80, 0)).toThrow();
    expect(() => backgroundLoopScript('x;y', '10.20.0.100', 80, 100)).toThrow();
  });
});

describe('ssh files', () => {
  it('pins host keys and reuses connections', () => {
    const cfg = renderSshConfig({
      nodes: [{ name: 'lab1', sshHost: '127.0.0.1', sshPort: 40001 }],
      privateKeyPath: '/s/id_ed25519', knownHostsPath: '/s/known_hosts', controlDir: '/tmp/c',
    });
    for (const line of ['Host lab1', 'Port 40001', 'StrictHostKeyChecking yes', 'HostKeyAlias lab1',
      'UserKnownHostsFile /s/known_hosts', 'ControlPath /tmp/c/%n', 'IdentityFile /s/id_ed25519']) {
      expect(cfg).toContain(line);
    }
    expect(renderKnownHosts([{ name: 'lab1', publicKeyLine: 'ssh-ed25519 AAAAC3Nz host-comment' }])).toBe('lab1 ssh-ed25519 AAAAC3Nz\n');
  });
  it('computes OpenSSH fingerprints', () => {
    // `ssh-keygen -lf` of this key prints the same fingerprint.
    const line = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFd5ZrE2jJVFuYLr+ly2m9qh2RXwCXNKd44HBpjzpZ05 x';
    expect(fingerprintOfPublicKeyLine(line)).toBe('SHA256:mPHljeZ21V1OsbsU/Ut2zhiLGFT5NB2BN4J5Snembeg');
  });
});

describe('node identity files', () => {
  it('renders node.conf and hosts', () => {
    const id = nodeIdentity(2);
    expect(renderNodeConf(id)).toBe('NAME=lab2\nCLUSTER_ADDR=10.10.0.12\nCLUSTER_MAC=52:54:00:0a:00:0c\nMGMT_MAC=52:54:00:0b:00:0c\n');
    expect(renderHosts([nodeIdentity(1), id])).toBe('127.0.0.1 localhost\n10.10.0.11 lab1\n10.10.0.12 lab2\n');
  });
});

describe('qemuArgv', () => {
  const argv = qemuArgv({ node: { ...nodeIdentity(3), sshPort: 40003 }, nodeDir: '/s/lab3', kernel: '/c/vmlinuz', mcastPort: 41000 });
  const after = (flag: string) => argv.filter((_, i) => argv[i - 1] === flag);
  it('runs under TCG, never KVM', () => expect(after('-accel')).toEqual(['tcg,tb-size=64']));
  it('forwards only sshd, on loopback, with no outside access', () => {
    expect(after('-netdev')).toContain('user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:40003-:22');
  });
  it('puts the cluster NIC first on the loopback multicast segment', () => {
    expect(after('-netdev')[0]).toBe('socket,id=lan,mcast=230.0.0.1:41000,localaddr=127.0.0.1');
    expect(after('-device')[0]).toBe('virtio-net-pci,netdev=lan,mac=52:54:00:0a:00:0d,addr=0x3');
  });
  it('keeps pid, console and disk in the node dir', () => {
    expect(after('-pidfile')).toEqual(['/s/lab3/qemu.pid']);
    expect(after('-serial')).toEqual(['file:/s/lab3/console.log']);
    expect(after('-drive')[0]).toMatch(/^file=\/s\/lab3\/disk\.raw,format=raw,if=virtio/);
  });
});
