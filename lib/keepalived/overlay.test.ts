import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VirtualServiceSpec } from '../ipvs/types';
import { nodeTime, parseHealthRecords, parseVrrpRecords, renderNotifyScript, type HealthRecord } from './events';
import { healthOf, withHealth } from './overlay';
import { missingDependency, parseKeepalivedProbe } from './probe';

const rs = (address: string, weight: number) => ({ address, port: 80, forward: 'dr' as const, tunnelType: null, weight, upperThreshold: 0, lowerThreshold: 0 });
const svc = (health: VirtualServiceSpec['health']): VirtualServiceSpec => ({
  protocol: 'tcp', vip: '10.20.0.100', port: 80, fwmark: null, scheduler: 'wrr', flags: [], persistence: null,
  realServers: [rs('10.10.0.12', 3), rs('10.10.0.13', 1)], ...(health ? { health } : {}),
});
const rec = (address: string, state: 'up' | 'down'): HealthRecord => ({ service: 'tcp 10.20.0.100:80', realServer: `${address}:80`, state, since: '2026-12-02T00:00:00.000Z' });

describe('withHealth', () => {
  const remove = { onFailure: 'remove' as const, sorryServer: null };
  it.each([
    ['remove takes a down server out', remove, [rec('10.10.0.12', 'down')], [['10.10.0.13', 1]]],
    ['quiesce keeps it at weight 0', { onFailure: 'quiesce' as const, sorryServer: null }, [rec('10.10.0.12', 'down')], [['10.10.0.12', 0], ['10.10.0.13', 1]]],
    ['a server back up keeps its saved weight', remove, [rec('10.10.0.12', 'up')], [['10.10.0.12', 3], ['10.10.0.13', 1]]],
    ['all down: the sorry server stands in', { onFailure: 'remove' as const, sorryServer: { address: '10.10.0.11', port: 8080 } }, [rec('10.10.0.12', 'down'), rec('10.10.0.13', 'down')], [['10.10.0.11', 1]]],
    ['unknown health changes nothing', remove, null, [['10.10.0.12', 3], ['10.10.0.13', 1]]],
  ])('%s', (_name, health, records, expected) => {
    const [out] = withHealth([svc(health)], records);
    expect(out!.realServers.map((r) => [r.address, r.weight])).toEqual(expected);
  });
  it('unchecked services are up and untouched', () => {
    expect(withHealth([svc(undefined)], [rec('10.10.0.12', 'down')])[0]!.realServers).toHaveLength(2);
    expect(healthOf(svc(undefined), rs('10.10.0.12', 3), null)).toBe('up');
    expect(healthOf(svc(remove), rs('10.10.0.12', 3), null)).toBe('unknown');
    expect(healthOf(svc(remove), rs('10.10.0.12', 3), [])).toBe('up');
  });
  it('a server its node leaves unchecked is up, whatever an old record says, and keeps the sorry server out', () => {
    const sorry = { onFailure: 'remove' as const, sorryServer: { address: '10.10.0.11', port: 8080 }, unchecked: ['10.10.0.13:80'] };
    expect(healthOf(svc(sorry), rs('10.10.0.13', 1), null)).toBe('up');
    const [out] = withHealth([svc(sorry)], [rec('10.10.0.12', 'down'), rec('10.10.0.13', 'down')]);
    expect(out!.realServers.map((r) => [r.address, r.weight])).toEqual([['10.10.0.13', 1]]);
  });
});

describe('health records and node times', () => {
  it('parses the health files, newest line per server', () => {
    const text = 'down 1764700000.5 service=tcp/10.20.0.100:80 rs=10.10.0.12:80\nup 1764700001.25 service=tcp/10.20.0.100:80 rs=10.10.0.12:80\n';
    expect(parseHealthRecords(text)).toEqual([{ service: 'tcp 10.20.0.100:80', realServer: '10.10.0.12:80', state: 'up', since: '2025-12-02T18:26:41.250Z' }]);
    expect(() => parseHealthRecords('sideways 1 service=a rs=b\n')).toThrow(/line 1/);
    expect(nodeTime('1764700000.123456789')).toBe('2025-12-02T18:26:40.123Z');
    expect(nodeTime('soon')).toBeNull();
  });
});

describe('keepalived probe', () => {
  it.each([
    ['version Keepalived v2.2.7 (01/16,2022)\nstate running\n', { version: '2.2.7', running: true }],
    ['version none\nstate stopped\n', { version: null, running: false }],
  ])('%j', (text, expected) => expect(parseKeepalivedProbe(text)).toEqual(expected));
  it('names a bad line', () => expect(() => parseKeepalivedProbe('version none\nbanana\n')).toThrow(/line 2/));
  it('a keepalived director without keepalived is missing-dependency with the apt remedy', () => {
    const desired = { nodeName: 'lb1', engine: 'keepalived' as const } as Parameters<typeof missingDependency>[0];
    const live = { keepalived: { version: null, running: false } } as Parameters<typeof missingDependency>[1];
    expect(missingDependency(desired, live)).toMatchObject({ code: 'missing-dependency', message: expect.stringContaining('apt-get install keepalived') });
    expect(missingDependency({ ...desired, engine: undefined }, live)).toBeNull();
  });
});

