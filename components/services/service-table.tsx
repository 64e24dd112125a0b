'use client';
import type { ServiceModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { EmptyRow, Mono, Table, Td, Th } from '@/components/ui/table';
import { RowActions } from '@/components/ui/row-actions';
import { forwardingLabel, persistenceLabel, portLabel, thresholdLabel } from './labels';

export function ServiceTable({ locale, services, actions }: {
  locale: Locale;
  services: ServiceModel[];
  actions: { edit: (s: ServiceModel) => void; remove: (id: string) => Promise<FormState>; onResult: (s: FormState) => void } | null;
}) {
  const cols = actions ? 10 : 9;
  return (
    <Table>
      <thead>
        <tr>
          <Th>{t(locale, 'common.name')}</Th>
          <Th>{t(locale, 'service.protocol')}</Th>
          <Th>{t(locale, 'service.portOrMark')}</Th>
          <Th>{t(locale, 'service.scheduler')}</Th>
          <Th>{t(locale, 'service.flags')}</Th>
          <Th>{t(locale, 'service.persistence')}</Th>
          <Th>{t(locale, 'service.forwarding')}</Th>
          <Th>{t(locale, 'service.thresholds')}</Th>
          <Th>{t(locale, 'common.description')}</Th>
          {actions && <Th className="text-right">{t(locale, 'common.actions')}</Th>}
        </tr>
      </thead>
      <tbody>
        {services.length === 0 && <EmptyRow cols={cols}>{t(locale, 'common.empty')}</EmptyRow>}
        {services.map((s) => (
          <tr key={s.id} data-row={s.name}>
            <Td className="font-medium">{s.name}</Td>
            <Td><Mono>{s.protocol.toUpperCase()}</Mono></Td>
            <Td><Mono>{portLabel(s)}</Mono></Td>
            <Td><Mono>{s.scheduler}</Mono></Td>
            <Td><Mono>{s.schedulerFlags.join(', ') || '—'}</Mono></Td>
            <Td><Mono>{persistenceLabel(s)}</Mono></Td>
            <Td>{forwardingLabel(s)}</Td>
            <Td><Mono>{thresholdLabel(s)}</Mono></Td>
            <Td className="max-w-64 truncate text-slate-500" title={s.description}>{s.description}</Td>
            {actions && (
              <Td>
                <RowActions locale={locale} label={s.name} onEdit={() => actions.edit(s)} onDelete={() => actions.remove(s.id)} onResult={actions.onResult} />
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
