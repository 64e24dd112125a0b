import { describe, expect, it } from 'vitest';
import { planDiffText, planNodeChanges } from './plan';
import { diffIpvs } from './diff';
import { renderCluster } from './render';
import { BOOT_PATHS } from './boot-files';
import { WRITE_FILE_HELPER, RESTORE_FILE_HELPER } from './file-steps';
import { mixedCluster, natCluster, universityCluster } from './__fixtures__/cluster-models';
import type { NodeDesiredState, NodeLiveState, Step, VirtualServiceSpec } from './types';

const clone = <T>(x: T): T => structuredClone(x);

/** The live state of a node that already is what it should be. */
function liveOf(d: NodeDesiredState, gateway: string | null = null): NodeLiveState {
  return {
    ipvs: clone(d.ipvs),
    addresses: clone(d.addresses),
    sysctls: { ...d.sysctls },
    modules: [...d.modules],
    defaultGateway: gateway ?? d.checks[0]?.expectedGateway ?? null,
    bootFiles: Object.fromEntries(d.bootFiles.map((f) => [f.path, f.content])),
  };
}

const university = () => renderCluster(universityCluster(), { activeDirector: 'web01' });
const director = () => university()[0]!;
const argvs = (steps: Step[]) => steps.map((s) => s.argv.join(' '));
const noClear = (steps: Step[]) => steps.every((s) => !s.argv.includes('-C') && !s.argv.includes('--clear'));

