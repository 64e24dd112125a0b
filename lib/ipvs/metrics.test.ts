import { describe, expect, it } from 'vitest';
import { escapeLabelValue, renderPrometheus } from './metrics';
import type { PollSample } from './read-poll';
import { ZERO_RATES, ZERO_STATS } from './parse-stats';

const sample: PollSample = {
  readAt: '2026-11-22T00:00:00.000Z', bootId: '3f1c9a52-8a1e-4f0e-9b7a-0c2d6e5f4a31', uptimeSeconds: 10, ipvsLoaded: true,
  totals: { totals: { conns: 12345, inPkts: 678901, outPkts: 0, inBytes: 91234567, outBytes: 0 }, rates: ZERO_RATES },
  services: [
    {
      key: 'tcp 10.20.0.100:80', protocol: 'tcp', vip: '10.20.0.100', port: 80, fwmark: null, scheduler: 'lc', flags: [], persistence: null, stats: ZERO_STATS, rates: ZERO_RATES,
      realServers: [{ address: '10.10.0.12', port: 80, forward: 'dr', weight: 100, activeConn: 22, inactConn: 69, persistConn: null, stats: ZERO_STATS, rates: ZERO_RATES }],
    },
    {
      key: 'fwmark 5', protocol: 'fwmark', vip: null, port: null, fwmark: 5, scheduler: 'wlc', flags: [], persistence: null, stats: ZERO_STATS, rates: ZERO_RATES,
      realServers: [{ address: '10.10.0.13', port: 0, forward: 'dr', weight: 1, activeConn: 0, inactConn: 3, persistConn: null, stats: ZERO_STATS, rates: ZERO_RATES }],
    },
  ],
};

describe('renderPrometheus', () => {
  const text = renderPrometheus([
    { node: 'lb1', up: true, pollAgeSeconds: 1.5, sample },
    { node: 'web "2"\\x\n', up: false, pollAgeSeconds: null, sample },
  ]);

  it('uses node_exporter names and labels, plus node', () => {
    expect(text).toContain('# TYPE node_ipvs_connections_total counter\nnode_ipvs_connections_total{node="lb1"} 12345\n');
    expect(text).toContain('node_ipvs_backend_connections_active{local_address="10.20.0.100",local_port="80",remote_address="10.10.0.12",remote_port="80",proto="TCP",local_mark="",node="lb1"} 22\n');
    expect(text).toContain('node_ipvs_backend_connections_inactive{local_address="",local_port="0",remote_address="10.10.0.13",remote_port="0",proto="FWM",local_mark="00000005",node="lb1"} 3\n');
    expect(text).toContain('node_ipvs_backend_weight{local_address="10.20.0.100",local_port="80",remote_address="10.10.0.12",remote_port="80",proto="TCP",local_mark="",node="lb1"} 100\n');
    expect(text).toContain('lvs_console_poll_age_seconds{node="lb1"} 1.5\n');
  });

  it('escapes label values and exports no IPVS series for a node that is down', () => {
    expect(text).toContain('lvs_console_node_up{node="web \\"2\\"\\\\x\\n"} 0\n');
    expect(text.match(/node_ipvs_backend_weight\{/g)).toHaveLength(2);
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('has HELP and TYPE once per family, before its samples', () => {
    const families = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1]);
    expect(new Set(families).size).toBe(families.length);
    for (const f of families) expect(text.indexOf(`# HELP ${f} `)).toBeLessThan(text.indexOf(`# TYPE ${f} `));
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-z_]+(\{.*\})? \S+)$/);
  });
});
