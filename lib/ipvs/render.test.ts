import { describe, expect, it } from 'vitest';
import { isManagedAddress, managedLabel, renderCluster } from './render';
import { BOOT_PATHS, renderSystemdUnit } from './boot-files';
import { canonicalIpvsRules, renderIpvsRules } from './ipvsadm-args';
import { mixedCluster, natCluster, universityCluster } from './__fixtures__/cluster-models';
import { parseIpvsSave } from './parse-save';
import { diffIpvs } from './diff';
import type { NodeDesiredState } from './types';
import { checkOverrideCheckSchema, healthCheckSchema } from '../cluster/health-schema';

const byId = (states: NodeDesiredState[], id: string) => states.find((s) => s.nodeId === id)!;
const file = (s: NodeDesiredState, path: string) => s.bootFiles.find((f) => f.path === path)!.content;

describe('renderCluster: example 1, university web cluster (DR, lc persistent 360)', () => {
  const states = renderCluster(universityCluster(), { activeDirector: 'web01' });

  it('renders one state per node in model order', () => {
    expect(states.map((s) => s.nodeId)).toEqual(['web01', 'web02', 'web03', 'web04']);
  });

  it('gives the director the table the admins verified with ipvsadm', () => {
    const d = byId(states, 'web01');
    expect(d.roles).toEqual(['director', 'real-server']);
    expect(renderIpvsRules(d.ipvs)).toBe(
      [
        '-A -t 10.20.0.100:80 -s lc -p 360',
        '-a -t 10.20.0.100:80 -r 10.10.0.11:80 -g -w 200',
        '-a -t 10.20.0.100:80 -r 10.10.0.12:80 -g -w 100',
        '-a -t 10.20.0.100:80 -r 10.10.0.13:80 -g -w 200',
        '-a -t 10.20.0.100:80 -r 10.10.0.14:80 -g -w 100',
        '',
      ].join('\n'),
    );
  });

  it('puts the VIP on the director interface only (local node: not also on lo)', () => {
    const d = byId(states, 'web01');
    expect(d.addresses).toEqual([{ address: '10.20.0.100', prefix: 32, dev: 'eth0', label: 'eth0:lvs' }]);
    expect(d.sysctls).toEqual({ 'net.ipv4.ip_forward': '1', 'net.ipv4.vs.expire_nodest_conn': '1' });
    expect(d.modules).toEqual(['ip_vs', 'ip_vs_lc']);
    expect(d.checks).toEqual([]);
  });

  it('makes the backup director that serves a real server (heartbeat slave): VIP on lo, ARP off, no rules loaded', () => {
    const b = byId(states, 'web02');
    expect(b.roles).toEqual(['backup', 'real-server']);
    expect(b.ipvs).toEqual([]);
    expect(b.addresses).toEqual([{ address: '10.20.0.100', prefix: 32, dev: 'lo', label: 'lo:lvs' }]);
    expect(b.sysctls['net.ipv4.conf.all.arp_ignore']).toBe('1');
    expect(b.sysctls['net.ipv4.conf.lo.arp_announce']).toBe('2');
  });

  it('makes plain DR real servers', () => {
    const r = byId(states, 'web03');
    expect(r.roles).toEqual(['real-server']);
    expect(r.ipvs).toEqual([]);
    expect(r.modules).toEqual([]);
    expect(r.addresses).toEqual([{ address: '10.20.0.100', prefix: 32, dev: 'lo', label: 'lo:lvs' }]);
    expect(r.sysctls).toEqual({
      'net.ipv4.conf.all.arp_announce': '2',
      'net.ipv4.conf.all.arp_ignore': '1',
      'net.ipv4.conf.lo.arp_announce': '2',
      'net.ipv4.conf.lo.arp_ignore': '1',
    });
  });

  it('writes deterministic boot files and never names or free text', () => {
    const again = renderCluster(universityCluster(), { activeDirector: 'web01' });
    expect(again).toEqual(states);
    const d = byId(states, 'web01');
    expect(d.bootFiles.map((f) => f.path)).toEqual([BOOT_PATHS.rules, BOOT_PATHS.addresses, BOOT_PATHS.sysctl, BOOT_PATHS.modules, BOOT_PATHS.cmctl]);
    expect(file(d, BOOT_PATHS.addresses)).toBe('10.20.0.100/32 eth0 eth0:lvs\n');
    expect(file(d, BOOT_PATHS.sysctl)).toBe('net.ipv4.ip_forward = 1\nnet.ipv4.vs.expire_nodest_conn = 1\n');
    expect(file(d, BOOT_PATHS.modules)).toBe('ip_vs\nip_vs_lc\n');
    expect(d.bootFiles.find((f) => f.path === BOOT_PATHS.cmctl)!.mode).toBe(0o755);
    const all = JSON.stringify(states.map((s) => s.bootFiles));
    for (const text of ['Web01', 'rm -rf', '$(touch', '웹']) expect(all).not.toContain(text);
  });

  it('without an answering director, every candidate is a backup and nobody holds the VIP', () => {
    const none = renderCluster(universityCluster(), { activeDirector: null });
    expect(none.flatMap((s) => s.addresses).filter((a) => a.dev !== 'lo')).toEqual([]);
    expect(byId(none, 'web01').roles).toEqual(['backup', 'real-server']);
  });

  it('moves the director role on failover: web02 takes the VIP and the rules, web01 becomes a real server', () => {
    const after = renderCluster(universityCluster(), { activeDirector: 'web02' });
    expect(byId(after, 'web02').addresses[0]).toMatchObject({ dev: 'eth0', address: '10.20.0.100' });
    expect(byId(after, 'web02').ipvs).toHaveLength(1);
    expect(byId(after, 'web01').addresses[0]).toMatchObject({ dev: 'lo' });
  });
});

