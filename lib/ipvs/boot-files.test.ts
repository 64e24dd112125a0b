/**
 * cmctl runs under dash with stub ip/modprobe/sysctl/ipvsadm commands that log their argv, so its
 * boot behaviour (restore only into an empty table, labels, idempotent addresses) is exercised.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderCluster } from './render';
import { universityCluster } from './__fixtures__/cluster-models';
import type { NodeDesiredState } from './types';

let dir: string;
const STUB = `#!/bin/sh
echo "\${0##*/} $*" >>"$STUB_LOG"
case "\${0##*/} $1" in
  "ipvsadm -Sn") cat "$STUB_STATE/table" 2>/dev/null ;;
  "ip -o") cat "$STUB_STATE/addr" 2>/dev/null ;;
  "sysctl -n") echo 1 ;;
  "ipvsadm-restore "*) cat >"$STUB_STATE/restored" ;;
esac
exit 0
`;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cmctl-'));
  mkdirSync(`${dir}/bin`);
  mkdirSync(`${dir}/etc`);
  mkdirSync(`${dir}/state`);
  for (const cmd of ['ip', 'modprobe', 'sysctl', 'ipvsadm', 'ipvsadm-restore']) {
    writeFileSync(`${dir}/bin/${cmd}`, STUB);
    chmodSync(`${dir}/bin/${cmd}`, 0o755);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function install(state: NodeDesiredState) {
  for (const f of state.bootFiles) writeFileSync(`${dir}/etc/${path.basename(f.path)}`, f.content, { mode: f.mode });
}

function cmctl(arg: string) {
  const r = spawnSync('dash', [`${dir}/etc/cmctl`, arg], {
    encoding: 'utf8',
    env: { NODE_ENV: 'test', CMCTL_PATH: `${dir}/bin:/usr/bin:/bin`, LVS_CONSOLE_DIR: `${dir}/etc`, STUB_LOG: `${dir}/log`, STUB_STATE: `${dir}/state` },
  });
  let log = '';
  try {
    log = readFileSync(`${dir}/log`, 'utf8');
  } catch {
    /* no command ran */
  }
  rmSync(`${dir}/log`, { force: true });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, log: log.split('\n').map((l) => l.trim()).filter(Boolean) };
}

describe('cmctl', () => {
  const director = renderCluster(universityCluster(), { activeDirector: 'web01' })[0]!;

  it('start loads modules, sets sysctls, adds labelled addresses and restores rules into an empty table', () => {
    install(director);
    const r = cmctl('start');
    expect(r.code).toBe(0);
    expect(r.log).toEqual([
      'modprobe ip_vs',
      'modprobe ip_vs_lc',
      'sysctl -w net.ipv4.ip_forward=1',
      'sysctl -w net.ipv4.vs.expire_nodest_conn=1',
      'ip link set dev eth0 up',
      'ip -o -4 addr show dev eth0',
      'ip addr add 10.20.0.100/32 dev eth0 label eth0:lvs',
      'ipvsadm -Sn',
      'ipvsadm-restore',
    ]);
    expect(readFileSync(`${dir}/state/restored`, 'utf8')).toBe(director.bootFiles[0]!.content);
  });

  it('start never touches a table that already has rules, nor an address already held', () => {
    install(director);
    writeFileSync(`${dir}/state/table`, '-A -t 10.20.0.100:80 -s rr\n');
    writeFileSync(`${dir}/state/addr`, '2: eth0    inet 10.20.0.100/32 scope global eth0:lvs\\       valid_lft forever\n');
    const r = cmctl('start');
    expect(r.log).not.toContain('ipvsadm-restore');
    expect(r.log.some((l) => l.startsWith('ip addr add'))).toBe(false);
    expect(r.stderr).toMatch(/not empty/);
  });

  it('stop removes only the managed addresses it holds; status reports them', () => {
    install(director);
    writeFileSync(`${dir}/state/addr`, '2: eth0    inet 10.20.0.100/32 scope global eth0:lvs\\       valid_lft forever\n');
    expect(cmctl('stop').log).toEqual(['ip -o -4 addr show dev eth0', 'ip addr del 10.20.0.100/32 dev eth0']);
    writeFileSync(`${dir}/state/table`, '-A -t 10.20.0.100:80 -s lc -p 360\n');
    const s = cmctl('status');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('address 10.20.0.100/32 dev eth0 present');
    expect(s.stdout).toContain('ipvs services 1 (saved 1)');
    rmSync(`${dir}/state/addr`);
    expect(cmctl('status').code).toBe(3);
  });

  it('an empty state does nothing at start', () => {
    const idle = renderCluster(universityCluster(), { activeDirector: 'web01' })[0]!;
    install({ ...idle, bootFiles: idle.bootFiles.map((f) => (f.path.endsWith('cmctl') ? f : { ...f, content: '' })) });
    const r = cmctl('start');
    expect(r.code).toBe(0);
    expect(r.log).toEqual([]);
    expect(cmctl('bogus').code).toBe(2);
  });
});
