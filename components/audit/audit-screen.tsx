import { t, type Locale } from '@/lib/i18n';
import { PageHeader } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/table';
import { DataTable } from '@/components/ui/data-table';
import { inputClass } from '@/components/ui/field';
import type { AuditFacets } from '@/lib/wire';

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

/** The entity's own name from its snapshot, since ids mean nothing to a reader. */
function entityName(r: AuditRow): string | null {
  for (const json of [r.after, r.before]) {
    try {
      const v = json ? (JSON.parse(json) as { name?: unknown; username?: unknown }) : null;
      const name = v?.name ?? v?.username;
      if (typeof name === 'string') return name;
    } catch {
      // not JSON: fall through to the id
    }
  }
  return null;
}

const pretty = (json: string) => {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
};

function Change({ label, json }: { label: string; json: string | null }) {
  if (!json) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-500 select-none">{label}</summary>
      <pre className="mt-1 max-h-64 max-w-xl overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] leading-snug">{pretty(json)}</pre>
    </details>
  );
}

/** Filters are plain query parameters (a GET form), so a filtered view can be linked. */
export function AuditScreen({ locale, filter, facets, rows }: { locale: Locale; filter: Record<'actor' | 'entity' | 'action', string>; facets: AuditFacets; rows: AuditRow[] }) {
  return (
    <>
      <PageHeader title={t(locale, 'audit.title')} />
      <form method="get" className="mb-3 flex items-end gap-2">
        {(['actor', 'entity', 'action'] as const).map((k) => (
          <label key={k} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t(locale, `audit.${k}`)}
            <select name={k} defaultValue={filter[k]} className={inputClass(undefined, 'w-44 font-mono')}>
              <option value="">*</option>
              {facets[k].map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </label>
        ))}
        <Button type="submit" variant="primary">{t(locale, 'common.filter')}</Button>
        <a href="/audit" className="h-8 px-2 text-sm leading-8 text-slate-600 hover:underline">{t(locale, 'common.clear')}</a>
      </form>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty={t(locale, 'common.empty')}
        columns={[
          { key: 'when', header: t(locale, 'audit.when'), cell: (r) => <Mono>{r.at.replace('T', ' ').slice(0, 19)}</Mono> },
          { key: 'actor', header: t(locale, 'audit.actor'), cell: (r) => r.actor },
          { key: 'action', header: t(locale, 'audit.action'), cell: (r) => <Mono>{r.action}</Mono> },
          { key: 'entity', header: t(locale, 'audit.entity'), cell: (r) => <><Mono>{r.entity}</Mono> {entityName(r) && <span className="font-medium">{entityName(r)}</span>}</> },
          {
            key: 'change', header: t(locale, 'audit.change'),
            cell: (r) => (
              <div className="flex flex-col gap-1">
                <Change label={t(locale, 'audit.before')} json={r.before} />
                <Change label={t(locale, 'audit.after')} json={r.after} />
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
