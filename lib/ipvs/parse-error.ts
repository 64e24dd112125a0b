/**
 * One error type for every parser: output from a node is either understood completely or rejected
 * with the line that broke it, so a half-read table never reaches the planner or the UI.
 */
export class ParseError extends Error {
  readonly lineNumber: number; // 1-based; 0 when the problem is the text as a whole
  readonly line: string;
  readonly reason: string;

  constructor(lineNumber: number, line: string, reason: string) {
    const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    super(lineNumber > 0 ? `line ${lineNumber}: ${reason}: ${JSON.stringify(shown)}` : reason);
    this.name = 'ParseError';
    this.lineNumber = lineNumber;
    this.line = line;
    this.reason = reason;
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

/** Parses a non-negative decimal integer; null for anything else (no signs, no suffixes). */
export function parseCount(s: string): number | null {
  if (!/^\d{1,20}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** "10.20.0.100:80" → address and port; null if either half is invalid. */
export function splitAddrPort(s: string): { address: string; port: number } | null {
  const i = s.lastIndexOf(':');
  if (i <= 0) return null;
  const address = s.slice(0, i);
  const port = parseCount(s.slice(i + 1));
  if (!isIpv4(address) || port === null || port > 65535) return null;
  return { address, port };
}

/** Big-endian hex as the kernel prints it in /proc ("0A140064") → dotted quad. */
export function hexToIpv4(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const n = parseInt(hex, 16);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Splits text into lines, dropping one trailing newline; keeps CR out of the way. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
