/**
 * Acceptance of the lab itself: IPVS programmed by hand (no console) moves real packets in NAT, DR
 * and TUN, and a node's /etc/lvs-console survives a reboot with its start hook run at boot.
 * Needs a running 4-node lab: LVS_LAB_STATE=<state dir> (scripts/test-all.sh exports it).
 * lab1 director, lab2 + lab3 real servers (httpd answers with the node name), lab4 client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';

const STATE = process.env.LVS_LAB_STATE;
const DIRECTOR = 'lab1';
const REALS = ['lab2', 'lab3'] as const;
const CLIENT = 'lab4';
const REAL_ADDRS = { lab2: '10.10.0.12', lab3: '10.10.0.13' } as const;
const WEIGHTS = { lab2: 3, lab3: 1 } as const;

let lab: Lab;

const sysctl = (node: string, ...settings: string[]) => lab.run(node, ['sysctl', '-q', '-w', ...settings]);

async function addVirtualService(vip: string, forward: '-m' | '-g' | '-i'): Promise<void> {
  await lab.run(DIRECTOR, ['ipvsadm', '-A', '-t', `${vip}:80`, '-s', 'wlc']);
  for (const real of REALS) {
    await lab.run(DIRECTOR, ['ipvsadm', '-a', '-t', `${vip}:80`, '-r', `${REAL_ADDRS[real]}:80`, forward, '-w', String(WEIGHTS[real])]);
  }
}

/** Real servers must neither answer nor announce ARP for a VIP they hold locally (DR, TUN). */
async function silenceArp(node: string): Promise<void> {
  await sysctl(node, 'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.eth0.arp_ignore=1',
    'net.ipv4.conf.all.arp_announce=2', 'net.ipv4.conf.eth0.arp_announce=2');
}

async function expectWeightedSplit(vip: string): Promise<void> {
  const tally = await lab.client.requests(vip, 80, 40, { from: CLIENT });
  expect(tally).toEqual({ total: 40, ok: 40, failed: 0, timedOut: 0, byServer: { lab2: 30, lab3: 10 } });
}

