import { describe, expect, it } from 'vitest';
import { healthCheckSchema, type HealthCheck } from '../cluster/health-schema';
import { serviceSchema } from '../cluster/schemas';
import type { VirtualServiceSpec } from '../ipvs/types';
import { renderKeepalivedConf, retryDelayMs, timer, type CheckedService } from './render';

const check = (over: Partial<HealthCheck> = {}): HealthCheck => healthCheckSchema.parse({ type: 'tcp', ...over });

const spec = (over: Partial<VirtualServiceSpec> = {}): VirtualServiceSpec => ({
  protocol: 'tcp', vip: '10.20.0.100', port: 80, fwmark: null, scheduler: 'wrr', flags: [], persistence: null,
  realServers: [
    { address: '10.10.0.12', port: 80, forward: 'dr', tunnelType: null, weight: 3, upperThreshold: 0, lowerThreshold: 0 },
    { address: '10.10.0.13', port: 80, forward: 'dr', tunnelType: null, weight: 1, upperThreshold: 0, lowerThreshold: 0 },
  ],
  ...over,
});

const conf = (svc: Partial<CheckedService>) => renderKeepalivedConf([{ spec: spec(), check: check(), sorryServer: null, ...svc }]);

describe('timers', () => {
  it.each([[1000, '1'], [100, '0.1'], [250, '0.25'], [60000, '60']])('%i ms → %s', (ms, text) => expect(timer(ms)).toBe(text));
  it('retries confirm quickly: a fifth of the interval, at least 20 ms, at most the interval', () => {
    expect(retryDelayMs(check({ intervalMs: 1000 }))).toBe(200);
    expect(retryDelayMs(check({ intervalMs: 100, fall: 2 }))).toBe(20);
    expect(retryDelayMs(check({ intervalMs: 10000 }))).toBe(2000);
  });
});

