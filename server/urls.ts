/** The URLs printed at start-up: every address an admin can reach the console at. */
import type os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

const WILDCARDS = new Set(['::', '0.0.0.0']);

function urlFor(address: string, port: number, tls: boolean): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `${tls ? 'https' : 'http'}://${host}:${port}/`;
}

/** Bound addresses → URLs; a wildcard expands to each interface address (link-local ones need a zone, so they are left out). */
export function reachableUrls(bound: string[], port: number, tls: boolean, interfaces: Interfaces): string[] {
  const addresses = bound.flatMap((b) => {
    if (!WILDCARDS.has(b)) return [b];
    const all = Object.values(interfaces).flatMap((list) => list ?? []);
    return all.filter((i) => (b === '::' || i.family === 'IPv4') && !i.address.startsWith('fe80:')).map((i) => i.address);
  });
  // Non-loopback first: those are the ones an admin's browser uses.
  const loopback = (a: string) => a === '::1' || a.startsWith('127.');
  const unique = [...new Set(addresses)].sort((a, b) => Number(loopback(a)) - Number(loopback(b)));
  return unique.map((a) => urlFor(a, port, tls));
}

export function isLoopbackOnly(bound: string[]): boolean {
  return bound.every((a) => a === '::1' || a.startsWith('127.'));
}
