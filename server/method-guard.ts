/**
 * Methods the Fetch API cannot even represent (TRACE, TRACK, CONNECT): Next.js builds a Request
 * for every call and throws on them, answering 500 with a stack trace in the log, before any
 * route or proxy runs, so the server (main.ts) answers them itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ANSWERED_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** True when it answered (405): the caller must not pass the request on to Next. */
export function refuseUnsupportedMethod(req: Pick<IncomingMessage, 'method'>, res: Pick<ServerResponse, 'writeHead' | 'end'>): boolean {
  const method = (req.method ?? '').toUpperCase();
  if ((ANSWERED_METHODS as readonly string[]).includes(method)) return false;
  const body = JSON.stringify({ error: 'method not allowed', fields: { _: `method ${method.slice(0, 20)} is not allowed` } });
  res.writeHead(405, { Allow: ANSWERED_METHODS.join(', '), 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}
