'use client';
import type { VirtualNodeModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { useEditor } from '@/components/ui/editor';
import { Mono } from '@/components/ui/table';
import { DataTable, actionsColumn, entityRows } from '@/components/ui/data-table';
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
      <DataTable
        {...entityRows(locale, virtualNodes)}
        columns={[
          { key: 'name', header: t(locale, 'common.name'), className: 'font-medium', cell: (v) => v.name },
          { key: 'vip', header: t(locale, 'vnode.vip'), cell: (v) => <Mono>{v.vip}</Mono> },
          { key: 'netmask', header: t(locale, 'vnode.netmask'), cell: (v) => <Mono>{v.netmask}</Mono> },
          { key: 'interface', header: t(locale, 'vnode.interface'), cell: (v) => <Mono>{v.interface ?? '—'}</Mono> },
          { key: 'services', header: t(locale, 'common.services'), cell: (v) => v.services.map((s) => nameIn(services, s)).join(', ') || '—' },
          { key: 'nodeGroup', header: t(locale, 'vnode.nodeGroup'), cell: (v) => nameIn(groups, v.nodeGroup) },
          canEdit && actionsColumn<VirtualNodeModel>(locale, (v) => <RowActions locale={locale} label={v.name} onEdit={() => ed.startEdit(v)} onDelete={() => remove(v.id)} onResult={ed.setRowState} />),
        ]}
      />
    </>
  );
}
