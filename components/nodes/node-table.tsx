'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Mono } from '@/components/ui/table';
import { DataTable, actionsColumn, entityRows } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/page';
import { RowActions } from '@/components/ui/row-actions';
import type { Named, NodeView } from './types';

export function NodeTable({ locale, nodes, services, actions }: {
  locale: Locale;
  nodes: NodeView[];
  services: Named[];
  actions: { edit: (n: NodeView) => void; remove: (id: string) => Promise<FormState>; onResult: (s: FormState) => void } | null;
}) {
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  return (
    <DataTable
      {...entityRows(locale, nodes)}
      columns={[
        { key: 'name', header: t(locale, 'common.name'), className: 'font-medium', cell: (n) => n.name },
        { key: 'address', header: t(locale, 'node.address'), cell: (n) => <Mono>{n.address}</Mono> },
        { key: 'ssh', header: t(locale, 'node.ssh'), cell: (n) => <Mono>{n.ssh.user}@{n.ssh.host}:{n.ssh.port}</Mono> },
        { key: 'credential', header: t(locale, 'node.credential'), cell: (n) => t(locale, n.credential === 'key' ? 'node.credKey' : 'node.credPassword') },
        {
          key: 'hostKey', header: t(locale, 'node.hostKey'),
          cell: (n) => n.ssh.hostKeyFingerprint
            ? <span className="block max-w-56 truncate font-mono text-xs" title={n.ssh.hostKeyFingerprint}>{n.ssh.hostKeyFingerprint}</span>
            : <Badge tone="amber">{t(locale, 'node.notPinned')}</Badge>,
        },
        { key: 'vipInterface', header: t(locale, 'node.vipInterface'), cell: (n) => <Mono>{n.vipInterface}</Mono> },
        { key: 'services', header: t(locale, 'common.services'), cell: (n) => n.services.map((s) => serviceName.get(s) ?? s).join(', ') || '—' },
        actions && actionsColumn<NodeView>(locale, (n) => <RowActions locale={locale} label={n.name} onEdit={() => actions.edit(n)} onDelete={() => actions.remove(n.id)} onResult={actions.onResult} />),
      ]}
    />
  );
}
