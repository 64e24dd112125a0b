import { describe, expect, it } from 'vitest';
import { failoverSchema } from '../cluster/schemas';
import { modelConflicts } from '../cluster/invariants';
import type { ClusterModel } from '../cluster/model';
import { BOOT_PATHS } from '../ipvs/boot-files';
import { mixedCluster, natCluster, universityCluster } from '../ipvs/__fixtures__/cluster-models';
import { renderCluster } from '../ipvs/render';
import { isVrrpLabel, vrrpLabel, vrrpPriority } from './vrrp';

const withFailover = (over: Partial<ReturnType<typeof failoverSchema.parse>> = {}, preempt = true): ClusterModel => {
  const m = mixedCluster();
  m.masterPriority = { nodes: ['lb1', 'lb2'], preempt, failover: failoverSchema.parse({ advertIntervalMs: 100, ...over }) };
  return m;
};
const confOf = (m: ClusterModel, node: string) =>
  renderCluster(m, { activeDirector: 'lb1' }).find((d) => d.nodeId === node)!.bootFiles.find((f) => f.path === BOOT_PATHS.keepalived)?.content ?? '';

describe('VRRP failover in keepalived.conf', () => {
  it('renders one BACKUP instance per virtual node on each candidate, priority by master order, unicast to the others', () => {
    const lb1 = confOf(withFailover(), 'lb1');
    expect(lb1).toContain([
      'vrrp_instance vn_0 {',
      '  state BACKUP',
      '  interface eth0',
      '  virtual_router_id 51',
      '  priority 200',
      '  advert_int 0.1',
      '  unicast_src_ip 10.10.0.1',
      '  unicast_peer {',
      '    10.10.0.2',
      '  }',
      '  virtual_ipaddress {',
      '    10.20.0.101/32 dev eth0 label eth0:ka',
      '  }',
      '  track_file {',
      '    lvs_console_boost weight 1',
      '    lvs_console_yield weight 0',
      '  }',
      '  notify_master "/etc/lvs-console/notify director-master vip=10.20.0.101"',
      '  notify_backup "/etc/lvs-console/notify director-backup vip=10.20.0.101"',
      '  notify_fault "/etc/lvs-console/notify director-fault vip=10.20.0.101"',
      '}',
    ].join('\n'));
    expect(lb1).toContain('  vrrp_version 3\n  lvs_sync_daemon eth0 vn_0 id 51\n');
    expect(lb1).toContain('vrrp_track_file lvs_console_boost {\n  file "/run/lvs-console/boost"\n  weight 1\n  init_file 0 overwrite\n}');
    const lb2 = confOf(withFailover(), 'lb2');
    expect(lb2).toContain('  priority 190\n');
    expect(lb2).toContain('  unicast_src_ip 10.10.0.2\n  unicast_peer {\n    10.10.0.1\n  }');
    expect(lb1).toContain('virtual_server 10.20.0.101 443 {'); // the same table on both, owned by keepalived
    expect(lb2).toContain('virtual_server 10.20.0.101 443 {');
  });

  it('no preempt is nopreempt; sync off has no daemon; a sync interface is used as given', () => {
    expect(confOf(withFailover({}, false), 'lb1')).toContain('  nopreempt\n');
    expect(confOf(withFailover({ syncConnections: false }), 'lb1')).not.toContain('lvs_sync_daemon');
    expect(confOf(withFailover({ syncInterface: 'eth1' }), 'lb2')).toContain('lvs_sync_daemon eth1 vn_0 id 51');
  });

  it('two virtual nodes move together: a sync group, consecutive router ids', () => {
    const m = withFailover({ virtualRouterId: 60 });
    m.virtualNodes.push({ ...m.virtualNodes[0]!, id: 'v2', name: 'v2', vip: '10.20.0.102', services: ['dns'] });
    m.virtualNodes[0]!.services = ['tun', 'mark', 'sh'];
    const text = confOf(m, 'lb1');
    expect(text).toContain('vrrp_sync_group lvs_console {\n  group {\n    vn_0\n    vn_1\n  }\n}');
    expect(text).toMatch(/vrrp_instance vn_1 \{[\s\S]*virtual_router_id 61[\s\S]*10\.20\.0\.102\/32 dev eth0 label eth0:ka/);
  });

  it('the console holds no VIP on a candidate and loads the table on every one; real servers are as before', () => {
    const states = renderCluster(withFailover(), { activeDirector: 'lb1' });
    for (const id of ['lb1', 'lb2']) {
      const d = states.find((s) => s.nodeId === id)!;
      expect(d.addresses).toEqual([]);
      expect(d.ipvs).toHaveLength(4);
      expect(d.engine).toBe('keepalived');
    }
    expect(states.find((s) => s.nodeId === 'lb1')!.roles).toEqual(['director']);
    expect(states.find((s) => s.nodeId === 'lb2')!.roles).toEqual(['backup']);
    expect(states.find((s) => s.nodeId === 'rs1')!.addresses.some((a) => a.dev === 'lo' || a.dev === 'tunl0')).toBe(true);
  });

  it('priorities, labels', () => {
    expect([0, 1, 2, 30].map(vrrpPriority)).toEqual([200, 190, 180, 1]);
    expect(vrrpLabel('eth0')).toBe('eth0:ka');
    expect(isVrrpLabel('eth0', 'eth0:ka')).toBe(true);
    expect(isVrrpLabel('eth0', 'eth0:lvs')).toBe(false);
    expect(() => vrrpLabel('a-very-long-if0')).toThrow(/too long/);
  });
});

describe('failover settings and the model', () => {
  it.each<[string, unknown, string | null]>([
    ['defaults', {}, null],
    ['advert under 100 ms', { advertIntervalMs: 50 }, 'advertIntervalMs'],
    ['advert over 10 s', { advertIntervalMs: 10010 }, 'advertIntervalMs'],
    ['advert not in centiseconds', { advertIntervalMs: 105 }, 'advertIntervalMs'],
    ['router id 0', { virtualRouterId: 0 }, 'virtualRouterId'],
    ['router id 256', { virtualRouterId: 256 }, 'virtualRouterId'],
    ['a sync interface with a space', { syncInterface: 'eth 0' }, 'syncInterface'],
  ])('%s', (_label, input, field) => {
    const r = failoverSchema.safeParse(input);
    expect(r.success ? null : String(r.error.issues[0]!.path[0])).toBe(field);
  });

  it.each<[string, (m: ClusterModel) => void, RegExp | null]>([
    ['two dedicated directors', () => {}, null],
    ['one candidate', (m) => { m.masterPriority.nodes = ['lb1']; }, /at least two master priority candidates/],
    ['router ids past 255', (m) => {
      m.masterPriority.failover!.virtualRouterId = 255;
      m.virtualNodes.push({ ...m.virtualNodes[0]!, id: 'v2', name: 'v2', vip: '10.20.0.102', services: [] });
    }, /2 virtual nodes run past 255/],
    ['a candidate that is also a real server, in TUN', (m) => { m.masterPriority.nodes = ['lb1', 'rs1']; }, /candidate rs1 can also be a real server of virtual node v only in DR \(tun is TUN\)/],
  ])('%s', (_label, mutate, want) => {
    const m = withFailover();
    mutate(m);
    const found = modelConflicts(m).join('\n');
    if (want) expect(found).toMatch(want);
    else expect(found).toBe('');
  });

  it('NAT with failover is refused; directors that also serve (the university cluster, DR) need connection sync', () => {
    const nat = natCluster();
    nat.nodes.push({ ...nat.nodes[0]!, id: 'lb2', name: 'lb2', address: '10.0.0.9' });
    nat.masterPriority = { nodes: ['lb', 'lb2'], preempt: true, failover: failoverSchema.parse({}) };
    expect(modelConflicts(nat).join('\n')).toMatch(/www\/web cannot use NAT yet/);
    const uni = universityCluster();
    uni.masterPriority.failover = failoverSchema.parse({});
    expect(modelConflicts(uni)).toEqual([]);
    uni.masterPriority.failover = failoverSchema.parse({ syncConnections: false });
    expect(modelConflicts(uni).join('\n')).toMatch(/candidate Web01 can also be a real server of virtual node .* only with connection sync on/);
  });

  it('a candidate that also serves (DR): VIP on lo with ARP suppressed, the table loaded, and its director kept off while it is a backup', () => {
    const uni = universityCluster();
    uni.masterPriority.failover = failoverSchema.parse({});
    const nodes = renderCluster(uni, { activeDirector: uni.masterPriority.nodes[0]! });
    const candidates = nodes.filter((d) => uni.masterPriority.nodes.includes(d.nodeId));
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    for (const d of candidates) {
      const serves = d.roles.includes('real-server');
      expect(d.engine, d.nodeName).toBe('keepalived');
      expect(d.ipvs.length, d.nodeName).toBeGreaterThan(0);
      expect(d.addresses.some((a) => a.dev === 'lo'), d.nodeName).toBe(serves);
      expect(d.sysctls['net.ipv4.vs.backup_only'], d.nodeName).toBe(serves ? '1' : undefined);
      if (serves) expect(d.sysctls['net.ipv4.conf.all.arp_ignore']).toBe('1');
      // keepalived holds the VIP on the interface; the console never does on a candidate.
      expect(d.addresses.filter((a) => a.dev !== 'lo').map((a) => a.label)).toEqual([]);
    }
  });
});