describe('renderCluster: example 3, NAT with wrr', () => {
  const states = renderCluster(natCluster(), { activeDirector: 'lb' });

  it('director: -m real servers, VIP with the virtual node prefix, redirects off', () => {
    const d = byId(states, 'lb');
    expect(renderIpvsRules(d.ipvs)).toBe('-A -t 10.20.0.200:80 -s wrr\n-a -t 10.20.0.200:80 -r 10.0.0.2:80 -m -w 3\n-a -t 10.20.0.200:80 -r 10.0.0.3:80 -m -w 2\n');
    expect(d.addresses).toEqual([{ address: '10.20.0.200', prefix: 24, dev: 'eth1', label: 'eth1:lvs' }]);
    expect(d.sysctls).toEqual({
      'net.ipv4.conf.all.send_redirects': '0',
      'net.ipv4.conf.default.send_redirects': '0',
      'net.ipv4.conf.eth1.send_redirects': '0',
      'net.ipv4.ip_forward': '1',
      'net.ipv4.vs.expire_nodest_conn': '1',
    });
    expect(d.modules).toEqual(['ip_vs', 'ip_vs_wrr']);
  });

  it('real servers: no VIP, a gateway check that fixes nothing unless asked', () => {
    const r = byId(states, 'rs1');
    expect(r.addresses).toEqual([]);
    expect(r.checks).toEqual([{ kind: 'nat-gateway', expectedGateway: '10.0.0.1', fix: false }]);
    const fixing = renderCluster(natCluster(), { activeDirector: 'lb', fixNatGateway: true });
    expect(byId(fixing, 'rs2').checks[0]!.fix).toBe(true);
  });
});