describe('renderKeepalivedConf', () => {
  it('renders a DR wrr service with a 1 s TCP check and event hooks per real server', () => {
    const text = conf({});
    expect(text).toContain('virtual_server 10.20.0.100 80 {\n  lb_algo wrr\n  lvs_method DR\n  protocol TCP\n  delay_loop 1\n');
    expect(text).toContain([
      '  real_server 10.10.0.12 80 {',
      '    weight 3',
      '    lvs_method DR',
      '    notify_up "/etc/lvs-console/notify rs-up service=tcp/10.20.0.100:80 rs=10.10.0.12:80"',
      '    notify_down "/etc/lvs-console/notify rs-down service=tcp/10.20.0.100:80 rs=10.10.0.12:80"',
      '    TCP_CHECK {',
      '      connect_port 80',
      '      connect_timeout 1',
      '      delay_loop 1',
      '      retry 1',
      '      delay_before_retry 0.2',
      '      warmup 0',
      '    }',
      '  }',
    ].join('\n'));
    expect(text).toContain('script_user root');
    expect(renderKeepalivedConf([{ spec: spec(), check: check(), sorryServer: null }])).toBe(text); // deterministic
  });

  it('quiesce is inhibit_on_failure; a sorry server is rendered; no check means no hooks', () => {
    expect(conf({ check: check({ onFailure: 'quiesce' }) })).toContain('  inhibit_on_failure\n');
    expect(conf({ sorryServer: { address: '10.10.0.11', port: 80 } })).toContain('  sorry_server 10.10.0.11 80\n');
    const unchecked = conf({ check: null });
    expect(unchecked).not.toContain('notify_');
    expect(unchecked).not.toContain('_CHECK');
  });

  it('per-node checks: each real server gets its own checker, and a null one neither checker nor hooks', () => {
    const text = conf({ check: check({ type: 'http', path: '/' }), checks: [check({ type: 'http', path: '/app/health', intervalMs: 500 }), null] });
    const [first, second] = text.split('  real_server ').slice(1);
    expect(first).toContain('path /app/health');
    expect(first).toContain('delay_loop 0.5');
    expect(first).toContain('notify_down');
    expect(second).not.toMatch(/_GET|_CHECK|notify_/);
    expect(text).toContain('  delay_loop 1\n'); // the virtual server keeps the service's interval
  });

  it('http checks carry path, status and body text (dots as [.], never a backslash)', () => {
    const text = conf({ check: check({ type: 'http', path: '/health?x=1', expectStatus: 204, expectText: 'ok v1.2' }) });
    expect(text).toContain('HTTP_GET {\n      url {\n        path /health?x=1\n        status_code 204\n        regex "ok v1[.]2"\n      }');
    expect(text).not.toContain('\\');
    expect(conf({ check: check({ type: 'https' }) })).toContain('SSL_GET {');
    expect(conf({ check: check({ type: 'ping' }) })).toMatch(/PING_CHECK \{\n(?!.*connect_port)/);
  });

  it('tun, fwmark, persistence, flags and thresholds', () => {
    const tun = spec({
      protocol: 'fwmark', vip: null, port: null, fwmark: 5, scheduler: 'sh', flags: ['sh-port'], persistence: { timeout: 360, netmask: '255.255.255.0' },
      realServers: [{ address: '10.10.0.12', port: 0, forward: 'tun', tunnelType: 'gue', weight: 2, upperThreshold: 100, lowerThreshold: 10 }],
    });
    const text = renderKeepalivedConf([{ spec: tun, check: check({ port: 80 }), sorryServer: null }]);
    expect(text).toContain('virtual_server fwmark 5 {\n  lb_algo sh\n  lvs_method TUN type gue port 6080\n  sh-port\n  persistence_timeout 360\n  persistence_granularity 255.255.255.0\n');
    expect(text).toContain('  real_server 10.10.0.12 {\n    weight 2\n    lvs_method TUN type gue port 6080\n    uthreshold 100\n    lthreshold 10\n');
    expect(text).toContain('service=fwmark/5 rs=10.10.0.12:0');
  });

  it('refuses a word keepalived would read as a comment, a quote or two words', () => {
    for (const path of ['/a#b', '/a!b', '/a"b', '/a b', '/a\nb']) {
      expect(() => renderKeepalivedConf([{ spec: spec(), check: { ...check({ type: 'http' }), path }, sorryServer: null }])).toThrow(/refusing/);
    }
  });
});

describe('health check schema', () => {
  const base = { name: 'web', protocol: 'tcp', port: 80 };
  const fields = (input: unknown) => {
    const r = serviceSchema.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };
  it.each([
    [{ type: 'http', path: '/a b' }, 'healthCheck.path'],
    [{ type: 'http', path: '/#x' }, 'healthCheck.path'],
    [{ type: 'http', path: '/"x' }, 'healthCheck.path'],
    [{ type: 'http', expectText: 'a"b' }, 'healthCheck.expectText'],
    [{ type: 'http', expectText: 'a!b' }, 'healthCheck.expectText'],
    [{ type: 'tcp', path: '/x' }, 'healthCheck.path'],
    [{ type: 'ping', port: 80 }, 'healthCheck.port'],
    [{ type: 'tcp', intervalMs: 99 }, 'healthCheck.intervalMs'],
    [{ type: 'tcp', intervalMs: 100, fall: 1 }, 'healthCheck.fall'],
    [{ type: 'tcp', rise: 2 }, 'healthCheck.rise'],
    [{ type: 'tcp', onFailure: 'reboot' }, 'healthCheck.onFailure'],
    [{ type: 'gopher' }, 'healthCheck.type'],
    [{ type: 'tcp', timeoutMs: 20000, intervalMs: 1000 }, 'healthCheck.timeoutMs'],
  ])('%j is refused at %s', (hc, field) => {
    expect(Object.keys(fields({ ...base, healthCheck: hc }))).toContain(field);
  });
  it('http on udp and a port-less fwmark check are refused; defaults are 1 s, fall 2, remove', () => {
    expect(fields({ ...base, protocol: 'udp', healthCheck: { type: 'http' } })).toHaveProperty(['healthCheck.type']);
    expect(fields({ name: 'fw', protocol: 'fwmark', fwmark: 5, healthCheck: { type: 'tcp' } })).toHaveProperty(['healthCheck.port']);
    const ok = serviceSchema.parse({ ...base, healthCheck: { type: 'tcp' }, sorryServer: { address: '10.10.0.11', port: 80 } });
    expect(ok.healthCheck).toMatchObject({ intervalMs: 1000, timeoutMs: 1000, fall: 2, rise: 1, onFailure: 'remove', port: null });
    expect(fields({ ...base, sorryServer: { address: '0.0.0.0', port: 80 } })).toHaveProperty(['sorryServer.address']);
  });
});
