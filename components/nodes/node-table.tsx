'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { EmptyRow, Mono, Table, Td, Th } from '@/components/ui/table';
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
    <Table>
      <thead>
        <tr>
          <Th>{t(locale, 'common.name')}</Th>
          <Th>{t(locale, 'node.address')}</Th>
          <Th>{t(locale, 'node.ssh')}</Th>
          <Th>{t(locale, 'node.credential')}</Th>
          <Th>{t(locale, 'node.hostKey')}</Th>
          <Th>{t(locale, 'node.vipInterface')}</Th>
          <Th>{t(locale, 'common.services')}</Th>
          {actions && <Th className="text-right">{t(locale, 'common.actions')}</Th>}
        </tr>
      </thead>
      <tbody>
        {nodes.length === 0 && <EmptyRow cols={8}>{t(locale, 'common.empty')}</EmptyRow>}
        {nodes.map((n) => (
          <tr key={n.id} data-row={n.name}>
            <Td className="font-medium">{n.name}</Td>
            <Td><Mono>{n.address}</Mono></Td>
            <Td><Mono>{n.ssh.user}@{n.ssh.host}:{n.ssh.port}</Mono></Td>
            <Td>{t(locale, n.credential === 'key' ? 'node.credKey' : 'node.credPassword')}</Td>
            <Td>
              {n.ssh.hostKeyFingerprint ? (
                <span className="block max-w-56 truncate font-mono text-xs" title={n.ssh.hostKeyFingerprint}>{n.ssh.hostKeyFingerprint}</span>
              ) : (
                <Badge tone="amber">{t(locale, 'node.notPinned')}</Badge>
              )}
            </Td>
            <Td><Mono>{n.vipInterface}</Mono></Td>
            <Td>{n.services.map((s) => serviceName.get(s) ?? s).join(', ') || '—'}</Td>
            {actions && (
              <Td>
                <RowActions locale={locale} label={n.name} onEdit={() => actions.edit(n)} onDelete={() => actions.remove(n.id)} onResult={actions.onResult} />
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