describe('the notify hook (run by sh)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'notify-'));
  const script = join(dir, 'notify');
  writeFileSync(script, renderNotifyScript());
  chmodSync(script, 0o755);
  const env = { ...process.env, LVS_CONSOLE_EVENTS: join(dir, 'log', 'events.log'), LVS_CONSOLE_HEALTH: join(dir, 'health') };
  const run = (...args: string[]) => {
    try {
      execFileSync('sh', [script, ...args], { env, stdio: 'pipe' });
      return 0;
    } catch (e) {
      return (e as { status: number }).status;
    }
  };
  it('appends one v1 line per event and keeps the newest state per server', () => {
    expect(run('rs-down', 'service=tcp/10.20.0.100:80', 'rs=10.10.0.12:80')).toBe(0);
    expect(run('rs-up', 'service=tcp/10.20.0.100:80', 'rs=10.10.0.12:80')).toBe(0);
    expect(run('keepalived-started')).toBe(0);
    const lines = readFileSync(env.LVS_CONSOLE_EVENTS, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^v1 \d+\.\d+ rs-down service=tcp\/10\.20\.0\.100:80 rs=10\.10\.0\.12:80$/);
    expect(lines[2]).toMatch(/^v1 \d+\.\d+ keepalived-started$/);
    const files = readdirSync(env.LVS_CONSOLE_HEALTH);
    expect(files).toEqual(['tcp_10.20.0.100-80__10.10.0.12-80']);
    expect(parseHealthRecords(readFileSync(join(env.LVS_CONSOLE_HEALTH, files[0]!), 'utf8'))[0]!.state).toBe('up');
  });
  it('a director transition is logged and kept as the instance\'s VRRP state', () => {
    const vrrpEnv = { ...env, LVS_CONSOLE_VRRP: join(dir, 'vrrp') };
    execFileSync('sh', [script, 'director-backup', 'vip=10.10.0.100'], { env: vrrpEnv });
    execFileSync('sh', [script, 'director-master', 'vip=10.10.0.100'], { env: vrrpEnv });
    const files = readdirSync(vrrpEnv.LVS_CONSOLE_VRRP);
    expect(files).toEqual(['10_10_0_100']);
    expect(parseVrrpRecords(readFileSync(join(vrrpEnv.LVS_CONSOLE_VRRP, files[0]!), 'utf8'))).toEqual([{ vips: ['10.10.0.100'], state: 'master', since: expect.any(String) }]);
    expect(readFileSync(env.LVS_CONSOLE_EVENTS, 'utf8').trim().split('\n').slice(-1)[0]).toMatch(/^v1 \d+\.\d+ director-master vip=10\.10\.0\.100$/);
  });
  it('refuses unknown kinds and arguments with shell or space characters', () => {
    const before = readFileSync(env.LVS_CONSOLE_EVENTS, 'utf8').trim().split('\n').length;
    expect(run('rm', 'x=1')).toBe(2);
    expect(run('rs-down', 'service=$(id)')).toBe(2);
    expect(run('rs-down', 'a b')).toBe(2);
    expect(readFileSync(env.LVS_CONSOLE_EVENTS, 'utf8').trim().split('\n')).toHaveLength(before);
  });
});

describe('the poll section', () => {
  it('finds the VIPs under keepalived\'s label in real `ip -o -4 addr show` output', async () => {
    const { HELD_VIPS_AWK } = await import('./poll-section');
    const ipOutput = [
      '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet 10.10.0.11/24 scope global eth0\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet 10.10.0.100/32 scope global eth0:ka\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet 10.10.0.101/32 scope global eth0:lvs\\       valid_lft forever preferred_lft forever',
      '',
    ].join('\n');
    expect(execFileSync('awk', [HELD_VIPS_AWK], { input: ipOutput, encoding: 'utf8' })).toBe('vip 10.10.0.100\n');
  });
  it('reads state, health lines and the event chunk (raw bytes after the events line)', async () => {
    const { parseKeepalivedPoll } = await import('./poll-section');
    const body = 'state running\nhealth down 1764700000.5 service=tcp/10.20.0.100:80 rs=10.10.0.12:80\nevents 120 60\nv1 1764700000.5 rs-down service=tcp/10.20.0.100:80 rs=10.10.0.12:80\nv1 17647';
    const p = parseKeepalivedPoll(body);
    expect(p.keepalived).toEqual({ running: true });
    expect(p.health.map((h) => [h.realServer, h.state])).toEqual([['10.10.0.12:80', 'down']]);
    expect(p.events).toEqual({ fileSize: 120, from: 60, text: 'v1 1764700000.5 rs-down service=tcp/10.20.0.100:80 rs=10.10.0.12:80\nv1 17647' });
    const failover = parseKeepalivedPoll('state running\nvrrp master 1764700000.5 vip=10.10.0.100\nvip 10.10.0.100\n');
    expect([failover.vrrp.map((v) => v.state), failover.heldVips]).toEqual([['master'], ['10.10.0.100']]);
    expect(() => parseKeepalivedPoll('state running\nvip 10.10.0.100; rm\n')).toThrow(/line 2/);
    expect(parseKeepalivedPoll('state stopped\n')).toEqual({ keepalived: { running: false }, health: [], vrrp: [], heldVips: [] });
    expect(() => parseKeepalivedPoll('state running\nbogus\n')).toThrow(/line 2/);
    expect(() => parseKeepalivedPoll('state sideways\n')).toThrow(/state running/);
  });
});
