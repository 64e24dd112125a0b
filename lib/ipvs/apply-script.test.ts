/**
 * The batch script is run for real under dash (the lab nodes' /bin/sh) with harmless local
 * commands standing in for ip/ipvsadm/sysctl, so rollback and quoting are tested, not assumed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApplyScript, parseApplyOutput } from './apply-script';
import { fileStep } from './file-steps';
import type { Step } from './types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'apply-script-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(steps: Step[]) {
  const script = path.join(dir, 'apply.sh');
  writeFileSync(script, buildApplyScript(steps));
  const r = spawnSync('dash', [script], { cwd: dir, encoding: 'utf8' });
  return { stdout: r.stdout, code: r.status ?? -1, result: parseApplyOutput(r.stdout, r.status ?? -1) };
}

const mkdirStep = (p: string): Step => ({ kind: 'address', op: 'add', summary: `+ ${p}`, argv: ['mkdir', p], undo: ['rmdir', p] });

describe('buildApplyScript under dash', () => {
  it('runs every step in order and reports each', () => {
    const { stdout, code, result } = run([mkdirStep(`${dir}/a`), mkdirStep(`${dir}/a/b`)]);
    expect(code).toBe(0);
    expect(stdout).toBe('@@step 0 ok\n@@step 1 ok\n@@end ok\n');
    expect(result).toEqual({ ok: true, completed: 2, rolledBack: false, undo: [] });
    expect(existsSync(`${dir}/a/b`)).toBe(true);
  });

  it('stops at the first failure, reports its code and stderr, and undoes completed steps in reverse', () => {
    const steps: Step[] = [
      mkdirStep(`${dir}/a`),
      { kind: 'module', op: 'add', summary: '+ noop', argv: ['true'], undo: null },
      mkdirStep(`${dir}/a/b`),
      mkdirStep(`${dir}/a`), // exists: mkdir fails
      mkdirStep(`${dir}/never`),
    ];
    const { stdout, code, result } = run(steps);
    expect(code).not.toBe(0);
    expect(result.ok).toBe(false);
    expect(result.completed).toBe(3);
    expect(result.failed).toMatchObject({ index: 3, code: 1 });
    expect(result.failed!.stderr).toMatch(/exists/i);
    expect(result.undo).toEqual([
      { index: 2, result: 'ok' },
      { index: 1, result: 'none' },
      { index: 0, result: 'ok' },
    ]);
    expect(result.rolledBack).toBe(true);
    expect(stdout).toContain('@@rollback done');
    expect(existsSync(`${dir}/a`)).toBe(false);
    expect(existsSync(`${dir}/never`)).toBe(false);
  });

  it('reports an undo that fails and does not claim a clean rollback', () => {
    const steps: Step[] = [
      { kind: 'sysctl', op: 'set', summary: '~', argv: ['true'], undo: ['false'] },
      { kind: 'sysctl', op: 'set', summary: '~', argv: ['false'], undo: null },
    ];
    const { result } = run(steps);
    expect(result.failed).toMatchObject({ index: 1, code: 1 });
    expect(result.undo).toEqual([{ index: 0, result: 'fail', code: 1, stderr: '' }]);
    expect(result.rolledBack).toBe(false);
  });

  it('writes files from base64 exactly, with mode, and restores or removes them on rollback', () => {
    const existing = `${dir}/etc/rules`;
    const fresh = `${dir}/etc/sub/cmctl`;
    spawnSync('mkdir', ['-p', `${dir}/etc`]);
    writeFileSync(existing, 'old content\n');
    const tricky = "#!/bin/sh\necho $(touch pwned) `touch pwned2` 'q' \"$HOME\"\nEOF\n\\n 웹 ; rm -rf /\n";
    const ok = run([fileStep(existing, 0o644, tricky, true), fileStep(fresh, 0o755, '', false)]);
    expect(ok.result.ok).toBe(true);
    expect(readFileSync(existing, 'utf8')).toBe(tricky);
    expect(readFileSync(fresh, 'utf8')).toBe('');
    expect(statSync(fresh).mode & 0o777).toBe(0o755);
    expect(existsSync(`${dir}/pwned`) || existsSync(`${dir}/pwned2`)).toBe(false);

    writeFileSync(existing, 'old content\n');
    rmSync(fresh);
    const failing: Step = { kind: 'check', op: 'set', summary: '!', argv: ['false'], undo: null };
    const bad = run([fileStep(existing, 0o644, tricky, true), fileStep(fresh, 0o755, 'new\n', false), failing]);
    expect(bad.result.failed?.index).toBe(2);
    expect(bad.result.rolledBack).toBe(true);
    expect(readFileSync(existing, 'utf8')).toBe('old content\n');
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(`${dir}/etc`).sort()).toEqual(['rules', 'sub']);
  });

  it('passes shell metacharacters through as literal arguments', () => {
    spawnSync('mkdir', [`${dir}/out`]);
    const names = ['$(touch pwned1)', '; touch pwned2', '`touch pwned3`', "x' ; touch pwned4 ; '", '&& touch pwned5', '| touch pwned6', '*', '$HOME', '\\', 'a b', '>pwned7', '"q"'];
    const { result } = run([{ kind: 'file', op: 'add', summary: '+', argv: ['touch', ...names.map((n) => `${dir}/out/${n}`)], undo: null }]);
    expect(result.ok).toBe(true);
    expect(readdirSync(`${dir}/out`).sort()).toEqual([...names].sort());
    expect(readdirSync(dir).filter((n) => n.startsWith('pwned'))).toEqual([]);
  });

  it('refuses newlines in arguments and commands that read their arguments as code', () => {
    const step = (argv: string[]): Step => ({ kind: 'sysctl', op: 'set', summary: '', argv, undo: null });
    expect(() => buildApplyScript([step(['touch', 'a\ntouch pwned'])])).toThrow(/control character/);
    expect(() => buildApplyScript([{ ...step(['true']), undo: ['rm', 'x\ry'] }])).toThrow(/control character/);
    for (const cmd of ['eval', 'exec', '.', 'trap', 'lvsc_rollback', 'a;b', '']) {
      expect(() => buildApplyScript([step([cmd, 'x'])])).toThrow(/refusing/);
    }
  });

  it('works when fed on stdin (sh -s), and a script cut short in transit runs nothing', () => {
    const steps = [mkdirStep(`${dir}/s1`), { ...fileStep(`${dir}/f`, 0o644, 'x\n'.repeat(5000), false) }, mkdirStep(`${dir}/s2`)];
    const text = buildApplyScript(steps);
    const whole = spawnSync('dash', ['-s'], { cwd: dir, input: text, encoding: 'utf8' });
    expect(parseApplyOutput(whole.stdout, whole.status ?? -1)).toMatchObject({ ok: true, completed: 3 });
    rmSync(`${dir}/s1`, { recursive: true });
    rmSync(`${dir}/s2`, { recursive: true });
    rmSync(`${dir}/f`);
    const cut = spawnSync('dash', ['-s'], { cwd: dir, input: text.slice(0, Math.floor(text.length * 0.8)), encoding: 'utf8' });
    expect(cut.status).not.toBe(0);
    expect(cut.stdout).toBe('');
    expect(existsSync(`${dir}/s1`)).toBe(false);
  });

  it('check steps run nothing and count as done', () => {
    const { result } = run([{ kind: 'check', op: 'check', summary: '! gateway', argv: [], undo: null }, mkdirStep(`${dir}/c`)]);
    expect(result).toMatchObject({ ok: true, completed: 2 });
  });
});

describe('parseApplyOutput', () => {
  it('a cut-off run is neither ok nor rolled back', () => {
    expect(parseApplyOutput('@@step 0 ok\n@@step 1 ok\n', 255)).toEqual({ ok: false, completed: 2, rolledBack: false, undo: [] });
  });
  it('ignores lines that are not markers and needs the end marker for ok', () => {
    expect(parseApplyOutput('motd\n@@step 0 ok\n@@end ok\n', 0).ok).toBe(true);
    expect(parseApplyOutput('@@step 0 ok\n', 0).ok).toBe(false);
  });
  it('decodes stderr of the failing step', () => {
    const b64 = Buffer.from('Service not defined\n').toString('base64');
    const r = parseApplyOutput(`@@fail 0 2\n@@stderr ${b64}\n@@rollback done\n`, 1);
    expect(r.failed).toEqual({ index: 0, code: 2, stderr: 'Service not defined\n' });
    expect(r.rolledBack).toBe(true);
  });
});
