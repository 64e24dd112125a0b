import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildLiveStateScript, buildPollScript, parseLiveStateOutput, parsePollOutput } from './read-script';
import { SECTION_MARKER, splitSections } from './read-sections';

const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');

/** Frames section bodies exactly as the generated script prints them. */
function framed(sections: Array<[string, string, number?]>): string {
  return sections.map(([name, body, rc]) => `${SECTION_MARKER} begin ${name}\n${body}\n${SECTION_MARKER} end ${name} ${rc ?? 0}\n`).join('');
}

const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/(.{76})/g, '$1\n');

describe('buildLiveStateScript / parseLiveStateOutput', () => {
  it('quotes values and refuses keys or paths that are not plain', () => {
    const script = buildLiveStateScript({ sysctlKeys: ['net.ipv4.ip_forward', 'net.ipv4.conf.eth0.arp_ignore'], bootFilePaths: ['/etc/lvs-console/boot.sh'] });
    expect(script).toContain('sysctl -e net.ipv4.ip_forward net.ipv4.conf.eth0.arp_ignore');
    expect(script).toContain("f=/etc/lvs-console/boot.sh");
    expect(() => buildLiveStateScript({ sysctlKeys: ['net.ipv4.ip_forward;reboot'], bootFilePaths: [] })).toThrow(/refusing sysctl key/);
    expect(() => buildLiveStateScript({ sysctlKeys: [], bootFilePaths: ['/etc/$(reboot)'] })).toThrow(/refusing file path/);
    expect(() => buildLiveStateScript({ sysctlKeys: [], bootFilePaths: ['/etc/../root/x'] })).toThrow(/refusing file path/);
  });

  const fullOutput = (save: [string, number] = [fixture('ipvsadm-save.txt'), 0]) => framed([
    ['manifest', 'file-0 /etc/lvs-console/boot.sh\nfile-1 /etc/lvs-console/empty\nfile-2 /etc/lvs-console/absent'],
    ['ipvs-proc', fixture('proc-ip_vs.txt').trimEnd()],
    ['ipvs-save', save[0].trimEnd(), save[1]],
    ['ipvs-thresholds', fixture('ipvsadm-thresholds.txt').trimEnd()],
    ['addr', fixture('ip-addr.json').trimEnd()],
    ['sysctl', fixture('sysctl.txt').trimEnd()],
    ['modules', fixture('proc-modules.txt').trimEnd()],
    ['route', fixture('ip-route-default.json').trimEnd()],
    ['file-0', `present\n${b64('#!/bin/sh\n# ünïcode and \'quotes\' survive\nipvsadm-restore < /etc/lvs.rules\n')}`],
    ['file-1', 'present\n'],
    ['file-2', 'missing'],
  ]);

  it('splits the combined output into the live state, thresholds merged', () => {
    const live = parseLiveStateOutput(fullOutput());
    expect(live.ipvs).toHaveLength(6);
    expect(live.ipvs[0].realServers[1]).toMatchObject({ address: '10.10.0.12', upperThreshold: 500, lowerThreshold: 100 });
    expect(live.addresses).toContainEqual({ address: '10.20.0.100', prefix: 32, dev: 'lo', label: 'lo:lvs' });
    expect(live.sysctls['net.ipv4.ip_forward']).toBe('1');
    expect(live.modules).toContain('ip_vs');
    expect(live.defaultGateway).toBe('10.10.0.1');
    expect(live.bootFiles).toEqual({
      '/etc/lvs-console/boot.sh': "#!/bin/sh\n# ünïcode and 'quotes' survive\nipvsadm-restore < /etc/lvs.rules\n",
      '/etc/lvs-console/empty': '',
    });
  });

  it('names the section that failed', () => {
    expect(() => parseLiveStateOutput(fullOutput(['ipvsadm: command not found', 127]))).toThrow(/section "ipvs-save": ipvsadm is not installed but the kernel table holds 4 service/);
    expect(() => parseLiveStateOutput(fullOutput(['-A -t 10.20.0.100:80 -s lc\nbogus', 0]))).toThrow(/line 2: section "ipvs-save": expected a line starting with -A or -a/);
    expect(() => parseLiveStateOutput(fullOutput().replace(/@@lvs-console-7f3a@@ end route 0\n[\s\S]*$/, ''))).toThrow(/section "route" is not closed/);
  });

  it('runs for real on this host (no ip_vs here): empty table, real addresses, files present and missing', () => {
    const script = buildLiveStateScript({ sysctlKeys: ['net.ipv4.ip_forward', 'net.ipv4.no_such_key'], bootFilePaths: ['/etc/hostname', '/nonexistent/lvs-console-file'] });
    const stdout = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
    const live = parseLiveStateOutput(stdout);
    expect(live.ipvs).toEqual([]);
    expect(live.addresses.some((a) => a.address === '127.0.0.1' && a.dev === 'lo')).toBe(true);
    expect(live.sysctls['net.ipv4.ip_forward']).toMatch(/^[01]$/);
    expect(live.sysctls).not.toHaveProperty('net.ipv4.no_such_key');
    expect(live.bootFiles['/etc/hostname']).toBe(readFileSync('/etc/hostname', 'utf8'));
    expect(live.bootFiles).not.toHaveProperty('/nonexistent/lvs-console-file');
  });
});