describe.skipIf(!STATE)('lab: IPVS forwarding modes on real kernels', () => {
  beforeAll(async () => {
    lab = attachLab(STATE);
    expect(lab.nodes.map((n) => n.name)).toEqual(['lab1', 'lab2', 'lab3', 'lab4']);
    await lab.resetAll();
  }, 120_000);
  afterEach(async () => { await lab.resetAll(); }, 120_000);
  afterAll(() => lab?.close());

  it('NAT: wlc 3:1 splits 40 requests 30/10, replies routed back through the director', async () => {
    const vip = '10.20.0.100';
    await sysctl(DIRECTOR, 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.send_redirects=0',
      'net.ipv4.conf.default.send_redirects=0', 'net.ipv4.conf.eth0.send_redirects=0');
    await lab.run(DIRECTOR, ['ip', 'addr', 'add', `${vip}/24`, 'dev', 'eth0', 'label', 'eth0:lvs']);
    await addVirtualService(vip, '-m');
    for (const real of REALS) await lab.run(real, ['ip', 'route', 'add', 'default', 'via', '10.10.0.11']);
    await lab.run(CLIENT, ['ip', 'addr', 'add', '10.20.0.14/24', 'dev', 'eth0', 'label', 'eth0:lvs']);

    expect(await lab.run(DIRECTOR, ['ipvsadm', '-Ln'])).toMatch(/10\.10\.0\.12:80\s+Masq\s+3/);
    await expectWeightedSplit(vip);
  }, 180_000);

  it('DR: wlc 3:1 splits 40 requests 30/10, VIP on the real servers\' lo', async () => {
    const vip = '10.10.0.100';
    await lab.run(DIRECTOR, ['ip', 'addr', 'add', `${vip}/32`, 'dev', 'eth0', 'label', 'eth0:lvs']);
    await addVirtualService(vip, '-g');
    for (const real of REALS) {
      await silenceArp(real);
      await lab.run(real, ['ip', 'addr', 'add', `${vip}/32`, 'dev', 'lo', 'label', 'lo:lvs']);
    }

    expect(await lab.run(DIRECTOR, ['ipvsadm', '-Ln'])).toMatch(/10\.10\.0\.12:80\s+Route\s+3/);
    await expectWeightedSplit(vip);
  }, 180_000);

  it('TUN: wlc 3:1 splits 40 requests 30/10, packets arrive ipip-encapsulated on tunl0', async () => {
    const vip = '10.10.0.100';
    await lab.run(DIRECTOR, ['ip', 'addr', 'add', `${vip}/32`, 'dev', 'eth0', 'label', 'eth0:lvs']);
    await addVirtualService(vip, '-i');
    for (const real of REALS) {
      await lab.run(real, ['modprobe', 'ipip']);
      await lab.run(real, ['ip', 'link', 'set', 'tunl0', 'up']);
      await lab.run(real, ['ip', 'addr', 'add', `${vip}/32`, 'dev', 'tunl0', 'label', 'tunl0:lvs']);
      await sysctl(real, 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.tunl0.rp_filter=0');
      await silenceArp(real);
    }

    expect(await lab.run(DIRECTOR, ['ipvsadm', '-Ln'])).toMatch(/10\.10\.0\.12:80\s+Tunnel\s+3/);
    await expectWeightedSplit(vip);
    const rx = await lab.run('lab2', ['cat', '/sys/class/net/tunl0/statistics/rx_packets']);
    expect(Number(rx)).toBeGreaterThan(0);
  }, 180_000);

  it('reset leaves no IPVS module, no :lvs address, no extra route', async () => {
    await lab.run(DIRECTOR, ['ipvsadm', '-A', '-t', '10.10.0.100:80', '-s', 'rr']);
    await lab.run(DIRECTOR, ['ip', 'addr', 'add', '10.10.0.100/32', 'dev', 'eth0', 'label', 'eth0:lvs']);
    await lab.reset(DIRECTOR);
    expect(await lab.run(DIRECTOR, 'grep -c "^ip_vs" /proc/modules || true')).toBe('0\n');
    expect(await lab.run(DIRECTOR, ['ip', '-o', 'addr', 'show'])).not.toContain(':lvs');
    expect(await lab.run(DIRECTOR, ['ip', 'route', 'show', 'proto', 'boot'])).toBe('');
  }, 120_000);
});

describe.skipIf(!STATE)('lab: persistent /etc/lvs-console across a reboot', () => {
  const NODE = CLIENT;
  beforeAll(async () => {
    lab = attachLab(STATE);
    await lab.reset(NODE);
  }, 120_000);
  afterAll(async () => {
    await lab.reset(NODE);
    lab.close();
  }, 120_000);

  it('keeps files written over ssh, and runs `cmctl start` at boot', async () => {
    const cmctl = [
      '#!/bin/sh',
      'case "$1" in',
      '  start) date > /run/lab/cmctl-marker; echo started >> /etc/lvs-console/boots.log ;;',
      'esac',
      '',
    ].join('\n');
    await lab.run(NODE, `cat > /etc/lvs-console/cmctl <<'EOF'\n${cmctl}EOF\nchmod 755 /etc/lvs-console/cmctl\necho kept > /etc/lvs-console/note.txt\n`);

    const before = lab.node(NODE).hostKeyFingerprint;
    await lab.reboot(NODE);

    expect(lab.node(NODE).hostKeyFingerprint).toBe(before);
    expect(await lab.run(NODE, ['cat', '/etc/lvs-console/note.txt'])).toBe('kept\n');
    // /run is a fresh tmpfs each boot, so the marker proves the hook ran during this boot.
    const hook = await lab.run(NODE, 'for i in $(seq 1 50); do [ -e /run/lab/cmctl-start.rc ] && break; sleep 0.1; done; cat /run/lab/cmctl-start.rc /etc/lvs-console/boots.log; test -s /run/lab/cmctl-marker && echo marker');
    expect(hook).toBe('0\nstarted\nmarker\n');

    await lab.reset(NODE);
    expect(await lab.run(NODE, ['ls', '-A', '/etc/lvs-console'])).toBe('lost+found\n');
  }, 300_000);
});
