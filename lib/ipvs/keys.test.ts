import { describe, expect, it } from 'vitest';
import { isTunnelDevice, realServerKey, serviceKey, serviceRealServerKey, tunnelDevice } from './keys';
import { TUNNEL_TYPES } from '../cluster/primitives';

describe('IPVS keys', () => {
  it.each([
    [{ protocol: 'tcp' as const, vip: '10.20.0.100', port: 80, fwmark: null }, 'tcp 10.20.0.100:80'],
    [{ protocol: 'sctp' as const, vip: '10.20.0.100', port: 9, fwmark: null }, 'sctp 10.20.0.100:9'],
    [{ protocol: 'fwmark' as const, vip: null, port: null, fwmark: 5 }, 'fwmark 5'],
  ])('serviceKey(%o) = %s', (s, key) => expect(serviceKey(s)).toBe(key));

  it('keys a real server as ipvsadm names it, and within its service', () => {
    expect(realServerKey({ address: '10.10.0.12', port: 80 })).toBe('10.10.0.12:80');
    expect(serviceRealServerKey('fwmark 5', { address: '10.10.0.12', port: 0 })).toBe('fwmark 5 10.10.0.12:0');
  });

  it('puts every tunnel type on a device the planner brings up', () => {
    for (const t of TUNNEL_TYPES) expect(isTunnelDevice(tunnelDevice(t).dev)).toBe(true);
    expect(isTunnelDevice('lo')).toBe(false);
    expect(isTunnelDevice('eth0')).toBe(false);
  });
});
