/**
 * The live view's poll: one read-only script every 1–2 s. Sources, cheapest first:
 *  - /proc/net/ip_vs (a cat, no fork of ipvsadm): the table with forward, weight, ActiveConn,
 *    InActConn, scheduler and persistence; its absence means ip_vs is not loaded (empty table).
 *  - `ipvsadm -Ln --persistent-conn --exact`: scheduler flags and PersistConn (netlink only).
 *  - `ipvsadm -Ln --stats --exact` / `--rate --exact`: per service and real server counters (netlink
 *    only; /proc/net/ip_vs_stats has host totals, read too for the node_ipvs_*_total metrics).
 *  - /proc/net/ip_vs_conn (optional): the connection table, which ipvsadm -Lnc merely reformats.
 * The ipvsadm reads run only while ip_vs is loaded, so polling never loads the module.
 */
import type { Forwarding } from '../cluster/primitives';
import type { IpvsProtocol } from './types';
import { realServerKey } from './keys';
import { ParseError } from './parse-error';
import { parseIpvsList } from './parse-list';
import { parseProcIpvs, parseProcIpvsStats, type ProcIpvsTotals } from './parse-proc';
import { parseIpvsRates, parseIpvsStats, ZERO_RATES, ZERO_STATS, type RateCounters, type StatCounters } from './parse-stats';
import { parseProcConnections, type Connection } from './parse-conn';
import { inSection, okBody, renderSections, splitSections, type SectionSpec } from './read-sections';
import type { HealthRecord } from '../keepalived/events';
import { keepalivedPollScript, parseKeepalivedPoll } from '../keepalived/poll-section';
import type { VrrpRecord } from '../keepalived/events';

export interface PollRealServer {
  address: string;
  port: number;
  forward: Forwarding;
  weight: number;
  activeConn: number;
  inactConn: number;
  persistConn: number | null; // null when ipvsadm did not list this real server
  stats: StatCounters;
  rates: RateCounters;
}

export interface PollService {
  key: string; // serviceKey(): "tcp 10.20.0.100:80", "fwmark 5"
  protocol: IpvsProtocol;
  vip: string | null;
  port: number | null;
  fwmark: number | null;
  scheduler: string;
  flags: string[];
  persistence: { timeout: number; netmask: string | null } | null;
  stats: StatCounters;
  rates: RateCounters;
  realServers: PollRealServer[];
}

export interface PollSample {
  readAt: string; // ISO time the console received the output
  bootId: string; // changes when the node reboots
  uptimeSeconds: number;
  ipvsLoaded: boolean;
  totals: ProcIpvsTotals | null; // host-wide, from /proc/net/ip_vs_stats
  services: PollService[];
  connections?: Connection[]; // only when asked for
  keepalived?: { running: boolean }; // absent in samples from before keepalived was read
  health?: HealthRecord[]; // what keepalived's hooks last recorded per real server ([] = nothing failed)
  vrrp?: VrrpRecord[]; // failover: each VRRP instance's last state, as its hooks recorded it
  heldVips?: string[]; // failover: the addresses keepalived's VRRP holds on this node now
  events?: { from: number; fileSize: number; text: string }; // only when asked for
}

const IF_LOADED = (cmd: string): string => `[ -e /proc/net/ip_vs ] || exit 0\n${cmd}`;

function pollSections(opts: PollOptions): SectionSpec[] {
  const s: SectionSpec[] = [
    { name: 'boot-id', script: 'cat /proc/sys/kernel/random/boot_id' },
    { name: 'uptime', script: 'cat /proc/uptime' },
    { name: 'ipvs-proc', script: IF_LOADED('echo loaded\ncat /proc/net/ip_vs') },
    { name: 'ipvs-totals', script: IF_LOADED('cat /proc/net/ip_vs_stats') },
    { name: 'ipvs-pconn', requires: 'ipvsadm', script: IF_LOADED('ipvsadm -Ln --persistent-conn --exact') },
    { name: 'ipvs-stats', requires: 'ipvsadm', script: IF_LOADED('ipvsadm -Ln --stats --exact') },
    { name: 'ipvs-rate', requires: 'ipvsadm', script: IF_LOADED('ipvsadm -Ln --rate --exact') },
  ];
  if (opts.connections) s.push({ name: 'ipvs-conn', script: IF_LOADED('cat /proc/net/ip_vs_conn') });
  s.push({ name: 'keepalived', script: keepalivedPollScript(opts.eventsFrom) });
  return s;
}

