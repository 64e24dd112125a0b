/**
 * Steps -> one POSIX sh script (dash, busybox) that applies them as a batch: in order, stopping at
 * the first failure and undoing the completed steps in reverse. Progress is reported with marker
 * lines on stdout; commands' own stdout is discarded so markers are the only stdout.
 *
 *   @@step N ok                 step N (0-based index into the steps) is done
 *   @@fail N CODE               step N exited with CODE ...
 *   @@stderr BASE64             ... and this is its stderr (also after a failed undo)
 *   @@undo N ok|none|fail CODE  rollback of step N (none: the step has nothing to undo)
 *   @@rollback done             every completed step was visited
 *   @@end ok                    all steps done
 *
 * Every argv element goes through quoteArgv; step content (file writes) travels as base64 and is
 * decoded to a temporary file, so nothing a step carries is ever parsed as shell code.
 * Check steps (op 'check') are plan notes: they run nothing and report as done.
 */
import { quoteArg, quoteArgv } from '../shell';
import { RESTORE_FILE_HELPER, WRITE_FILE_HELPER } from './file-steps';
import type { Step } from './types';

// Builtins that would read their arguments as code or change the script's own control flow.
const FORBIDDEN_COMMANDS = new Set(['eval', 'exec', '.', 'source', 'trap', 'set', 'exit', 'return', 'export', 'readonly', 'unset', 'alias', 'command', 'builtin', 'break', 'continue', 'shift', 'cd']);

const HEADER = `#!/bin/sh
# LVS Console apply batch. Generated; see lib/ipvs/apply-script.ts for the marker protocol.
# One brace group: the shell parses all of it before running any of it, so a script cut short in
# transit (sh -s over a dropped connection) runs nothing instead of half.
{`;

const PRELUDE = `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
LC_ALL=C
export LC_ALL
umask 022
# A dropped SSH session must not stop the batch half-way: finish or roll back regardless.
trap '' HUP PIPE
lvsc_done=0
lvsc_T=$(mktemp -d /tmp/lvs-console.XXXXXX) || { echo '@@fail 0 125'; echo '@@rollback done'; exit 1; }

lvsc_stderr() {
  printf '@@stderr '
  base64 <"$lvsc_T/err" | tr -d '\\n'
  echo
}

# lvsc_write_file BACKUP PATH MODE <content: keeps the old file (or notes its absence), then
# replaces PATH atomically with mv. Synced before and after the rename: a director that loses
# power right after a save boots with the old file or the new one, never an empty one.
lvsc_write_file() {
  if [ -e "$2" ]; then cp -p "$2" "$1" || return; else : >"$1.absent" || return; fi
  mkdir -p "\${2%/*}" || return
  if cat >"$2.lvsc-new" && chmod "$3" "$2.lvsc-new" && sync && mv -f "$2.lvsc-new" "$2" && sync; then return 0; fi
  lvsc_rc=$?
  rm -f "$2.lvsc-new"
  return $lvsc_rc
}

# lvsc_restore_file BACKUP PATH: undo of lvsc_write_file.
lvsc_restore_file() {
  if [ -e "$1.absent" ]; then
    rm -f "$2"
  elif [ -e "$1" ]; then
    cp -p "$1" "$2.lvsc-old" && mv -f "$2.lvsc-old" "$2"
  else
    return 1
  fi
}

lvsc_undone() {
  if [ "$2" -eq 0 ]; then echo "@@undo $1 ok"; else echo "@@undo $1 fail $2"; lvsc_stderr; fi
}
`;

/** argv -> shell command text; the file helpers become the script's own functions. */
function commandText(argv: string[], index: number): string {
  const slot = `"$lvsc_T/bak.${index}"`;
  if (argv[0] === WRITE_FILE_HELPER) {
    if (argv.length !== 3) throw new Error(`${WRITE_FILE_HELPER} takes PATH MODE`);
    return `lvsc_write_file ${slot} ${quoteArgv(argv.slice(1))}`;
  }
  if (argv[0] === RESTORE_FILE_HELPER) {
    if (argv.length !== 2) throw new Error(`${RESTORE_FILE_HELPER} takes PATH`);
    return `lvsc_restore_file ${slot} ${quoteArgv(argv.slice(1))}`;
  }
  const program = argv[0] ?? '';
  if (!/^[A-Za-z0-9_./-]+$/.test(program) || FORBIDDEN_COMMANDS.has(program) || program.startsWith('lvsc_')) {
    throw new Error(`refusing command ${JSON.stringify(program)}`);
  }
  return quoteArgv(argv);
}

