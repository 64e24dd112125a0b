/**
 * The node side of the live state: addresses (`ip -j -4 addr show`), sysctls (`sysctl -e k...`),
 * loaded modules (/proc/modules) and the default gateway (`ip -j -4 route show default`).
 */
import type { AddressSpec } from './types';
import { ParseError, isIpv4, linesOf } from './parse-error';

function parseJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new ParseError(0, '', `${what} is not JSON: ${(e as Error).message}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** iproute2 JSON: [{ifname, addr_info:[{family, local, prefixlen, label}]}]. IPv6 entries are skipped. */
export function parseAddresses(json: string): AddressSpec[] {
  if (json.trim() === '') return [];
  const data = parseJson(json, 'ip -j addr output');
  if (!Array.isArray(data)) throw new ParseError(0, '', 'ip -j addr output is not a list of interfaces');
  const out: AddressSpec[] = [];
  data.forEach((link, i) => {
    if (!isRecord(link) || typeof link.ifname !== 'string') throw new ParseError(0, '', `interface #${i + 1} has no ifname`);
    const infos = link.addr_info ?? [];
    if (!Array.isArray(infos)) throw new ParseError(0, '', `interface ${link.ifname}: addr_info is not a list`);
    for (const a of infos) {
      if (!isRecord(a)) throw new ParseError(0, '', `interface ${link.ifname}: address entry is not an object`);
      if (a.family !== undefined && a.family !== 'inet') continue;
      const { local, prefixlen, label } = a;
      if (typeof local !== 'string' || !isIpv4(local)) throw new ParseError(0, '', `interface ${link.ifname}: bad address ${JSON.stringify(local)}`);
      if (typeof prefixlen !== 'number' || !Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > 32) {
        throw new ParseError(0, '', `interface ${link.ifname}: bad prefix length ${JSON.stringify(prefixlen)}`);
      }
      // iproute2 prints label only for IPv4 and sets it to the ifname when there is no alias.
      const lbl = typeof label === 'string' && label !== link.ifname ? label : null;
      out.push({ address: local, prefix: prefixlen, dev: link.ifname, label: lbl });
    }
  });
  return out;
}

/** `sysctl -e a b c` → { a: value }. Unknown keys are absent (that is what -e is for). */
export function parseSysctls(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  linesOf(text).forEach((raw, idx) => {
    if (raw.trim() === '') return;
    const m = /^\s*([A-Za-z0-9_.\-/]+)\s*=\s?(.*)$/.exec(raw);
    if (!m) throw new ParseError(idx + 1, raw, 'expected "key = value"');
    // sysctl prints tab-separated multi-value keys (e.g. ip_local_port_range); keep them as one space-separated value.
    out[m[1]] = m[2].trim().replace(/\s+/g, ' '); // keys as sysctl prints them (a '/' stands for a dot in an interface name)
  });
  return out;
}

/** /proc/modules: "ip_vs_wlc 12288 1 - Live 0x0000000000000000" → names. */
export function parseModules(text: string): string[] {
  const out: string[] = [];
  linesOf(text).forEach((raw, idx) => {
    if (raw.trim() === '') return;
    const name = raw.split(' ', 1)[0];
    if (!/^[A-Za-z0-9_]+$/.test(name) || raw.split(' ').length < 3) throw new ParseError(idx + 1, raw, 'expected a /proc/modules line');
    out.push(name);
  });
  return out;
}

/** `ip -j -4 route show default` → the gateway of the first default route, or null. */
export function parseDefaultGateway(json: string): string | null {
  if (json.trim() === '') return null;
  const data = parseJson(json, 'ip -j route output');
  if (!Array.isArray(data)) throw new ParseError(0, '', 'ip -j route output is not a list of routes');
  for (const r of data) {
    if (!isRecord(r)) throw new ParseError(0, '', 'route entry is not an object');
    if (r.dst !== undefined && r.dst !== 'default') continue;
    if (r.gateway === undefined) continue; // a default via a device only (e.g. a tunnel): no gateway address
    if (typeof r.gateway !== 'string' || !isIpv4(r.gateway)) throw new ParseError(0, '', `bad gateway ${JSON.stringify(r.gateway)}`);
    return r.gateway;
  }
  return null;
}
