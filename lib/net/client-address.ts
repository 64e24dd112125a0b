/**
 * The client's address as the throttles and the audit log see it. The console's own server (server/)
 * computes it from the socket, once per request, and hands it to Next in one header; nothing else
 * reads X-Forwarded-For. A forwarded header counts only when the peer is a configured proxy
 * (LVS_TRUSTED_PROXIES), and then only up to the first hop that is not a proxy itself, so a client
 * cannot choose its own address by sending the header.
 */
import { BlockList, isIP } from 'node:net';

/** Set by server/ on every request after removing any copy the client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-lvs-client-address';

/** Headers a proxy adds; dropped when the peer is not a trusted proxy, so Next and Auth.js never see a forged one. */
export const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'] as const;

export interface TrustedProxies {
  list: BlockList;
  empty: boolean;
}

/** `LVS_TRUSTED_PROXIES`: comma-separated addresses or CIDR blocks (v4 or v6). Throws naming the bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || extra !== undefined || !/^\d{1,3}$/.test(bits ?? String(max)) || prefix > max) {
      throw new Error(`LVS_TRUSTED_PROXIES: "${entry}" is not an address or CIDR block`);
    }
    list.addSubnet(addr, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { list, empty: entries.length === 0 };
}

/** `::ffff:10.0.0.1` (a v4 client on a dual-stack socket) is `10.0.0.1`. */
export function normalizeAddress(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address.toLowerCase();
}

export function isTrustedProxy(address: string, proxies: TrustedProxies): boolean {
  if (proxies.empty) return false;
  const family = isIP(address);
  return family !== 0 && proxies.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Socket peer, else — when the peer is a trusted proxy — the nearest X-Forwarded-For hop that is
 * not one (read right to left: the left part is whatever the client wrote).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  let address = normalizeAddress(peer ?? 'unknown');
  if (!isTrustedProxy(address, proxies) || !forwardedFor) return address;
  const hops = forwardedFor.split(',').map((h) => normalizeAddress(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i])) return address; // a malformed hop: stop at the last address we could trust
    address = hops[i];
    if (!isTrustedProxy(address, proxies)) return address;
  }
  return address;
}

/** For route handlers and Auth.js: the address server/ resolved, or `unknown` under `next dev` and in-process tests. */
export function requestClientAddress(headers: Pick<Headers, 'get'> | undefined): string {
  const value = headers?.get(CLIENT_ADDRESS_HEADER)?.trim();
  return value && isIP(value) ? value : 'unknown';
}