function stepText(step: Step, i: number): string {
  const lines = [`# step ${i}`];
  if (step.op !== 'check') {
    const cmd = commandText(step.argv, i);
    let input = '</dev/null';
    if (step.stdin !== undefined) {
      const b64 = Buffer.from(step.stdin, 'utf8').toString('base64');
      lines.push(`printf '%s' ${quoteArg(b64)} | base64 -d >"$lvsc_T/in.${i}" 2>"$lvsc_T/err" || lvsc_fail ${i} $?`);
      input = `<"$lvsc_T/in.${i}"`;
    }
    lines.push(`${cmd} ${input} >/dev/null 2>"$lvsc_T/err" || lvsc_fail ${i} $?`);
  }
  lines.push(`lvsc_done=${i + 1}`, `echo '@@step ${i} ok'`);
  return lines.join('\n');
}

function rollbackText(steps: Step[]): string {
  const body = steps
    .map((step, i) => {
      const inner = step.undo && step.op !== 'check'
        ? `    ${commandText(step.undo, i)} </dev/null >/dev/null 2>"$lvsc_T/err"\n    lvsc_undone ${i} $?`
        : `    echo '@@undo ${i} none'`;
      return `  if [ "$lvsc_done" -gt ${i} ]; then\n${inner}\n  fi`;
    })
    .reverse();
  return ['lvsc_rollback() {', ...body, `  echo '@@rollback done'`, '}'].join('\n');
}

export function buildApplyScript(steps: Step[]): string {
  const fail = `lvsc_fail() {
  echo "@@fail $1 $2"
  lvsc_stderr
  lvsc_rollback
  rm -rf "$lvsc_T"
  exit 1
}`;
  const body = [PRELUDE, rollbackText(steps), '', fail, '', ...steps.map(stepText), '', 'rm -rf "$lvsc_T"', `echo '@@end ok'`, 'exit 0'];
  return [HEADER, ...body, '}', ''].join('\n');
}

export interface ApplyResult {
  ok: boolean;
  completed: number; // steps done before the failure (or all of them)
  failed?: { index: number; code: number; stderr: string };
  rolledBack: boolean; // rollback ran and every undo succeeded
  undo: { index: number; result: 'ok' | 'none' | 'fail'; code?: number; stderr?: string }[];
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

export function parseApplyOutput(stdout: string, exitCode: number): ApplyResult {
  const res: ApplyResult = { ok: false, completed: 0, rolledBack: false, undo: [] };
  let ended = false;
  let rollbackDone = false;
  let lastStderrOwner: { stderr?: string } | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^@@step (\d+) ok$/.exec(line))) res.completed = Math.max(res.completed, Number(m[1]) + 1);
    else if ((m = /^@@fail (\d+) (\d+)$/.exec(line))) {
      res.failed = { index: Number(m[1]), code: Number(m[2]), stderr: '' };
      lastStderrOwner = res.failed;
    } else if ((m = /^@@stderr ?([A-Za-z0-9+/=]*)$/.exec(line))) {
      if (lastStderrOwner) lastStderrOwner.stderr = decode(m[1] ?? '');
      lastStderrOwner = null;
    } else if ((m = /^@@undo (\d+) (ok|none|fail)(?: (\d+))?$/.exec(line))) {
      const u: ApplyResult['undo'][number] = { index: Number(m[1]), result: m[2] as 'ok' | 'none' | 'fail' };
      if (m[3] !== undefined) u.code = Number(m[3]);
      res.undo.push(u);
      lastStderrOwner = u.result === 'fail' ? u : null;
    } else if (line === '@@rollback done') rollbackDone = true;
    else if (line === '@@end ok') ended = true;
  }
  res.rolledBack = rollbackDone && res.undo.every((u) => u.result !== 'fail');
  res.ok = exitCode === 0 && ended && res.failed === undefined;
  return res;
}