export interface PollOptions {
  connections: boolean;
  /** Byte offset in the node's event log the console has stored up to; omitted: no events read. */
  eventsFrom?: number;
}

export function buildPollScript(opts: PollOptions): string {
  return renderSections(pollSections(opts));
}

export function parsePollOutput(stdout: string, opts: { readAt?: Date } = {}): PollSample {
  const sections = splitSections(stdout, ['boot-id', 'uptime', 'ipvs-proc', 'ipvs-totals', 'ipvs-pconn', 'ipvs-stats', 'ipvs-rate']);
  const bootId = okBody(sections, 'boot-id').trim();
  if (!/^[0-9a-f-]{36}$/.test(bootId)) throw new ParseError(1, bootId, 'section "boot-id": expected a UUID');
  const up = okBody(sections, 'uptime').trim().split(/\s+/)[0] ?? '';
  if (!/^\d+(\.\d+)?$/.test(up)) throw new ParseError(1, up, 'section "uptime": expected seconds');

  const procBody = okBody(sections, 'ipvs-proc');
  const ipvsLoaded = procBody.startsWith('loaded\n');
  const base = ipvsLoaded ? inSection('ipvs-proc', () => parseProcIpvs(procBody.slice('loaded\n'.length))) : [];
  const totalsBody = okBody(sections, 'ipvs-totals');
  const totals = totalsBody.trim() === '' ? null : inSection('ipvs-totals', () => parseProcIpvsStats(totalsBody));
  // The netlink reads are skipped entirely on an empty table: no services, nothing to enrich.
  const pconn = ipvsLoaded ? inSection('ipvs-pconn', () => parseIpvsList(okBody(sections, 'ipvs-pconn'))) : [];
  const stats = ipvsLoaded ? inSection('ipvs-stats', () => parseIpvsStats(okBody(sections, 'ipvs-stats'))) : { services: {} };
  const rates = ipvsLoaded ? inSection('ipvs-rate', () => parseIpvsRates(okBody(sections, 'ipvs-rate'))) : { services: {} };
  const pconnByKey = new Map(pconn.map((s) => [s.key, s]));

  // The reads are milliseconds apart; a service added or removed in between is simply missing from
  // one of them, so enrichment falls back to zeros/null instead of failing the whole sample.
  const services: PollService[] = base.map((svc) => {
    const pc = pconnByKey.get(svc.key);
    const st = stats.services[svc.key];
    const rt = rates.services[svc.key];
    return {
      key: svc.key,
      protocol: svc.protocol,
      vip: svc.vip,
      port: svc.port,
      fwmark: svc.fwmark,
      scheduler: svc.scheduler,
      flags: [...(pc?.flags ?? []), ...(svc.onePacket && !pc?.flags.includes('ops') ? ['ops'] : [])],
      persistence: svc.persistence,
      stats: st?.totals ?? ZERO_STATS,
      rates: rt?.totals ?? ZERO_RATES,
      realServers: svc.realServers.map((rs) => {
        const id = realServerKey(rs);
        const p = pc?.realServers.find((r) => r.address === rs.address && r.port === rs.port);
        return { ...rs, persistConn: p?.persistConn ?? null, stats: st?.realServers[id] ?? ZERO_STATS, rates: rt?.realServers[id] ?? ZERO_RATES };
      }),
    };
  });

  const sample: PollSample = {
    readAt: (opts.readAt ?? new Date()).toISOString(),
    bootId,
    uptimeSeconds: Number(up),
    ipvsLoaded,
    totals,
    services,
  };
  const ka = sections.get('keepalived');
  if (ka) Object.assign(sample, inSection('keepalived', () => parseKeepalivedPoll(okBody(sections, 'keepalived'))));
  const conn = sections.get('ipvs-conn');
  if (conn) sample.connections = inSection('ipvs-conn', () => parseProcConnections(okBody(sections, 'ipvs-conn')));
  return sample;
}
