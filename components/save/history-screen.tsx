import Link from 'next/link';
import { Badge, Card, PageHeader } from '@/components/ui/page';
import { Mono } from '@/components/ui/table';
import { DataTable } from '@/components/ui/data-table';
import { t, type Locale } from '@/lib/i18n';
import type { VersionDiff, VersionStatus, VersionSummary } from '@/lib/wire';
import { RevertButton } from './revert-button';

type Version = VersionSummary;
const TONE: Record<VersionStatus, 'emerald' | 'amber' | 'red'> = { applying: 'amber', applied: 'emerald', partial: 'amber', failed: 'red' };

/** One node's outcome: what it answered, or what start-up recovery found on it. */
function NodeOutcome({ locale, n }: { locale: Locale; n: Version['nodes'][number] }) {
  const bad = n.recovered ? n.recovered !== 'applied' : n.status === 'failed';
  const text = n.recovered ? t(locale, `history.recovered.${n.recovered}`) : t(locale, `save.status.${n.status}`);
  return <span className={`mr-2 ${bad ? 'text-red-700' : 'text-slate-600'}`} data-node={n.name} data-outcome={n.recovered ?? n.status}>{n.name}: {text}{n.error ? ` (${n.error})` : ''}</span>;
}

function DiffView({ locale, diff }: { locale: Locale; diff: VersionDiff }) {
  return (
    <Card title={t(locale, 'history.diffTitle', { from: String(diff.from), to: String(diff.to) })} className="mb-4">
      {diff.nodes.length === 0 && <p className="text-sm text-slate-500">{t(locale, 'history.noDiff')}</p>}
      <div className="space-y-3">
        {diff.nodes.map((n) => (
          <div key={n.name}>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">{n.name}</h3>
            {n.files.map((f) => (
              <div key={f.path} className="mb-2">
                <Mono>{f.path}</Mono>
                <pre className="mt-1 overflow-x-auto rounded bg-slate-950 p-2 font-mono text-[12px] leading-5">
                  {f.lines.map((l, i) => (
                    <div key={i} className={l.op === '+' ? 'text-emerald-300' : l.op === '-' ? 'text-red-300' : 'text-slate-400'}>{`${l.op} ${l.text}`}</div>
                  ))}
                </pre>
              </div>
            ))}
          </div>
        ))}
      </div>
    </Card>
  );
}

export function HistoryScreen({ locale, versions, diff, canRevert }: { locale: Locale; versions: Version[]; diff: VersionDiff | null; canRevert: boolean }) {
  return (
    <>
      <PageHeader title={t(locale, 'history.title')} intro={t(locale, 'history.intro')} />
      {diff && <DiffView locale={locale} diff={diff} />}
      <DataTable
        rows={versions}
        rowKey={(v) => v.id}
        rowAttrs={(v) => ({ 'data-testid': `version-${v.id}` })}
        empty={t(locale, 'history.empty')}
        columns={[
          { key: 'version', header: t(locale, 'history.version'), cell: (v) => <><Mono>#{v.id}</Mono>{v.revertOf && <span className="ml-1 text-xs text-slate-500">{v.kind === 'reapply' ? t(locale, 'history.reapplyOf', { version: String(v.revertOf) }) : `↩ #${v.revertOf}`}</span>}</> },
          { key: 'when', header: t(locale, 'history.when'), cell: (v) => <Mono>{v.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</Mono> },
          { key: 'who', header: t(locale, 'history.who'), cell: (v) => v.actor },
          { key: 'status', header: t(locale, 'history.status'), cell: (v) => <><Badge tone={TONE[v.status]}>{t(locale, `history.status.${v.status}`)}</Badge>{v.interrupted && <span className="ml-1" title={t(locale, 'history.interruptedHint')} data-interrupted><Badge tone="amber">{t(locale, 'history.interrupted')}</Badge></span>}</> },
          {
            key: 'nodes', header: t(locale, 'history.nodes'), className: 'text-xs',
            cell: (v) => v.nodes.map((n) => <NodeOutcome key={n.node} locale={locale} n={n} />),
          },
          { key: 'compare', header: t(locale, 'history.compare'), cell: (v, i) => versions[i + 1] && <Link className="text-sky-700 hover:underline" href={`/history?from=${versions[i + 1].id}&to=${v.id}`}>#{versions[i + 1].id} → #{v.id}</Link> },
          { key: 'revert', header: null, cell: (v, i) => canRevert && i > 0 && <RevertButton locale={locale} version={v.id} /> },
        ]}
      />
    </>
  );
}
