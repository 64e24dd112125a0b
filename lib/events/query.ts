/** The events list's query string, validated like a body: a bad parameter is a field error naming it. */
import { z } from 'zod';
import type { EventFilter } from './store';

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time like 2026-12-02T10:00:00Z' }).transform((v) => new Date(v));
const kind = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be event kinds like rs-down, comma-separated');

export const EventQuery = z.strictObject({
  since: isoTime.optional(),
  until: isoTime.optional(),
  kind: z.array(kind).max(20).optional(),
  node: z.string().min(1).max(64).optional(),
  limit: z.coerce.number({ message: 'must be a number from 1 to 1000' }).int('must be a number from 1 to 1000').min(1, 'must be a number from 1 to 1000').max(1000, 'must be a number from 1 to 1000').default(200),
});

/** URLSearchParams → the raw object EventQuery reads: `kind` may repeat or be comma-separated. */
export function eventQueryInput(q: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(q.keys())) {
    const values = q.getAll(key);
    out[key] = key === 'kind' ? values.flatMap((v) => v.split(',')).filter(Boolean) : values.length === 1 ? values[0] : values;
  }
  return out;
}

export function toEventFilter(q: z.output<typeof EventQuery>): EventFilter {
  return { since: q.since, until: q.until, kinds: q.kind, node: q.node, limit: q.limit };
}
