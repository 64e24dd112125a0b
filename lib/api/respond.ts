/** The one place API errors become HTTP answers: 400 {error, fields}, 401, 403, 404, 409 {error}. */
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ApiError, HTTP_STATUS, invalid } from '../errors';
import { fieldErrors } from '../cluster/schemas';

export { readJson } from './body';

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof z.ZodError) e = invalid(fieldErrors(e));
  if (e instanceof ApiError) {
    const body = e.fields ? { error: e.message, fields: e.fields } : { error: e.message };
    const headers: Record<string, string> = e.code === 'unauthenticated' ? { 'WWW-Authenticate': 'Bearer, Basic realm="lvs-console"' } : {};
    return NextResponse.json(body, { status: HTTP_STATUS[e.code], headers });
  }
  console.error('api: unexpected error', e instanceof Error ? e.message : 'unknown');
  return NextResponse.json({ error: 'internal error' }, { status: 500 });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, message?: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(fieldErrors(r.error), message);
  return r.data;
}

/** Wraps a route body so every failure takes the closed error path. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) {
  return async (...args: A): Promise<Response> => {
    try {
      const result = await fn(...args);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
