'use client';
import type { ServiceModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Mono } from '@/components/ui/table';
import { DataTable, actionsColumn, entityRows } from '@/components/ui/data-table';
import { RowActions } from '@/components/ui/row-actions';
import { forwardingLabel, persistenceLabel, portLabel, thresholdLabel } from './labels';

export function ServiceTable({ locale, services, actions }: {
  locale: Locale;
  services: ServiceModel[];
  actions: { edit: (s: ServiceModel) => void; remove: (id: string) => Promise<FormState>; onResult: (s: FormState) => void } | null;
}) {
  return (
    <DataTable
      {...entityRows(locale, services)}
      columns={[
        { key: 'name', header: t(locale, 'common.name'), className: 'font-medium whitespace-nowrap', cell: (s) => s.name },
        { key: 'protocol', header: t(locale, 'service.protocol'), cell: (s) => <Mono>{s.protocol.toUpperCase()}</Mono> },
        { key: 'port', header: t(locale, 'service.portOrMark'), cell: (s) => <Mono>{portLabel(s)}</Mono> },
        { key: 'scheduler', header: t(locale, 'service.scheduler'), cell: (s) => <Mono>{s.scheduler}</Mono> },
        { key: 'flags', header: t(locale, 'service.flags'), cell: (s) => <Mono>{s.schedulerFlags.join(', ') || '—'}</Mono> },
        { key: 'persistence', header: t(locale, 'service.persistence'), cell: (s) => <Mono>{persistenceLabel(s)}</Mono> },
        { key: 'forwarding', header: t(locale, 'service.forwarding'), cell: (s) => forwardingLabel(s) },
        { key: 'thresholds', header: t(locale, 'service.thresholds'), cell: (s) => <Mono>{thresholdLabel(s)}</Mono> },
        { key: 'description', header: t(locale, 'common.description'), className: 'max-w-64 truncate text-slate-500', cell: (s) => <span title={s.description}>{s.description}</span> },
        actions && actionsColumn<ServiceModel>(locale, (s) => <RowActions locale={locale} label={s.name} onEdit={() => actions.edit(s)} onDelete={() => actions.remove(s.id)} onResult={actions.onResult} />),
      ]}
    />
  );
}
