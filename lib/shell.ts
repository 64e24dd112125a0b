/**
 * Shell quoting for commands sent over SSH. An SSH exec always reaches the remote login shell, so
 * argv must be quoted there. Every value that reaches this module has already been validated as a
 * typed value (address, port, enum); quoting is the second wall, not the first.
 */

/** Characters that never need quoting in a POSIX shell word. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(arg: string | number): string {
  const s = String(arg);
  if (s.length > 0 && SAFE.test(s)) return s;
  // Single quotes keep everything literal; a single quote itself is closed, escaped and reopened.
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One argv → one shell command line. Rejects NUL and newlines, which no valid value contains. */
export function quoteArgv(argv: readonly (string | number)[]): string {
  if (argv.length === 0) throw new Error('empty command');
  for (const a of argv) {
    if (/[\0\n\r]/.test(String(a))) throw new Error(`refusing control character in argument ${JSON.stringify(a)}`);
  }
  return argv.map(quoteArg).join(' ');
}
