import { describe, expect, it } from 'vitest';
import { listenSettings } from './config';

describe('listenSettings', () => {
  it('defaults: port 777, every address, self-signed TLS, no trusted proxies', () => {
    const s = listenSettings({ HOSTNAME: 'director1' });
    expect(s).toMatchObject({ port: 777, addresses: null, tls: { mode: 'self-signed' } });
    expect(s.trustedProxies.empty).toBe(true);
  });
  it.each([
    ['10.0.0.5', ['10.0.0.5']],
    ['[::]', ['::']],
    ['127.0.0.1, [::1]', ['127.0.0.1', '::1']],
  ])('LVS_CONSOLE_LISTEN=%s', (value, expected) => {
    expect(listenSettings({ LVS_CONSOLE_LISTEN: value }).addresses).toEqual(expected);
  });
  it.each([
    [{ LVS_CONSOLE_LISTEN: 'console.example' }, 'LVS_CONSOLE_LISTEN: "console.example"'],
    [{ PORT: '0' }, 'PORT: "0"'],
    [{ PORT: '77a' }, 'PORT: "77a"'],
    [{ LVS_TLS: 'maybe' }, 'LVS_TLS: "maybe"'],
    [{ LVS_TLS_CERT: '/etc/c.pem' }, 'LVS_TLS_KEY: set both'],
    [{ LVS_TLS_KEY: '/etc/k.pem' }, 'LVS_TLS_CERT: set both'],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => listenSettings(env)).toThrow(message);
  });
  it('LVS_TLS=off and certificate files', () => {
    expect(listenSettings({ LVS_TLS: 'off' }).tls).toEqual({ mode: 'off' });
    expect(listenSettings({ LVS_TLS_CERT: '/etc/c.pem', LVS_TLS_KEY: '/etc/k.pem' }).tls).toEqual({ mode: 'files', certFile: '/etc/c.pem', keyFile: '/etc/k.pem' });
  });
});
