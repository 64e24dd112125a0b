/**
 * The doctor's two read-only scripts, built like the save's read script (lib/ipvs/read-sections):
 * fixed text, and only validated values (addresses, ports, a checked path, enum-chosen flags)
 * spliced in with quoteArg. One runs on the real server, one on the director (the check's request).
 */
import { isIpv4 } from '../ipvs/parse-error';
import { parseAddresses, parseDefaultGateway, parseSysctls } from '../ipvs/parse-node';
import { inSection, okBody, renderSections, splitSections, type Section } from '../ipvs/read-sections';
import { quoteArg } from '../shell';
import { parseListen } from './parse-listen';
import type { DoctorCheck, ProbeResult, Reading, RealServerReadings } from './types';

const IFNAME = /^[a-z][a-z0-9]{0,14}$/;
/** A check path as the model's schema allows it: no spaces, quotes or control characters. */
export const CHECK_PATH = /^\/[A-Za-z0-9._~%/?=&+:@,;-]{0,200}$/;
export const PROBE_TIMEOUT_S = 5;

export function doctorSysctlKeys(tunnelDevice: string): string[] {
  if (!IFNAME.test(tunnelDevice)) throw new Error(`refusing interface name ${JSON.stringify(tunnelDevice)}`);
  return ['all', 'lo'].flatMap((d) => [`net.ipv4.conf.${d}.arp_ignore`, `net.ipv4.conf.${d}.arp_announce`]).concat('net.ipv4.conf.all.rp_filter', `net.ipv4.conf.${tunnelDevice}.rp_filter`);
}

const RS_SECTIONS = ['listen', 'addr', 'sysctl', 'ipip', 'route'];

export function buildRealServerScript(opts: { protocol: 'tcp' | 'udp'; tunnelDevice: string }): string {
  const flags = opts.protocol === 'udp' ? '-lun' : '-ltn';
  // iproute2's ss first; busybox netstat where only busybox is installed. The tool's name leads.
  const listen = `if command -v ss >/dev/null 2>&1; then echo ss; ss ${flags}\nelif command -v netstat >/dev/null 2>&1; then echo netstat; netstat ${flags}\nelse echo 'ss, netstat: command not found'; exit 127; fi`;
  return renderSections([
    { name: 'listen', script: listen },
    { name: 'addr', requires: 'ip', script: 'ip -j -4 addr show' },
    { name: 'sysctl', requires: 'sysctl', script: `sysctl -e ${doctorSysctlKeys(opts.tunnelDevice).map(quoteArg).join(' ')} || true` },
    // Loaded as a module or built in, the kernel lists it under /sys/module.
    { name: 'ipip', script: '[ -d /sys/module/ipip ] && echo loaded || echo absent' },
    { name: 'route', requires: 'ip', script: 'ip -j -4 route show default' },
  ]);
}

function reading<T>(sections: Map<string, Section>, name: string, parse: (body: string) => T): Reading<T> {
  try {
    return { ok: true, value: inSection(name, () => parse(okBody(sections, name))) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Each section is judged on its own: one unreadable section does not hide the others' findings. */
export function parseRealServerOutput(stdout: string): RealServerReadings {
  const sections = splitSections(stdout, RS_SECTIONS);
  return {
    listen: reading(sections, 'listen', parseListen),
    addresses: reading(sections, 'addr', (b) => parseAddresses(b).map(({ address, dev }) => ({ address, dev }))),
    sysctls: reading(sections, 'sysctl', parseSysctls),
    ipip: reading(sections, 'ipip', (b) => b.trim() === 'loaded'),
    gateway: reading(sections, 'route', parseDefaultGateway),
  };
}

export interface ProbeTarget {
  address: string;
  port: number | null;
  check: DoctorCheck | null;
}

/** What the director is asked to do: a TCP connect unless the check says HTTP(S) or ping. */
export function probePlan(t: ProbeTarget): { kind: ProbeResult['kind']; target: string; script: string } {
  if (!isIpv4(t.address)) throw new Error(`refusing address ${JSON.stringify(t.address)}`);
  const port = t.check?.port ?? t.port;
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new Error(`refusing port ${JSON.stringify(port)}`);
  const type = t.check?.type ?? 'tcp';
  const w = `timeout ${PROBE_TIMEOUT_S}`;
  if (type === 'ping' || port === null) {
    return { kind: 'ping', target: t.address, script: `${w} ping -c 1 -W 2 ${quoteArg(t.address)}` };
  }
  if (type === 'http' || type === 'https') {
    const path = t.check?.path ?? '/';
    if (!CHECK_PATH.test(path)) throw new Error(`refusing check path ${JSON.stringify(path)}`);
    const url = `${type}://${t.address}:${port}${path}`;
    // -S prints the status line (busybox and GNU wget alike); the parser reads it from there.
    return { kind: 'http', target: url, script: `${w} wget -S -q -O /dev/null ${quoteArg(url)}` };
  }
  const target = `${t.address}:${port}`;
  // busybox nc has no -z: connect with an empty stdin, so it ends when the server closes.
  return { kind: 'tcp', target, script: `${w} nc -w 3 ${quoteArg(t.address)} ${port} </dev/null >/dev/null` };
}

export function buildProbeScript(t: ProbeTarget): string {
  const plan = probePlan(t);
  const tool = plan.kind === 'http' ? 'wget' : plan.kind === 'ping' ? 'ping' : 'nc';
  return renderSections([{ name: 'probe', requires: tool, script: plan.script }]);
}

export function parseProbeOutput(stdout: string, plan: { kind: ProbeResult['kind']; target: string }): ProbeResult {
  const s = splitSections(stdout, ['probe']).get('probe')!;
  const statuses = [...s.body.matchAll(/HTTP\/\d(?:\.\d)? (\d{3})/g)].map((m) => Number(m[1]));
  return { kind: plan.kind, target: plan.target, rc: s.rc, output: s.body, status: plan.kind === 'http' && statuses.length ? statuses[statuses.length - 1] : null };
}
