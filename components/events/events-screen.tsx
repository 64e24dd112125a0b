import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Badge } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/table';
import { DataTable } from '@/components/ui/data-table';
import { inputClass } from '@/components/ui/field';
import type { StoredEvent } from '@/lib/events/store';
import { asFindings, DoctorFindings } from '@/components/doctor/findings';

export interface EventsFilter { kind: string; node: string; since: string }

const TONE: Record<string, 'red' | 'emerald' | 'amber' | 'sky' | 'slate'> = {
  'rs-down': 'red', 'rs-up': 'emerald', 'director-fault': 'red', 'parse-error': 'amber', 'split-brain': 'red', 'drain-started': 'sky', 'drain-done': 'sky',
};

/** Fields shown as text, never as markup; the raw line of a parse error is already escaped. */
function Detail({ locale, detail }: { locale: Locale; detail: Record<string, unknown> }) {
  const rest = Object.entries(detail).filter(([k]) => k !== 'service' && k !== 'rs' && k !== 'doctor');
  const findings = asFindings(detail.doctor);
  if (!rest.length && !findings) return null;
  return (
    <>
      {rest.length > 0 && <Mono>{rest.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}</Mono>}
      {findings && (
        <details className="mt-1" data-event-doctor>
          <summary className="cursor-pointer text-xs text-sky-700">{t(locale, 'events.doctor')} ({findings.filter((f) => !f.ok).length} ✗)</summary>
          <div className="mt-1 max-w-xl"><DoctorFindings locale={locale} findings={findings} /></div>
        </details>
      )}
    </>
  );
}

/** A GET form like the audit log's, so a filtered timeline can be linked. */
export function EventsScreen({ locale, filter, kinds, nodes, events, nodeNames }: { locale: Locale; filter: EventsFilter; kinds: string[]; nodes: string[]; events: StoredEvent[]; nodeNames: Record<string, string> }) {
  const name = (id: string) => nodeNames[id] ?? id;
  return (
    <>
      <PageHeader title={t(locale, 'events.title')} intro={t(locale, 'events.intro')} />
      <form method="get" className="mb-3 flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t(locale, 'events.kind')}
          <select name="kind" defaultValue={filter.kind} className={inputClass(undefined, 'w-44 font-mono')}>
            <option value="">*</option>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t(locale, 'events.node')}
          <select name="node" defaultValue={filter.node} className={inputClass(undefined, 'w-44')}>
            <option value="">*</option>
            {nodes.map((n) => <option key={n} value={n}>{name(n)}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t(locale, 'events.since')}
          <input type="datetime-local" name="since" defaultValue={filter.since} className={inputClass(undefined, 'w-52')} />
        </label>
        <Button type="submit" variant="primary">{t(locale, 'common.filter')}</Button>
        <a href="/events" className="h-8 px-2 text-sm leading-8 text-slate-600 hover:underline">{t(locale, 'common.clear')}</a>
      </form>
      <div className="hidden sm:block">
        <DataTable
          rows={events}
          rowKey={(e) => e.id}
          empty={t(locale, 'common.empty')}
          columns={[
            { key: 'when', header: t(locale, 'events.when'), cell: (e) => <a className="text-sky-700 hover:underline" title={t(locale, 'events.audit')} href={`/audit?around=${encodeURIComponent(e.at)}`}><Mono>{e.at.replace('T', ' ').slice(0, 23)}</Mono></a> },
            { key: 'kind', header: t(locale, 'events.kind'), cell: (e) => <Badge tone={TONE[e.kind] ?? 'slate'}>{e.kind}</Badge> },
            { key: 'node', header: t(locale, 'events.node'), cell: (e) => name(e.node) },
            { key: 'where', header: t(locale, 'events.where'), cell: (e) => <Mono>{[e.detail.service, e.detail.rs].filter((x) => typeof x === 'string').join(' → ')}</Mono> },
            { key: 'detail', header: t(locale, 'events.detail'), cell: (e) => <Detail locale={locale} detail={e.detail} /> },
          ]}
        />
      </div>
      {/* A phone gets the same timeline as cards: five columns do not fit 390 px. */}
      <ol className="flex flex-col gap-2 sm:hidden" aria-label={t(locale, 'events.title')}>
        {events.length === 0 && <li className="text-sm text-slate-500">{t(locale, 'common.empty')}</li>}
        {events.map((e) => (
          <li key={e.id} className="rounded border border-slate-200 bg-white p-2 text-sm" data-event-card={e.kind}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={TONE[e.kind] ?? 'slate'}>{e.kind}</Badge>
              <span className="font-medium">{name(e.node)}</span>
              <a className="ml-auto text-sky-700 hover:underline" href={`/audit?around=${encodeURIComponent(e.at)}`}><Mono>{e.at.replace('T', ' ').slice(0, 23)}</Mono></a>
            </div>
            {(typeof e.detail.service === 'string' || typeof e.detail.rs === 'string') && (
              <div className="mt-1 break-all"><Mono>{[e.detail.service, e.detail.rs].filter((x) => typeof x === 'string').join(' → ')}</Mono></div>
            )}
            <div className="mt-1 break-all"><Detail locale={locale} detail={e.detail} /></div>
          </li>
        ))}
      </ol>
    </>
  );
}
