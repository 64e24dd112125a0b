/**
 * One SSH round trip runs several read commands; each one's output is framed by marker lines so a
 * single stdout splits back into named sections with their exit codes. Each command runs in its own
 * subshell with stderr folded into its section, so one failing read names itself instead of
 * corrupting its neighbours.
 */
import { ParseError } from './parse-error';

/** Fixed and improbable: node output (ipvsadm, ip, /proc) never prints it; file contents travel base64. */
export const SECTION_MARKER = '@@lvs-console-7f3a@@';

export interface SectionSpec {
  name: string; // [a-z0-9:-]+
  script: string; // POSIX sh, built only from fixed text and validated values
  requires?: string; // a command that must exist; missing → exit 127 with a clear message
}

export interface Section {
  rc: number;
  body: string;
}

const NAME = /^[a-z0-9:-]+$/;
const COMMAND = /^[a-z0-9_.-]+$/;

export function renderSections(sections: SectionSpec[]): string {
  const lines = ['#!/bin/sh', '# lvs-console read script: read-only, one round trip', 'export LC_ALL=C PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"', `M='${SECTION_MARKER}'`];
  const seen = new Set<string>();
  for (const s of sections) {
    if (!NAME.test(s.name) || seen.has(s.name)) throw new Error(`bad or duplicate section name ${JSON.stringify(s.name)}`);
    seen.add(s.name);
    const guard = s.requires
      ? (() => {
          if (!COMMAND.test(s.requires)) throw new Error(`bad command name ${JSON.stringify(s.requires)}`);
          return `command -v ${s.requires} >/dev/null 2>&1 || { echo '${s.requires}: command not found'; exit 127; }\n`;
        })()
      : '';
    lines.push(`printf '%s begin %s\\n' "$M" '${s.name}'`);
    lines.push(`(\n${guard}${s.script}\n) 2>&1 </dev/null`);
    lines.push(`printf '\\n%s end %s %d\\n' "$M" '${s.name}' "$?"`);
  }
  return `${lines.join('\n')}\n`;
}

/** Splits the combined stdout; every expected section must be present and closed. */
export function splitSections(stdout: string, expected: string[]): Map<string, Section> {
  const out = new Map<string, Section>();
  const begin = `${SECTION_MARKER} begin `;
  let pos = 0;
  for (;;) {
    const at = stdout.indexOf(begin, pos);
    if (at < 0) break;
    const nl = stdout.indexOf('\n', at);
    if (nl < 0) throw new ParseError(0, '', 'read output ends inside a section header (connection cut?)');
    const name = stdout.slice(at + begin.length, nl);
    const endMark = `\n${SECTION_MARKER} end ${name} `;
    const endAt = stdout.indexOf(endMark, nl + 1);
    if (endAt < 0) throw new ParseError(0, '', `section "${name}" is not closed (output cut short?)`);
    const rcEnd = stdout.indexOf('\n', endAt + endMark.length);
    const rcText = stdout.slice(endAt + endMark.length, rcEnd < 0 ? undefined : rcEnd);
    if (!/^\d+$/.test(rcText)) throw new ParseError(0, '', `section "${name}" has no exit code`);
    out.set(name, { rc: Number(rcText), body: stdout.slice(nl + 1, endAt) });
    pos = rcEnd < 0 ? stdout.length : rcEnd + 1;
  }
  for (const name of expected) if (!out.has(name)) throw new ParseError(0, '', `section "${name}" is missing from the read output`);
  return out;
}

/** Typed failure of one section: names the section and what the node said. */
export class SectionError extends Error {
  constructor(readonly section: string, readonly rc: number, readonly output: string, reason?: string) {
    const said = output.trim().split('\n').slice(-3).join(' / ').slice(0, 300);
    super(`section "${section}": ${reason ?? (rc === 127 ? 'command not found on the node' : `failed with exit code ${rc}`)}${said ? ` (${said})` : ''}`);
    this.name = 'SectionError';
  }
}

/** The body of a section that must have succeeded. */
export function okBody(sections: Map<string, Section>, name: string): string {
  const s = sections.get(name);
  if (!s) throw new ParseError(0, '', `section "${name}" is missing from the read output`);
  if (s.rc !== 0) throw new SectionError(name, s.rc, s.body);
  return s.body;
}

/** Runs a parser on a section body and prefixes any error with the section name. */
export function inSection<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ParseError) throw new ParseError(e.lineNumber, e.line, `section "${name}": ${e.reason}`);
    throw e;
  }
}
