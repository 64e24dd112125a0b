'use client';
/**
 * One node's connection table (`ipvsadm -Lnc`), filtered and paged by the server. While this view
 * is open it asks again every poll interval, which is also what tells the node's one loop to keep
 * reading the table; closing it lets the loop stop reading it.
 */
import { useEffect, useState } from 'react';
import type { Connection } from '@/lib/ipvs/parse-conn';
import { t, type Locale } from '@/lib/i18n';
import { Button } from '@/components/ui/button';

interface Page { available: boolean; polledAt: string | null; total: number; offset: number; items: Connection[] }
type Filter = { client: string; vip: string; realServer: string };
const LIMIT = 50;

const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/** The query string of one page: the key that ties an answer to the filter it was asked for. */
function pageQuery(node: string, filter: Filter, offset: number): string {
  const q = new URLSearchParams({ node, offset: String(offset), limit: String(LIMIT) });
  for (const [k, v] of Object.entries(filter)) if (v.trim()) q.set(k, v.trim());
  return q.toString();
}

/**
 * The page of connections for a filter, asked again every interval while mounted. An answer to an
 * earlier query (the unfiltered table that was loading when Filter was pressed) is never shown under
 * the new filter: until the new answer comes, the view says it is loading.
 */
function useConnectionsPage(node: string, filter: Filter, offset: number, intervalMs: number) {
  const [answer, setAnswer] = useState<{ query: string; page: Page } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = pageQuery(node, filter, offset);

  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const r = await fetch(`/api/v1/live/connections?${query}`, { cache: 'no-store' });
        const body = await r.json();
        if (stop) return;
        if (!r.ok) setError(Object.values((body.fields ?? {}) as Record<string, string>).join('; ') || body.error);
        else {
          setError(null);
          setAnswer({ query, page: body as Page });
        }
      } catch {
        // the next tick tries again
      }
    };
    void load();
    const timer = setInterval(load, intervalMs);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [query, intervalMs]);
  return { page: answer?.query === query ? answer.page : null, error };
}

function ConnectionTable({ page, names }: { page: Page; names: Record<string, string> }) {
  return (
    <table className="font-mono text-[12.5px] leading-5" data-conn-total={page.total}>
      <thead>
        <tr className="text-left text-slate-500">
          {['pro', 'expire', 'state', 'source', 'virtual', 'destination'].map((h) => <th key={h} className="px-2 font-normal">{h}</th>)}
        </tr>
      </thead>
      <tbody>
        {page.items.map((c, i) => (
          <tr key={`${c.client}:${c.clientPort}-${i}`} className="border-t border-slate-100">
            <td className="px-2">{c.protocol.toUpperCase()}</td>
            <td className="px-2">{mmss(c.expires)}</td>
            <td className="px-2">{c.state}</td>
            <td className="px-2">
              {c.client}:{c.clientPort}
              {names[c.client] && <span className="ml-2 font-sans text-xs text-sky-700">{names[c.client]}</span>}
            </td>
            <td className="px-2">{c.vip}:{c.vipPort}</td>
            <td className="px-2">
              {c.realServer}:{c.realServerPort}
              {names[c.realServer] && <span className="ml-2 font-sans text-xs text-sky-700">{names[c.realServer]}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConnectionsView({ locale, node, intervalMs, names }: { locale: Locale; node: string; intervalMs: number; names: Record<string, string> }) {
  const [draft, setDraft] = useState({ client: '', vip: '', realServer: '' });
  const [filter, setFilter] = useState(draft);
  const [offset, setOffset] = useState(0);
  const { page, error } = useConnectionsPage(node, filter, offset, intervalMs);

  const input = (name: keyof typeof draft, label: string) => (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <input name={name} value={draft[name]} placeholder="10.20.0.14[:port]" onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} className="mt-0.5 h-8 w-44 rounded border border-slate-300 px-2 font-mono text-[12.5px]" />
    </label>
  );

  return (
    <div className="mt-3 rounded border border-slate-200 p-2" data-connections>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">{t(locale, 'live.conn.title')}</h3>
      <form
        className="mb-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
      >
        {input('client', t(locale, 'live.conn.client'))}
        {input('vip', t(locale, 'live.conn.vip'))}
        {input('realServer', t(locale, 'live.conn.realServer'))}
        <Button type="submit" variant="primary">{t(locale, 'live.conn.filter')}</Button>
        <Button onClick={() => { const empty = { client: '', vip: '', realServer: '' }; setDraft(empty); setFilter(empty); setOffset(0); }}>{t(locale, 'live.conn.clear')}</Button>
      </form>
      {error && <p className="mb-2 text-xs text-red-700">{error}</p>}
      {!page ? (
        <p className="text-xs text-slate-500">{t(locale, 'live.conn.loading')}</p>
      ) : !page.available ? (
        <p className="text-xs text-slate-500">{t(locale, 'live.conn.unavailable')}</p>
      ) : page.total === 0 ? (
        <p className="text-xs text-slate-500" data-conn-total="0">{t(locale, 'live.conn.none')}</p>
      ) : (
        <>
          <ConnectionTable page={page} names={names} />
          <div className="mt-2 flex items-center gap-2 text-xs text-slate-600">
            <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>{t(locale, 'live.conn.prev')}</Button>
            <span>{t(locale, 'live.conn.range', { from: String(offset + 1), to: String(Math.min(page.total, offset + LIMIT)), total: String(page.total) })}</span>
            <Button disabled={offset + LIMIT >= page.total} onClick={() => setOffset(offset + LIMIT)}>{t(locale, 'live.conn.next')}</Button>
          </div>
        </>
      )}
    </div>
  );
}
