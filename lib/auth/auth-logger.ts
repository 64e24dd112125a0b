/**
 * Auth.js's logger. By default every request with a malformed or foreign session cookie logs a
 * JWTSessionError with its whole stack (~1 KB), so anyone can fill the log for free. Here each
 * kind of error is one line without a stack, at most once per kind every minute, with a count of
 * what was held back.
 */
const WINDOW_MS = 60_000;
const seen = new Map<string, { at: number; held: number }>();

type Sink = (line: string) => void;
let sink: Sink = (line) => console.error(line);

/** Tests capture the lines here. */
export function setAuthLogSink(next: Sink): void {
  sink = next;
}

export function resetAuthLogLimits(): void {
  seen.clear();
}

function kindOf(error: unknown): string {
  const e = error as { type?: unknown; name?: unknown };
  const kind = typeof e?.type === 'string' ? e.type : typeof e?.name === 'string' ? e.name : 'Error';
  return kind.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'Error';
}

export function logAuthError(error: unknown, now = Date.now()): void {
  const kind = kindOf(error);
  const entry = seen.get(kind);
  if (entry && now - entry.at < WINDOW_MS) {
    entry.held++;
    return;
  }
  const held = entry?.held ? ` (${entry.held} more in the last minute)` : '';
  seen.set(kind, { at: now, held: 0 });
  sink(`auth: ${kind}${held}`);
}

export const authLogger = {
  error: (error: Error) => logAuthError(error),
  warn: () => {},
  debug: () => {},
};
