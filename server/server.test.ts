import { describe, expect, it } from 'vitest';
import { redirectForPlainRequest } from './front-door';
import { isLoopbackOnly, reachableUrls } from './urls';

describe('plain HTTP on the HTTPS port', () => {
  it.each([
    ['GET /login?next=%2Flive HTTP/1.1\r\nHost: 10.0.0.5:777\r\n\r\n', 'https://10.0.0.5:777/login?next=%2Flive'],
    ['GET / HTTP/1.1\r\nhost: [fd00::2]:777\r\nx: y\r\n\r\n', 'https://[fd00::2]:777/'],
    ['HEAD /cluster HTTP/1.0\r\nHost: director1\r\n\r\n', 'https://director1:777/cluster'],
  ])('redirects %j', (head, location) => {
    const answer = redirectForPlainRequest(head, 777)!;
    expect(answer).toMatch(/^HTTP\/1\.1 308 /);
    expect(answer).toContain(`\r\nlocation: ${location}\r\n`);
  });
  it('waits for the end of the head', () => expect(redirectForPlainRequest('GET / HTTP/1.1\r\nHost: a', 777)).toBeNull());
  it.each([
    'GET / HTTP/1.1\r\nHost: <script>\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: a b\r\n\r\n',
    'GET http://other/ HTTP/1.1\r\nHost: a\r\n\r\n',
    'GET / HTTP/1.1\r\n\r\n',
    'x'.repeat(9000),
  ])('answers 400 to a head it would not echo: %j', (head) => {
    expect(redirectForPlainRequest(head, 777)).toMatch(/^HTTP\/1\.1 400 /);
  });
});

describe('start-up URLs', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4' }, { address: '::1', family: 'IPv6' }],
    eth0: [{ address: '10.0.0.5', family: 'IPv4' }, { address: 'fe80::1', family: 'IPv6' }, { address: 'fd00::5', family: 'IPv6' }],
  } as unknown as Parameters<typeof reachableUrls>[3];
  it('a wildcard lists every reachable address, the network ones first', () => {
    expect(reachableUrls(['::'], 777, true, interfaces)).toEqual(['https://10.0.0.5:777/', 'https://[fd00::5]:777/', 'https://127.0.0.1:777/', 'https://[::1]:777/']);
    expect(reachableUrls(['0.0.0.0'], 777, false, interfaces)).toEqual(['http://10.0.0.5:777/', 'http://127.0.0.1:777/']);
  });
  it('named addresses are listed as they are', () => {
    expect(reachableUrls(['10.0.0.5', '::1'], 8443, true, interfaces)).toEqual(['https://10.0.0.5:8443/', 'https://[::1]:8443/']);
    expect(isLoopbackOnly(['127.0.0.1', '::1'])).toBe(true);
    expect(isLoopbackOnly(['::'])).toBe(false);
  });
});
