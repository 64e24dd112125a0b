import { describe, expect, it } from 'vitest';
import { healthCheckSchema } from '../cluster/health-schema';
import { failoverSchema } from '../cluster/schemas';
import { mixedCluster, universityCluster } from '../ipvs/__fixtures__/cluster-models';
import { BOOT_PATHS } from '../ipvs/boot-files';
import { planForNode } from '../ipvs/patches';
import { renderCluster } from '../ipvs/render';
import type { NodeLiveState } from '../ipvs/types';
import { KEEPALIVED_CONF_PATH } from './render';

function checkedCluster() {
  const m = universityCluster();
  m.services[0] = { ...m.services[0]!, healthCheck: healthCheckSchema.parse({ type: 'tcp' }) };
  return m;
}

const empty = (over: Partial<NodeLiveState> = {}): NodeLiveState => ({
  ipvs: [], addresses: [], sysctls: {}, modules: [], defaultGateway: null, bootFiles: {}, initSystem: 'other',
  keepalived: { version: '2.2.7', running: false }, ...over,
});
const summaries = (steps: { summary: string }[]) => steps.map((s) => s.summary);

describe('keepalived mode in the plan', () => {
  const [director, backup, realServer] = renderCluster(checkedCluster(), { activeDirector: 'web01' });

  it('a checked cluster hands the director table to keepalived: boot rules empty, conf + hook rendered', () => {
    expect(director!.engine).toBe('keepalived');
    expect(director!.ipvs).toHaveLength(1); // still the saved table, for drift and history
    expect(director!.bootFiles.find((f) => f.path === BOOT_PATHS.rules)!.content).toBe('');
    expect(director!.bootFiles.find((f) => f.path === KEEPALIVED_CONF_PATH)!.content).toContain('virtual_server 10.20.0.100 80');
    expect(director!.ipvs[0]!.health).toEqual({ onFailure: 'remove', sorryServer: null });
    expect(backup!.engine).toBeUndefined(); // backup that is also a real server: empty table, no keepalived yet
    expect(realServer!.engine).toBeUndefined();
  });

  it('never plans an ipvsadm step there: conf write, config test, then reload', () => {
    const s = summaries(planForNode(director!, empty()));
    expect(s.filter((x) => /^[+~-] -[AaEeDd] /.test(x))).toEqual([]);
    const conf = s.indexOf(`+ file ${KEEPALIVED_CONF_PATH}`);
    expect(conf).toBeGreaterThanOrEqual(0);
    expect(s[conf + 1]).toMatch(/keepalived -t -f/);
    expect(s[s.length - 1]).toMatch(/keepalived reload/);
  });

  it('with the same files in place and keepalived running, a save plans nothing', () => {
    const bootFiles = Object.fromEntries(director!.bootFiles.map((f) => [f.path, f.content]));
    const live = empty({ bootFiles, keepalived: { version: '2.2.7', running: true }, ipvs: director!.ipvs, addresses: director!.addresses, sysctls: director!.sysctls, modules: director!.modules });
    expect(planForNode(director!, live)).toEqual([]);
    // not running (crashed, rebooted without cmctl): it is started
    expect(summaries(planForNode(director!, { ...live, keepalived: { version: '2.2.7', running: false } }))).toEqual(['~ keepalived reload (cmctl keepalived-reload)']);
  });

  it('leaving keepalived mode stops it before the ipvsadm steps and empties its conf', () => {
    const [plain] = renderCluster(universityCluster(), { activeDirector: 'web01' });
    const live = empty({ bootFiles: { [KEEPALIVED_CONF_PATH]: 'global_defs {}\n' }, keepalived: { version: '2.2.7', running: true } });
    const s = summaries(planForNode(plain!, live));
    expect(s[0]).toMatch(/keepalived stop/);
    expect(s.some((x) => x.startsWith('+ -A -t 10.20.0.100:80'))).toBe(true);
    expect(s[s.length - 1]).toBe(`~ file ${KEEPALIVED_CONF_PATH} (emptied)`);
    expect(planForNode(plain!, empty()).some((x) => /keepalived/.test(x.summary))).toBe(false);
  });

  describe('turning failover off cleans up after keepalived', () => {
    const on = mixedCluster();
    on.masterPriority = { ...on.masterPriority, failover: failoverSchema.parse({ advertIntervalMs: 100 }) };
    const live = (node: string, over: Partial<NodeLiveState>) => {
      const d = renderCluster(on, { activeDirector: 'lb1' }).find((x) => x.nodeId === node)!;
      return empty({ bootFiles: Object.fromEntries(d.bootFiles.map((f) => [f.path, f.content])), keepalived: { version: '2.2.7', running: true }, ...over });
    };
    const off = renderCluster(mixedCluster(), { activeDirector: 'lb1' });
    const kaVip = { address: '10.20.0.101', prefix: 32, dev: 'eth0', label: 'eth0:ka' };

    it('the old master: keepalived is killed, the VIP passes to the console\'s label, the sync daemon stops', () => {
      const steps = planForNode(off.find((d) => d.nodeId === 'lb1')!, live('lb1', { addresses: [kaVip] }));
      const s = summaries(steps);
      expect(s[0]).toMatch(/keepalived stop/);
      // keepalived may have taken it off already: a flush by label and prefix succeeds either way.
      expect(steps.find((x) => x.summary.includes('label eth0:ka'))!.argv).toEqual(['ip', '-4', 'addr', 'flush', 'dev', 'eth0', 'label', 'eth0:ka', 'to', '10.20.0.101/32']);
      expect(s).toContain('- address 10.20.0.101/32 dev eth0 label eth0:ka');
      expect(s).toContain('+ address 10.20.0.101/32 dev eth0 label eth0:lvs');
      expect(s.indexOf('~ connection sync daemon stopped (cmctl sync-stop)')).toBe(s.length - 2);
    });

    it('a backup that held the VIP under keepalived\'s label loses it; one that held nothing only stops the daemon', () => {
      const lb2 = off.find((d) => d.nodeId === 'lb2')!;
      const held = summaries(planForNode(lb2, live('lb2', { addresses: [kaVip] })));
      expect(held.filter((x) => x.includes('address 10.20.0.101'))).toEqual(['- address 10.20.0.101/32 dev eth0 label eth0:ka']);
      const none = summaries(planForNode(lb2, live('lb2', {})));
      expect(none.filter((x) => /address|sync/.test(x))).toEqual(['~ connection sync daemon stopped (cmctl sync-stop)']);
    });

    it('with failover still on, nothing of keepalived\'s is touched', () => {
      const d = renderCluster(on, { activeDirector: 'lb1' }).find((x) => x.nodeId === 'lb1')!;
      const s = summaries(planForNode(d, live('lb1', { addresses: [kaVip], ipvs: d.ipvs, sysctls: d.sysctls, modules: d.modules })));
      expect(s.filter((x) => /eth0:ka|sync-stop/.test(x))).toEqual([]);
    });

    it('connection sync turned off, failover kept: the daemon is stopped before the reload', () => {
      const noSync = mixedCluster();
      noSync.masterPriority = { ...noSync.masterPriority, failover: failoverSchema.parse({ advertIntervalMs: 100, syncConnections: false }) };
      const d = renderCluster(noSync, { activeDirector: 'lb1' }).find((x) => x.nodeId === 'lb1')!;
      const s = summaries(planForNode(d, live('lb1', { addresses: [kaVip], ipvs: d.ipvs, sysctls: d.sysctls, modules: d.modules })));
      expect(s.slice(-2)).toEqual(['~ connection sync daemon stopped (cmctl sync-stop)', '~ keepalived reload (cmctl keepalived-reload)']);
      expect(s.some((x) => x.includes('eth0:ka'))).toBe(false);
    });

    it('a node that never ran VRRP plans no cleanup', () => {
      expect(summaries(planForNode(off.find((d) => d.nodeId === 'lb1')!, empty())).some((x) => /sync-stop/.test(x))).toBe(false);
    });
  });
});
