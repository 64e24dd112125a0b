import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAddresses, parseDefaultGateway, parseModules, parseSysctls } from './parse-node';

const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');

describe('node facts', () => {
  it('reads IPv4 addresses with prefix, device and alias label', () => {
    expect(parseAddresses(fixture('ip-addr.json'))).toEqual([
      { address: '127.0.0.1', prefix: 8, dev: 'lo', label: null },
      { address: '10.20.0.100', prefix: 32, dev: 'lo', label: 'lo:lvs' },
      { address: '10.10.0.11', prefix: 24, dev: 'eth0', label: null },
    ]);
    expect(parseAddresses('[]')).toEqual([]);
  });

  it('rejects addresses it cannot trust', () => {
    expect(() => parseAddresses('{"ifname":"eth0"}')).toThrow(/not a list/);
    expect(() => parseAddresses('[{"ifname":"eth0","addr_info":[{"family":"inet","local":"10.1.1","prefixlen":24}]}]')).toThrow(/eth0: bad address/);
    expect(() => parseAddresses('not json')).toThrow(/not JSON/);
  });

  it('reads sysctls; tab-separated values become one value', () => {
    expect(parseSysctls(fixture('sysctl.txt'))).toEqual({
      'net.ipv4.ip_forward': '1',
      'net.ipv4.conf.all.arp_ignore': '1',
      'net.ipv4.conf.all.arp_announce': '2',
      'net.ipv4.conf.lo.arp_ignore': '1',
      'net.ipv4.ip_local_port_range': '32768 60999',
    });
    expect(() => parseSysctls('net.ipv4.ip_forward = 1\nsysctl: permission denied\n')).toThrow(/line 2: expected "key = value"/);
  });

  it('reads module names from /proc/modules', () => {
    expect(parseModules(fixture('proc-modules.txt'))).toEqual(['ip_vs_lc', 'ip_vs', 'nf_conntrack', 'ipip']);
    expect(() => parseModules('ip_vs 1 0 - Live\n???\n')).toThrow(/line 2/);
  });

  it('reads the default gateway or null', () => {
    expect(parseDefaultGateway(fixture('ip-route-default.json'))).toBe('10.10.0.1');
    expect(parseDefaultGateway('[]')).toBeNull();
    expect(parseDefaultGateway('')).toBeNull();
    expect(parseDefaultGateway('[{"dst":"default","dev":"tunl0"}]')).toBeNull();
    expect(() => parseDefaultGateway('[{"dst":"default","gateway":"x"}]')).toThrow(/bad gateway/);
  });
});
