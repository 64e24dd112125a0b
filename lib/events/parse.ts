/**
 * The node event log, format v1: one event per line, `v1 <unix-seconds>.<9-digit-nanos> <kind> [key=value ...]`.
 * Pure: the caller hands the bytes read from an offset; only whole lines count, so a line the
 * notify hook is still writing is read again, whole, next time.
 */
export interface RawNodeEvent {
  offset: number; // byte offset of the line in the node's file: the event's identity with the node
  at: string; // ISO, from the node's clock
  kind: string;
  fields: Record<string, string>;
}

export interface EventLogError {
  offset: number;
  line: string;
  reason: string;
}

export interface ParsedEventLog {
  events: RawNodeEvent[];
  consumed: number; // bytes of whole lines
  errors: EventLogError[];
}

const KIND = /^[a-z][a-z0-9-]*$/;
const KEY = /^[a-z][a-z0-9-]*$/;
const VALUE = /^[A-Za-z0-9._:/@+-]*$/;
const STAMP = /^(\d{1,12})\.(\d{9})$/;
const MAX_SHOWN = 200; // a hostile line is shown cut, never whole

/** The line as it may be shown: control and non-ASCII characters escaped, length capped. */
function printable(line: string): string {
  const cut = line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN)}…` : line;
  return cut.replace(/[^\x20-\x7e…]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').slice(-2)}`);
}

function parseStamp(text: string): string | null {
  const m = STAMP.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * 1000 + Math.floor(Number(m[2]) / 1e6);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** One line without its newline: the event, or why it is not one. */
export function parseEventLine(line: string): { kind: string; at: string; fields: Record<string, string> } | { reason: string } {
  const parts = line.split(' ');
  if (parts[0] !== 'v1') return { reason: 'not a v1 line' };
  const at = parseStamp(parts[1] ?? '');
  if (!at) return { reason: 'bad timestamp' };
  const kind = parts[2] ?? '';
  if (!KIND.test(kind)) return { reason: 'bad kind' };
  const fields: Record<string, string> = {};
  for (const pair of parts.slice(3)) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0 || !KEY.test(key)) return { reason: 'bad field name' };
    const value = pair.slice(eq + 1);
    if (!VALUE.test(value)) return { reason: `bad value of ${key}` };
    if (key in fields) return { reason: `repeated field ${key}` };
    fields[key] = value;
  }
  return { kind, at, fields };
}

/** Parses the whole lines of `text`, read from byte `baseOffset` of the node's file. */
export function parseEventLog(text: string, baseOffset: number): ParsedEventLog {
  const events: RawNodeEvent[] = [];
  const errors: EventLogError[] = [];
  let consumed = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, nl);
    const offset = baseOffset + consumed;
    consumed += Buffer.byteLength(line, 'utf8') + 1; // offsets are bytes in the node's file, not UTF-16 units
    start = nl + 1;
    if (line === '') continue; // an empty line is no event and no error
    const r = parseEventLine(line);
    if ('reason' in r) errors.push({ offset, line: printable(line), reason: r.reason });
    else events.push({ offset, ...r });
  }
  return { events, consumed, errors };
}