describe('renderCluster: tun, fwmark, sh flags, thresholds, persistence netmask', () => {
  const states = renderCluster(mixedCluster(), { activeDirector: 'lb1' });

  it('renders every kind of rule line', () => {
    expect(renderIpvsRules(byId(states, 'lb1').ipvs).split('\n')).toEqual([
      '-A -t 10.20.0.101:80 -s wrr',
      '-a -t 10.20.0.101:80 -r 10.10.0.11:80 -i -w 4 --tun-type ipip',
      '-a -t 10.20.0.101:80 -r 10.10.0.12:80 -i -w 1 --tun-type ipip',
      '-A -f 5 -s wlc',
      '-a -f 5 -r 10.10.0.11:0 -g -w 1',
      '-A -t 10.20.0.101:443 -s sh -b sh-fallback,sh-port',
      '-a -t 10.20.0.101:443 -r 10.10.0.11:443 -g -w 1',
      '-A -u 10.20.0.101:53 -s rr -p 60 -M 255.255.255.0',
      '-a -u 10.20.0.101:53 -r 10.10.0.11:53 -g -w 1 -x 1000 -y 800',
      '-a -u 10.20.0.101:53 -r 10.10.0.12:53 -g -w 1 -x 1000 -y 800',
      '',
    ]);
  });

  it('loads every scheduler module and ipip on directors; the backup gets the same rules without the VIP', () => {
    expect(byId(states, 'lb1').modules).toEqual(['ip_vs', 'ip_vs_rr', 'ip_vs_sh', 'ip_vs_wlc', 'ip_vs_wrr', 'ipip']);
    const b = byId(states, 'lb2');
    expect(b.roles).toEqual(['backup']);
    expect(b.ipvs).toEqual(byId(states, 'lb1').ipvs);
    expect(b.addresses).toEqual([]);
    expect(b.sysctls).toEqual({ 'net.ipv4.ip_forward': '1', 'net.ipv4.vs.expire_nodest_conn': '1' });
  });

  it('tunnel real servers hold the VIP on lo and tunl0 with ARP off and rp_filter relaxed', () => {
    const r = byId(states, 'rs1');
    expect(r.addresses).toEqual([
      { address: '10.20.0.101', prefix: 32, dev: 'tunl0', label: 'tunl0:lvs' },
      { address: '10.20.0.101', prefix: 32, dev: 'lo', label: 'lo:lvs' },
    ]);
    expect(r.modules).toEqual(['ipip']);
    expect(r.sysctls).toMatchObject({ 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv4.conf.tunl0.rp_filter': '0', 'net.ipv4.conf.all.arp_ignore': '1' });
  });

  it('gives a node without a role an empty state (its boot files empty too)', () => {
    const idle = byId(states, 'idle');
    expect(idle).toMatchObject({ roles: [], ipvs: [], addresses: [], sysctls: {}, modules: [], checks: [] });
    expect(file(idle, BOOT_PATHS.rules)).toBe('');
  });

  it('only members that run a service are its real servers', () => {
    const sh = byId(states, 'lb1').ipvs.find((s) => s.port === 443)!;
    expect(sh.realServers.map((r) => r.address)).toEqual(['10.10.0.11']);
  });
});

describe('managed labels', () => {
  it.each([
    ['eth0', 'eth0:lvs'],
    ['lo', 'lo:lvs'],
    ['enp0s31f6', 'enp0s31f6:lvs'],
    ['abcdefghijk', 'abcdefghijk:lvs'],
    ['abcdefghijkl', 'abcdefghijkl:lv'],
    ['abcdefghijklmn', 'abcdefghijklmn:'],
  ])('%s -> %s', (dev, label) => {
    expect(managedLabel(dev)).toBe(label);
    expect(label.length).toBeLessThanOrEqual(15);
    expect(isManagedAddress({ address: '10.20.0.1', prefix: 32, dev, label })).toBe(true);
  });
  it('refuses a 15-character device and never claims unlabeled or foreign addresses', () => {
    expect(() => managedLabel('abcdefghijklmno')).toThrow(/too long/);
    expect(isManagedAddress({ address: '10.10.0.11', prefix: 24, dev: 'eth0', label: 'eth0' })).toBe(false);
    expect(isManagedAddress({ address: '10.10.0.11', prefix: 24, dev: 'eth0', label: null })).toBe(false);
    expect(isManagedAddress({ address: '10.10.0.11', prefix: 24, dev: 'eth0', label: 'eth0:0' })).toBe(false);
  });
});

describe('canonicalIpvsRules', () => {
  it('equates ipvsadm -Sn hash order, option order and defaults with the rendered text', () => {
    const rendered = renderIpvsRules(renderCluster(mixedCluster(), { activeDirector: 'lb1' })[0]!.ipvs);
    const saved = [
      '-A -u 10.20.0.101:53 -s rr -p 60 -M 255.255.255.0',
      '-a -u 10.20.0.101:53 -r 10.10.0.12:53 -g -w 1',
      '-a -u 10.20.0.101:53 -r 10.10.0.11:53 -g -w 1',
      '-A -t 10.20.0.101:443 -s sh -b sh-port,sh-fallback',
      '-a -t 10.20.0.101:443 -r 10.10.0.11:443 -g -w 1',
      '-A -f 5 -s wlc',
      '-a -f 5 -r 10.10.0.11:0 -g -w 1',
      '-A -t 10.20.0.101:80 -s wrr',
      '-a -t 10.20.0.101:80 -r 10.10.0.12:80 -i -w 1 --tun-type ipip',
      '-a -t 10.20.0.101:80 -r 10.10.0.11:80 -i -w 4 --tun-type ipip',
    ].join('\n');
    expect(canonicalIpvsRules(saved, { thresholds: false })).toBe(canonicalIpvsRules(rendered, { thresholds: false }));
    expect(canonicalIpvsRules(saved)).not.toBe(canonicalIpvsRules(rendered));
    expect(canonicalIpvsRules('-A -t 1.2.3.4:80 -s rr -p 5 -M 255.255.255.255\n')).toBe('-A -t 1.2.3.4:80 -s rr -p 5\n');
  });
});

describe('renderIpvsRules round trip', () => {
  it('reads back through the ipvsadm -Sn parser with no difference', () => {
    for (const [model, active] of [[mixedCluster(), 'lb1'], [universityCluster(), 'web01'], [natCluster(), 'lb']] as const) {
      const d = renderCluster(model, { activeDirector: active })[0]!;
      expect(diffIpvs(d.ipvs, parseIpvsSave(renderIpvsRules(d.ipvs)))).toEqual([]);
    }
  });
});

describe('renderSystemdUnit', () => {
  it('is a oneshot unit after network-online that runs cmctl start', () => {
    const unit = renderSystemdUnit();
    expect(unit.path).toBe('/etc/systemd/system/lvs-console.service');
    expect(unit.content).toContain('Type=oneshot');
    expect(unit.content).toContain('RemainAfterExit=yes');
    expect(unit.content).toContain('ExecStart=/etc/lvs-console/cmctl start');
    expect(unit.content).toContain('After=network-online.target');
  });
});

describe('renderCluster: a per-node check override', () => {
  const m = natCluster();
  m.services[0]!.healthCheck = healthCheckSchema.parse({ type: 'http', path: '/' });
  m.checkOverrides = [
    { node: 'rs1', service: m.services[0]!.id, healthCheck: checkOverrideCheckSchema.parse({ type: 'http', path: '/app/ok' }) },
    { node: 'rs2', service: m.services[0]!.id, healthCheck: null },
  ];
  const lb = byId(renderCluster(m, { activeDirector: 'lb' }), 'lb');
  const conf = file(lb, BOOT_PATHS.keepalived);

  it('renders each real server with its own node\'s check, and marks the unchecked one for the overlay', () => {
    const [rs1, rs2] = conf.split('  real_server ').slice(1);
    expect(rs1).toMatch(/^10\.0\.0\.2 80 \{[\s\S]*path \/app\/ok/);
    expect(rs2).toMatch(/^10\.0\.0\.3 80 \{/);
    expect(rs2).not.toMatch(/HTTP_GET|notify_/);
    expect(lb.engine).toBe('keepalived');
    expect(lb.ipvs[0]!.health).toEqual({ onFailure: 'remove', sorryServer: null, unchecked: ['10.0.0.3:80'] });
  });
});
