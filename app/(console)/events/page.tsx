import { pageUser } from '@/lib/auth/current';
import { db } from '@/lib/db';
import { EventQuery, toEventFilter } from '@/lib/events/query';
import { listEventFacets, listEvents } from '@/lib/events/store';
import { EventsScreen } from '@/components/events/events-screen';

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 100) : '');

export default async function EventsPage({ searchParams }: { searchParams: Search }) {
  const user = await pageUser();
  const sp = await searchParams;
  const filter = { kind: one(sp.kind), node: one(sp.node), since: one(sp.since) };
  // The browser's datetime-local has no zone: it is read as UTC, like every time on these pages.
  const q = EventQuery.safeParse({ kind: filter.kind ? [filter.kind] : undefined, node: filter.node || undefined, since: filter.since ? `${filter.since}${filter.since.length === 16 ? ':00' : ''}Z` : undefined, limit: 500 });
  const [events, facets, nodes] = await Promise.all([listEvents(q.success ? toEventFilter(q.data) : { limit: 500 }), listEventFacets(), db.node.findMany({ select: { id: true, name: true } })]);
  return <EventsScreen locale={user.locale} filter={filter} kinds={facets.kinds} nodes={facets.nodes} events={events} nodeNames={Object.fromEntries(nodes.map((n) => [n.id, n.name]))} />;
}
