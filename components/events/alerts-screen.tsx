import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Badge, Card } from '@/components/ui/page';
import { Mono } from '@/components/ui/table';
import { DataTable } from '@/components/ui/data-table';
import type { PublicChannel } from '@/lib/alerts/channels';
import type { listDeliveries } from '@/lib/alerts/channels';

type Delivery = Awaited<ReturnType<typeof listDeliveries>>[number];

/** Read-only for now: channels are edited through PUT /api/v1/alerts. Secrets are never here. */
export function AlertsScreen({ locale, channels, deliveries }: { locale: Locale; channels: PublicChannel[]; deliveries: Delivery[] }) {
  const names = Object.fromEntries(channels.map((c) => [c.id, c.name]));
  return (
    <>
      <PageHeader title={t(locale, 'alerts.title')} intro={t(locale, 'alerts.intro')} />
      <DataTable
        rows={channels}
        rowKey={(c) => c.id}
        empty={t(locale, 'common.empty')}
        columns={[
          { key: 'name', header: t(locale, 'alerts.name'), cell: (c) => <span className="font-medium">{c.name}</span> },
          { key: 'kind', header: 'kind', cell: (c) => <Badge tone={c.enabled ? 'sky' : 'slate'}>{c.kind}</Badge> },
          { key: 'target', header: t(locale, 'alerts.url'), cell: (c) => <Mono>{String(c.config.url ?? `${String(c.config.host)}:${String(c.config.port)}`)}</Mono> },
          { key: 'kinds', header: t(locale, 'alerts.kinds'), cell: (c) => <Mono>{c.kinds.join(', ')}</Mono> },
          { key: 'realert', header: t(locale, 'alerts.realert'), cell: (c) => c.realertMinutes },
          { key: 'lang', header: t(locale, 'alerts.language'), cell: (c) => c.language },
        ]}
      />
      <Card title={t(locale, 'alerts.deliveries')} className="mt-4">
        <DataTable
          rows={deliveries}
          rowKey={(d) => d.id}
          empty={t(locale, 'common.empty')}
          columns={[
            { key: 'at', header: t(locale, 'events.when'), cell: (d) => <Mono>{d.createdAt.replace('T', ' ').slice(0, 19)}</Mono> },
            { key: 'channel', header: t(locale, 'alerts.channel'), cell: (d) => names[d.channel] ?? d.channel },
            { key: 'reason', header: t(locale, 'alerts.reason'), cell: (d) => d.reason },
            { key: 'status', header: t(locale, 'alerts.status'), cell: (d) => <Badge tone={d.status === 'sent' ? 'emerald' : d.status === 'failed' ? 'red' : 'amber'}>{d.status}</Badge> },
            { key: 'attempts', header: t(locale, 'alerts.attempts'), cell: (d) => d.attempts },
            { key: 'error', header: t(locale, 'alerts.lastError'), cell: (d) => <Mono>{d.lastError ?? ''}</Mono> },
          ]}
        />
      </Card>
    </>
  );
}
