import type { listDeliveries } from '@/lib/alerts/channels';
import { t, type Locale } from '@/lib/i18n';
import { Badge, Card } from '@/components/ui/page';
import { Mono } from '@/components/ui/table';
import { DataTable } from '@/components/ui/data-table';

export type Delivery = Awaited<ReturnType<typeof listDeliveries>>[number];

/** The delivery log, newest first: test sends, alerts and re-alerts with their outcome. */
export function AlertDeliveries({ locale, deliveries, names }: { locale: Locale; deliveries: Delivery[]; names: Record<string, string> }) {
  return (
    <Card title={t(locale, 'alerts.deliveries')} className="mt-4">
      <DataTable
        rows={deliveries}
        rowKey={(d) => d.id}
        rowAttrs={(d) => ({ 'data-delivery': d.status })}
        empty={t(locale, 'common.empty')}
        columns={[
          { key: 'at', header: t(locale, 'events.when'), cell: (d) => <Mono>{d.createdAt.replace('T', ' ').slice(0, 19)}</Mono> },
          { key: 'channel', header: t(locale, 'alerts.channel'), cell: (d) => names[d.channel] ?? d.channel },
          { key: 'reason', header: t(locale, 'alerts.reason'), cell: (d) => d.reason },
          { key: 'status', header: t(locale, 'alerts.status'), cell: (d) => <Badge tone={d.status === 'sent' ? 'emerald' : d.status === 'failed' ? 'red' : 'amber'}>{d.status}</Badge> },
          { key: 'attempts', header: t(locale, 'alerts.attempts'), cell: (d) => d.attempts },
          { key: 'error', header: t(locale, 'alerts.lastError'), className: 'max-w-96 break-words', cell: (d) => <Mono>{d.lastError ?? ''}</Mono> },
        ]}
      />
    </Card>
  );
}
