/**
 * What a node prints for the poll script, generated from a small table: lets the poller's tests
 * and the bench run without SSH. Same framing as lib/ipvs/read-sections.
 */
import { SECTION_MARKER } from '../../ipvs/read-sections';

export interface FakeRealServer { address: string; port: number; weight: number; active: number; inact: number; conns: number; cps: number; forward?: 'Route' | 'Masq' | 'Tunnel' }
export interface FakeService { vip: string; port: number; scheduler: string; realServers: FakeRealServer[] }

const hexIp = (a: string) => a.split('.').map((o) => Number(o).toString(16).toUpperCase().padStart(2, '0')).join('');
const hexPort = (p: number) => p.toString(16).toUpperCase().padStart(4, '0');

function framed(sections: Array<[string, string]>): string {
  return sections.map(([name, body]) => `${SECTION_MARKER} begin ${name}\n${body}\n${SECTION_MARKER} end ${name} 0\n`).join('');
}

/** `count` /proc/net/ip_vs_conn lines from distinct clients, all to one VIP. */
export function fakeConnTable(count: number, vip = '10.20.0.100', realServers = ['10.10.0.12', '10.10.0.13']): string {
  const lines = ['Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData'];
  for (let i = 0; i < count; i++) {
    const client = `10.30.${(i >> 16) & 255}.${(i >> 8) & 255}`;
    const rs = realServers[i % realServers.length];
    lines.push(`TCP ${hexIp(client)} ${hexPort(1024 + (i & 255) * 200)} ${hexIp(vip)} 0050 ${hexIp(rs)} 0050 ${i % 3 ? 'TIME_WAIT  ' : 'ESTABLISHED'} ${String(60 + (i % 800)).padStart(7)}`);
  }
  return lines.join('\n');
}

export function fakePollOutput(services: FakeService[], opts: { connections?: string } = {}): string {
  const proc = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port Forward Weight ActiveConn InActConn'];
  const stats = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes', '  -> RemoteAddress:Port'];
  const rate = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS', '  -> RemoteAddress:Port'];
  for (const s of services) {
    proc.push(`TCP  ${hexIp(s.vip)}:${hexPort(s.port)} ${s.scheduler} `);
    const sum = (f: (r: FakeRealServer) => number) => s.realServers.reduce((a, r) => a + f(r), 0);
    stats.push(`TCP  ${s.vip}:${s.port} ${sum((r) => r.conns)} 0 0 0 0`);
    rate.push(`TCP  ${s.vip}:${s.port} ${sum((r) => r.cps)} 0 0 0 0`);
    for (const r of s.realServers) {
      proc.push(`  -> ${hexIp(r.address)}:${hexPort(r.port)}      ${r.forward ?? 'Route'}   ${r.weight}      ${r.active}          ${r.inact}`);
      stats.push(`  -> ${r.address}:${r.port} ${r.conns} 0 0 0 0`);
      rate.push(`  -> ${r.address}:${r.port} ${r.cps} 0 0 0 0`);
    }
  }
  const sections: Array<[string, string]> = [
    ['boot-id', '3f1c9a52-8a1e-4f0e-9b7a-0c2d6e5f4a31'],
    ['uptime', '1234.56 2000.01'],
    ['ipvs-proc', `loaded\n${proc.join('\n')}`],
    ['ipvs-totals', ''],
    ['ipvs-pconn', ''],
    ['ipvs-stats', stats.join('\n')],
    ['ipvs-rate', rate.join('\n')],
  ];
  if (opts.connections !== undefined) sections.push(['ipvs-conn', opts.connections]);
  return framed(sections);
}