describe('planNodeChanges', () => {
  it('plans nothing when the node already matches', () => {
    for (const d of [...university(), ...renderCluster(mixedCluster(), { activeDirector: 'lb1' }), ...renderCluster(natCluster(), { activeDirector: 'lb' })]) {
      expect(planNodeChanges(d, liveOf(d))).toEqual([]);
    }
  });

  it('a weight change is exactly one -e, undone by -e with the old weight', () => {
    const d = director();
    const live = liveOf(d);
    live.ipvs[0]!.realServers[1]!.weight = 100;
    d.ipvs[0]!.realServers[1]!.weight = 250;
    const steps = planNodeChanges(d, live);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      kind: 'ipvs-real-server',
      op: 'edit',
      argv: ['ipvsadm', '-e', '-t', '10.20.0.100:80', '-r', '10.10.0.12:80', '-g', '-w', '250'],
      undo: ['ipvsadm', '-e', '-t', '10.20.0.100:80', '-r', '10.10.0.12:80', '-g', '-w', '100'],
      summary: '~ -e -t 10.20.0.100:80 -r 10.10.0.12:80 -g -w 250   (weight 100 → 250)',
    });
  });

  it('a removed real server is one -d, undone by -a with its old settings', () => {
    const d = director();
    const live = liveOf(d);
    d.ipvs[0]!.realServers.pop();
    const steps = planNodeChanges(d, live);
    expect(steps.filter((s) => s.kind !== 'file')).toEqual([
      {
        kind: 'ipvs-real-server',
        op: 'delete',
        summary: '- -d -t 10.20.0.100:80 -r 10.10.0.14:80',
        argv: ['ipvsadm', '-d', '-t', '10.20.0.100:80', '-r', '10.10.0.14:80'],
        undo: ['ipvsadm', '-a', '-t', '10.20.0.100:80', '-r', '10.10.0.14:80', '-g', '-w', '100'],
      },
    ]);
  });

  it('an extra live service is -D after -d of each of its real servers; never -C', () => {
    const d = director();
    const live = liveOf(d);
    const extra: VirtualServiceSpec = {
      protocol: 'tcp', vip: '10.20.0.100', port: 21, fwmark: null, scheduler: 'rr', flags: [], persistence: null,
      realServers: [
        { address: '10.10.0.13', port: 21, forward: 'dr', tunnelType: null, weight: 1, upperThreshold: 0, lowerThreshold: 0 },
        { address: '10.10.0.14', port: 21, forward: 'dr', tunnelType: null, weight: 2, upperThreshold: 0, lowerThreshold: 0 },
      ],
    };
    live.ipvs.unshift(extra);
    const steps = planNodeChanges(d, live);
    expect(argvs(steps)).toEqual([
      'ipvsadm -d -t 10.20.0.100:21 -r 10.10.0.13:21',
      'ipvsadm -d -t 10.20.0.100:21 -r 10.10.0.14:21',
      'ipvsadm -D -t 10.20.0.100:21',
    ]);
    expect(steps[2]!.undo).toEqual(['ipvsadm', '-A', '-t', '10.20.0.100:21', '-s', 'rr']);
    expect(noClear(steps)).toBe(true);
  });

  it('an empty node (fresh director) gets everything in the documented order', () => {
    const d = director();
    const live: NodeLiveState = { ipvs: [], addresses: [], sysctls: { 'net.ipv4.ip_forward': '0' }, modules: [], defaultGateway: null, bootFiles: {} };
    const steps = planNodeChanges(d, live);
    expect(planDiffText(steps).split('\n')).toEqual([
      '+ module ip_vs',
      '+ module ip_vs_lc',
      '~ sysctl net.ipv4.ip_forward 0 → 1',
      '~ sysctl net.ipv4.vs.expire_nodest_conn (unset) → 1',
      '+ address 10.20.0.100/32 dev eth0 label eth0:lvs',
      '+ -A -t 10.20.0.100:80 -s lc -p 360',
      '+ -a -t 10.20.0.100:80 -r 10.10.0.11:80 -g -w 200',
      '+ -a -t 10.20.0.100:80 -r 10.10.0.12:80 -g -w 100',
      '+ -a -t 10.20.0.100:80 -r 10.10.0.13:80 -g -w 200',
      '+ -a -t 10.20.0.100:80 -r 10.10.0.14:80 -g -w 100',
      '+ file /etc/lvs-console/ipvs.rules',
      '+ file /etc/lvs-console/addresses',
      '+ file /etc/lvs-console/sysctl.conf',
      '+ file /etc/lvs-console/modules',
      '+ file /etc/lvs-console/cmctl',
    ]);
    expect(steps.find((s) => s.kind === 'sysctl')!.undo).toEqual(['sysctl', '-w', 'net.ipv4.ip_forward=0']);
    expect(steps.find((s) => s.kind === 'address')!.undo).toEqual(['ip', 'addr', 'del', '10.20.0.100/32', 'dev', 'eth0']);
    const rules = steps.find((s) => s.argv[1] === BOOT_PATHS.rules)!;
    expect(rules).toMatchObject({ argv: [WRITE_FILE_HELPER, BOOT_PATHS.rules, '0644'], undo: [RESTORE_FILE_HELPER, BOOT_PATHS.rules] });
    expect(rules.stdin).toBe(d.bootFiles[0]!.content);
    expect(steps.find((s) => s.argv[1] === BOOT_PATHS.cmctl)!.argv[2]).toBe('0755');
  });

  it('normalises before comparing: flag order, /32 persistence netmask, default tunnel type', () => {
    const [d] = renderCluster(mixedCluster(), { activeDirector: 'lb1' });
    const live = liveOf(d!);
    live.ipvs.find((s) => s.scheduler === 'sh')!.flags = ['sh-port', 'sh-fallback'];
    live.ipvs.find((s) => s.protocol === 'tcp' && s.port === 80)!.realServers[0]!.tunnelType = null;
    const udp = d!.ipvs.find((s) => s.protocol === 'udp')!;
    udp.persistence = { timeout: 60, netmask: null };
    live.ipvs.find((s) => s.protocol === 'udp')!.persistence = { timeout: 60, netmask: '255.255.255.255' };
    d!.bootFiles = [];
    expect(planNodeChanges(d!, live)).toEqual([]);
  });

  it('service changes are -E with the full old spec as undo; fwd method changes are -e', () => {
    const d = director();
    const live = liveOf(d);
    d.ipvs[0]!.scheduler = 'wlc';
    d.ipvs[0]!.persistence = null;
    d.ipvs[0]!.realServers[0]!.forward = 'tun';
    d.ipvs[0]!.realServers[0]!.tunnelType = 'ipip';
    d.bootFiles = [];
    const steps = planNodeChanges(d, live);
    expect(steps.map((s) => s.summary)).toEqual([
      '~ -E -t 10.20.0.100:80 -s wlc   (scheduler lc → wlc, persistence 360 → none)',
      '~ -e -t 10.20.0.100:80 -r 10.10.0.11:80 -i -w 200 --tun-type ipip   (forward dr → tun, tunnel none → ipip)',
    ]);
    expect(steps[0]!.undo).toEqual(['ipvsadm', '-E', '-t', '10.20.0.100:80', '-s', 'lc', '-p', '360']);
    expect(steps[1]!.undo).toEqual(['ipvsadm', '-e', '-t', '10.20.0.100:80', '-r', '10.10.0.11:80', '-g', '-w', '200']);
  });

  it('removes only managed addresses that are no longer wanted, after the IPVS changes', () => {
    const d = university()[2]!; // web03, a real server
    const live = liveOf(d);
    live.addresses.push(
      { address: '10.20.0.99', prefix: 32, dev: 'lo', label: 'lo:lvs' },
      { address: '10.10.0.13', prefix: 24, dev: 'eth0', label: 'eth0' },
      { address: '10.30.0.1', prefix: 32, dev: 'eth0', label: 'eth0:1' },
    );
    const steps = planNodeChanges(d, live);
    expect(steps).toEqual([
      {
        kind: 'address', op: 'delete', summary: '- address 10.20.0.99/32 dev lo label lo:lvs',
        argv: ['ip', 'addr', 'del', '10.20.0.99/32', 'dev', 'lo'],
        undo: ['ip', 'addr', 'add', '10.20.0.99/32', 'dev', 'lo', 'label', 'lo:lvs'],
      },
    ]);
  });

  it('a real server that becomes director: VIP added on eth0 first, taken off lo last', () => {
    const before = university()[1]!; // web02 as backup + real server
    const after = renderCluster(universityCluster(), { activeDirector: 'web02' })[1]!;
    const steps = planNodeChanges(after, liveOf(before)).filter((s) => s.kind !== 'file');
    const first = steps.findIndex((s) => s.summary.startsWith('+ address 10.20.0.100/32 dev eth0'));
    const last = steps.findIndex((s) => s.summary === '- address 10.20.0.100/32 dev lo label lo:lvs');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last).toBe(steps.length - 1);
    expect(steps.filter((s) => s.kind === 'ipvs-service')).toHaveLength(1);
  });

  it('tunnel addresses bring tunl0 up', () => {
    const rs = renderCluster(mixedCluster(), { activeDirector: 'lb1' })[2]!;
    const live = liveOf(rs);
    live.addresses = live.addresses.filter((a) => a.dev !== 'tunl0');
    expect(argvs(planNodeChanges(rs, live))).toEqual(['ip addr add 10.20.0.101/32 dev tunl0 label tunl0:lvs', 'ip link set dev tunl0 up']);
  });

  it('NAT gateway: reported by default, replaced only when the admin asks', () => {
    const rs = renderCluster(natCluster(), { activeDirector: 'lb' })[1]!;
    const report = planNodeChanges(rs, liveOf(rs, '10.0.0.254'));
    expect(report).toEqual([{ kind: 'check', op: 'check', summary: '! default gateway 10.0.0.254, NAT replies need 10.0.0.1 (not changed)', argv: [], undo: null }]);
    const fixRs = renderCluster(natCluster(), { activeDirector: 'lb', fixNatGateway: true })[1]!;
    const fix = planNodeChanges(fixRs, liveOf(fixRs, '10.0.0.254'));
    expect(fix).toEqual([{
      kind: 'route', op: 'set', summary: '~ route default via 10.0.0.254 → 10.0.0.1',
      argv: ['ip', 'route', 'replace', 'default', 'via', '10.0.0.1'],
      undo: ['ip', 'route', 'replace', 'default', 'via', '10.0.0.254'],
    }]);
  });

  it('changed boot files are rewritten, unchanged ones left alone', () => {
    const d = director();
    const live = liveOf(d);
    live.bootFiles[BOOT_PATHS.rules] = '-A -t 10.20.0.100:80 -s rr\n';
    const steps = planNodeChanges(d, live);
    expect(steps.map((s) => s.summary)).toEqual(['~ file /etc/lvs-console/ipvs.rules']);
    expect(steps[0]!.op).toBe('edit');
  });
});

describe('diffIpvs', () => {
  it('reports drift structurally', () => {
    const desired = director().ipvs;
    const live = clone(desired);
    live[0]!.realServers[0]!.weight = 1;
    live[0]!.realServers.pop();
    live[0]!.scheduler = 'rr';
    const diffs = diffIpvs(desired, live);
    expect(diffs.map((d) => [d.kind, d.key, 'fields' in d ? d.fields : []])).toEqual([
      ['changed-service', 'tcp 10.20.0.100:80', ['scheduler']],
      ['changed-real-server', '10.10.0.11:80', ['weight']],
      ['missing-real-server', '10.10.0.14:80', []],
    ]);
    expect(diffIpvs([], desired).map((d) => d.kind)).toEqual(['extra-service', 'extra-real-server', 'extra-real-server', 'extra-real-server', 'extra-real-server']);
  });
});