describe('buildPollScript / parsePollOutput', () => {
  const pollOutput = (withConns: boolean) => framed([
    ['boot-id', '3f1c9a52-8a1e-4f0e-9b7a-0c2d6e5f4a31'],
    ['uptime', '1234.56 2000.01'],
    ['ipvs-proc', `loaded\n${fixture('proc-ip_vs.txt').trimEnd()}`],
    ['ipvs-totals', fixture('proc-ip_vs_stats.txt').trimEnd()],
    ['ipvs-pconn', fixture('ipvsadm-pconn.txt').trimEnd()],
    ['ipvs-stats', fixture('ipvsadm-stats.txt').trimEnd()],
    ['ipvs-rate', fixture('ipvsadm-rate.txt').trimEnd()],
    ...(withConns ? [['ipvs-conn', fixture('proc-ip_vs_conn.txt').trimEnd()] as [string, string]] : []),
  ]);

  it('merges table, flags, persistent conns, stats and rates by key', () => {
    const s = parsePollOutput(pollOutput(false), { readAt: new Date('2026-11-22T00:00:00Z') });
    expect(s).toMatchObject({ readAt: '2026-11-22T00:00:00.000Z', bootId: '3f1c9a52-8a1e-4f0e-9b7a-0c2d6e5f4a31', uptimeSeconds: 1234.56, ipvsLoaded: true });
    expect(s.totals?.totals.conns).toBe(0x3039);
    expect(s.connections).toBeUndefined();
    const web = s.services[0];
    expect(web).toMatchObject({ key: 'tcp 10.20.0.100:80', scheduler: 'lc', persistence: { timeout: 360, netmask: null } });
    expect(web.stats.conns).toBe(12345);
    expect(web.rates.cps).toBe(21);
    expect(web.realServers[0]).toEqual({
      address: '10.10.0.11', port: 80, forward: 'dr', weight: 200, activeConn: 20, inactConn: 71, persistConn: 31,
      stats: { conns: 4115, inPkts: 226300, outPkts: 0, inBytes: 30411522, outBytes: 0 },
      rates: { cps: 7, inPps: 49, outPps: 0, inBps: 3860, outBps: 0 },
    });
    expect(s.services[1].flags).toEqual(['sh-fallback', 'sh-port']);
    // Services missing from a netlink read (added between reads) fall back to zeros, not failure.
    expect(s.services[2].stats.conns).toBe(0);
    expect(s.services[2].realServers[0].persistConn).toBeNull();
  });

  it('includes the connection table when asked', () => {
    expect(buildPollScript({ connections: true })).toContain('cat /proc/net/ip_vs_conn');
    expect(buildPollScript({ connections: false })).not.toContain('ip_vs_conn');
    expect(parsePollOutput(pollOutput(true)).connections).toHaveLength(6);
  });

  it('names a failed section', () => {
    const out = pollOutput(false).replace(/(begin ipvs-stats\n)[\s\S]*?(\n@@lvs-console-7f3a@@ end ipvs-stats) 0/, '$1ipvsadm: command not found$2 127');
    expect(() => parsePollOutput(out)).toThrow(/section "ipvs-stats": command not found/);
  });

  it('runs for real on this host: boot id, uptime, ip_vs not loaded', () => {
    const stdout = execFileSync('sh', ['-c', buildPollScript({ connections: true })], { encoding: 'utf8' });
    const s = parsePollOutput(stdout);
    expect(s.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    expect(s.ipvsLoaded).toBe(false);
    expect(s.services).toEqual([]);
    expect(s.totals).toBeNull();
  });

  it('keeps section bodies exact, including missing trailing newlines', () => {
    const m = splitSections(framed([['a', 'x\n'], ['b', 'y'], ['c', '']]), ['a', 'b', 'c']);
    expect([...m.values()].map((v) => v.body)).toEqual(['x\n', 'y', '']);
  });
});
