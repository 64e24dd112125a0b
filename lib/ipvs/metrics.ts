/**
 * Prometheus text exposition (format 0.0.4) for every node the console polls. The IPVS series use
 * node_exporter's ipvs collector names and labels (collector/ipvs_linux.go with procfs), so
 * dashboards built for node_exporter work unchanged; `node` names the node because one console
 * exports many. Host totals come from /proc/net/ip_vs_stats as node_exporter's do.
 */
import type { PollSample } from './read-poll';

export interface NodeMetricsInput {
  node: string;
  up: boolean;
  pollAgeSeconds: number | null;
  sample: PollSample | null;
}

/** Label value escaping per the exposition format: backslash, double quote and newline. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Array<[string, string]>): string {
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

function num(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: string[];
}

const PROTO_LABEL: Record<string, string> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', fwmark: 'FWM' };

export function renderPrometheus(nodes: NodeMetricsInput[]): string {
  const fam = (name: string, help: string, type: Family['type']): Family => ({ name, help, type, samples: [] });
  const up = fam('lvs_console_node_up', 'Whether the last poll of the node succeeded (1) or not (0).', 'gauge');
  const age = fam('lvs_console_poll_age_seconds', 'Seconds since the last successful poll of the node.', 'gauge');
  const totals = [
    fam('node_ipvs_connections_total', 'The total number of connections made.', 'counter'),
    fam('node_ipvs_incoming_packets_total', 'The total number of incoming packets.', 'counter'),
    fam('node_ipvs_outgoing_packets_total', 'The total number of outgoing packets.', 'counter'),
    fam('node_ipvs_incoming_bytes_total', 'The total amount of incoming data.', 'counter'),
    fam('node_ipvs_outgoing_bytes_total', 'The total amount of outgoing data.', 'counter'),
  ];
  const active = fam('node_ipvs_backend_connections_active', 'The current active connections by local and remote address.', 'gauge');
  const inactive = fam('node_ipvs_backend_connections_inactive', 'The current inactive connections by local and remote address.', 'gauge');
  const weight = fam('node_ipvs_backend_weight', 'The current backend weight by local and remote address.', 'gauge');

  for (const n of nodes) {
    const nodeLabel = labels([['node', n.node]]);
    up.samples.push(`${up.name}${nodeLabel} ${n.up ? 1 : 0}`);
    if (n.pollAgeSeconds !== null) age.samples.push(`${age.name}${nodeLabel} ${num(n.pollAgeSeconds)}`);
    // A node that is down exports no IPVS series: a stale table must not look current.
    const s = n.up ? n.sample : null;
    if (!s) continue;
    if (s.totals) {
      const t = s.totals.totals;
      [t.conns, t.inPkts, t.outPkts, t.inBytes, t.outBytes].forEach((v, i) => totals[i].samples.push(`${totals[i].name}${nodeLabel} ${num(v)}`));
    }
    for (const svc of s.services) {
      for (const rs of svc.realServers) {
        const l = labels([
          ['local_address', svc.vip ?? ''],
          ['local_port', String(svc.port ?? 0)],
          ['remote_address', rs.address],
          ['remote_port', String(rs.port)],
          ['proto', PROTO_LABEL[svc.protocol] ?? svc.protocol.toUpperCase()],
          // procfs passes the mark through as /proc/net/ip_vs prints it: 8 hex digits.
          ['local_mark', svc.fwmark === null ? '' : svc.fwmark.toString(16).toUpperCase().padStart(8, '0')],
          ['node', n.node],
        ]);
        active.samples.push(`${active.name}${l} ${num(rs.activeConn)}`);
        inactive.samples.push(`${inactive.name}${l} ${num(rs.inactConn)}`);
        weight.samples.push(`${weight.name}${l} ${num(rs.weight)}`);
      }
    }
  }
  const out: string[] = [];
  for (const f of [up, age, ...totals, active, inactive, weight]) {
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.samples);
  }
  return `${out.join('\n')}\n`;
}
