import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddress, normalizeAddress, parseTrustedProxies, requestClientAddress } from './client-address';

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies('127.0.0.1, 10.1.0.0/16, fd00::/8');

describe('clientAddress', () => {
  it.each([
    // peer, X-Forwarded-For, proxies, expected
    ['10.9.0.7', undefined, none, '10.9.0.7'],
    ['10.9.0.7', '1.2.3.4', none, '10.9.0.7'], // untrusted peer: the header is the client's own words
    ['::ffff:10.9.0.7', undefined, none, '10.9.0.7'],
    ['127.0.0.1', '10.9.0.7', proxies, '10.9.0.7'],
    ['127.0.0.1', '6.6.6.6, 10.9.0.7', proxies, '10.9.0.7'], // the left part was written by the client
    ['127.0.0.1', '10.9.0.7, 10.1.2.3', proxies, '10.9.0.7'], // a chain of trusted proxies is walked
    ['127.0.0.1', '10.1.2.3', proxies, '10.1.2.3'], // all hops trusted: the farthest one
    ['127.0.0.1', 'not-an-ip', proxies, '127.0.0.1'],
    ['127.0.0.1', '', proxies, '127.0.0.1'],
    ['fd00::5', '2001:db8::1', proxies, '2001:db8::1'],
    ['10.2.0.1', '10.9.0.7', proxies, '10.2.0.1'], // outside 10.1.0.0/16
    [undefined, undefined, none, 'unknown'],
  ])('peer %s, XFF %s → %s', (peer, xff, list, expected) => {
    expect(clientAddress(peer, xff, list)).toBe(expected);
  });
});

describe('parseTrustedProxies', () => {
  it.each(['10.0.0.0/33', 'example.com', '10.0.0.1/8/1', '::1/129', '10.0.0.1/x'])('refuses %s, naming the variable and entry', (bad) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${bad}`)).toThrow(`LVS_TRUSTED_PROXIES: "${bad}"`);
  });
  it('is empty by default', () => expect(parseTrustedProxies('').empty).toBe(true));
});

describe('requestClientAddress', () => {
  it('reads only the server-set header, and only an address', () => {
    expect(requestClientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: '10.0.0.9' }))).toBe('10.0.0.9');
    expect(requestClientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: 'x; drop' }))).toBe('unknown');
    expect(requestClientAddress(new Headers({ 'x-forwarded-for': '10.0.0.9' }))).toBe('unknown');
    expect(requestClientAddress(undefined)).toBe('unknown');
  });
  it('normalizes v4-mapped v6', () => expect(normalizeAddress('::FFFF:1.2.3.4')).toBe('1.2.3.4'));
});
