/** The systemd unit in deploy/ is valid for systemd itself and runs what this checkout ships. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const UNIT = 'deploy/lvs-console.service';
const text = fs.readFileSync(UNIT, 'utf8');
const directive = (name: string) => [...text.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]);

describe(UNIT, () => {
  it('passes systemd-analyze verify', () => {
    const r = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(r.error, 'systemd-analyze is in Debian\'s systemd package (.ci/run installs it)').toBeUndefined();
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs as its own user on port 777 without root, hardened, with the data directory under /var/lib', () => {
    expect(directive('User')).toEqual(['lvs-console']);
    expect(directive('AmbientCapabilities')).toEqual(['CAP_NET_BIND_SERVICE']);
    expect(directive('StateDirectory')).toEqual(['lvs-console']);
    expect(directive('Environment')).toContain('LVS_CONSOLE_DATA_DIR=/var/lib/lvs-console');
    expect(directive('Restart')).toEqual(['on-failure']);
    for (const [k, v] of [['NoNewPrivileges', 'yes'], ['ProtectSystem', 'strict'], ['PrivateTmp', 'yes']]) expect(directive(k)).toEqual([v]);
  });

  it('starts the files this checkout has, relative to its install directory', () => {
    const paths = [...directive('ExecStartPre'), ...directive('ExecStart')].flatMap((line) => line.split(' ').filter((w) => w.startsWith('/opt/lvs-console/')));
    expect(paths.length).toBe(2);
    for (const p of paths) expect(fs.existsSync(p.replace('/opt/lvs-console/', '')), p).toBe(true);
  });
});
