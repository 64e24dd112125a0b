'use client';
import type { VirtualNodeModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { useEditor } from '@/components/ui/editor';
import { EmptyRow, Mono, Table, Td, Th } from '@/components/ui/table';
import { RowActions } from '@/components/ui/row-actions';
import type { Named } from '@/components/nodes/types';
import { VirtualNodeForm } from './virtual-node-form';

export function VirtualNodesScreen({ locale, canEdit, virtualNodes, groups, services, save, remove }: {
  locale: Locale;
  canEdit: boolean;
  virtualNodes: VirtualNodeModel[];
  groups: Named[];
  services: Named[];
  save: (fd: FormData) => Promise<FormState>;
  remove: (id: string) => Promise<FormState>;
}) {
  const ed = useEditor<VirtualNodeModel>();
  const nameIn = (list: Named[], id: string) => list.find((x) => x.id === id)?.name ?? id;
  return (
    <>
      <PageHeader title={t(locale, 'vnode.title')} actions={canEdit && <Button variant="primary" onClick={ed.startNew}>{t(locale, 'vnode.new')}</Button>} />
      {ed.editing && <VirtualNodeForm key={ed.formKey} locale={locale} vnode={ed.editing === 'new' ? null : ed.editing} groups={groups} services={services} save={save} onDone={ed.close} />}
      {ed.rowState.error && <div className="mb-3"><Notice kind="error">{ed.rowState.error}</Notice></div>}
      <Table>
        <thead>
          <tr>
            <Th>{t(locale, 'common.name')}</Th>
            <Th>{t(locale, 'vnode.vip')}</Th>
            <Th>{t(locale, 'vnode.netmask')}</Th>
            <Th>{t(locale, 'vnode.interface')}</Th>
            <Th>{t(locale, 'common.services')}</Th>
            <Th>{t(locale, 'vnode.nodeGroup')}</Th>
            {canEdit && <Th className="text-right">{t(locale, 'common.actions')}</Th>}
          </tr>
        </thead>
        <tbody>
          {virtualNodes.length === 0 && <EmptyRow cols={7}>{t(locale, 'common.empty')}</EmptyRow>}
          {virtualNodes.map((v) => (
            <tr key={v.id} data-row={v.name}>
              <Td className="font-medium">{v.name}</Td>
              <Td><Mono>{v.vip}</Mono></Td>
              <Td><Mono>{v.netmask}</Mono></Td>
              <Td><Mono>{v.interface ?? '—'}</Mono></Td>
              <Td>{v.services.map((s) => nameIn(services, s)).join(', ') || '—'}</Td>
              <Td>{nameIn(groups, v.nodeGroup)}</Td>
              {canEdit && (
                <Td><RowActions locale={locale} label={v.name} onEdit={() => ed.startEdit(v)} onDelete={() => remove(v.id)} onResult={ed.setRowState} /></Td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
