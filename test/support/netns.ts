/**
 * Network namespaces on a bridge of their own, for tests that must reach this machine from another
 * address than loopback. Addresses come from 198.18.0.0/15 (RFC 2544, reserved for benchmarking
 * networks); the bridge has no route anywhere, so traffic stays on this machine.
 */
import { execFileSync } from 'node:child_process';

export interface Netns {
  hostAddress: string;
  /** name → address inside that namespace */
  addresses: Record<string, string>;
  exec(name: string, argv: string[], input?: string): string;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export function createNetns(names: string[], subnet = 77): Netns {
  const tag = String(process.pid % 100000);
  const bridge = `lvsbr${tag}`;
  const nsName = (n: string) => `lvs-${n}-${tag}`;
  const hostAddress = `198.18.${subnet}.1`;
  const addresses: Record<string, string> = {};
  const remove = () => {
    for (const n of names) {
      try { ip('netns', 'del', nsName(n)); } catch { /* already gone */ }
    }
    try { ip('link', 'del', bridge); } catch { /* already gone */ }
  };
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${hostAddress}/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    names.forEach((n, i) => {
      const ns = nsName(n);
      const [outer, inner] = [`lvsv${tag}${i}`, `lvsp${tag}${i}`];
      addresses[n] = `198.18.${subnet}.${i + 2}`;
      ip('netns', 'add', ns);
      ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
      ip('link', 'set', inner, 'netns', ns);
      ip('link', 'set', outer, 'master', bridge);
      ip('link', 'set', outer, 'up');
      ip('-n', ns, 'addr', 'add', `${addresses[n]}/24`, 'dev', inner);
      ip('-n', ns, 'link', 'set', inner, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    });
  } catch (e) {
    remove();
    throw e;
  }
  return {
    hostAddress,
    addresses,
    exec: (n, argv, input) => execFileSync('ip', ['netns', 'exec', nsName(n), ...argv], { input, timeout: 300_000, maxBuffer: 16 << 20 }).toString(),
    remove,
  };
}
