'use client';
import type { NodeGroupModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { useEditor } from '@/components/ui/editor';
import { DataTable, actionsColumn, entityRows } from '@/components/ui/data-table';
import { RowActions } from '@/components/ui/row-actions';
import type { Named } from '@/components/nodes/types';
import { NodeGroupForm } from './node-group-form';

export function NodeGroupsScreen({ locale, canEdit, groups, nodes, services, save, remove }: {
  locale: Locale;
  canEdit: boolean;
  groups: NodeGroupModel[];
  nodes: Named[];
  services: Named[];
  save: (fd: FormData) => Promise<FormState>;
  remove: (id: string) => Promise<FormState>;
}) {
  const ed = useEditor<NodeGroupModel>();
  const names = (list: Named[], ids: string[]) => ids.map((id) => list.find((x) => x.id === id)?.name ?? id).join(', ') || '—';
  return (
    <>
      <PageHeader title={t(locale, 'group.title')} actions={canEdit && <Button variant="primary" onClick={ed.startNew}>{t(locale, 'group.new')}</Button>} />
      {ed.editing && <NodeGroupForm key={ed.formKey} locale={locale} group={ed.editing === 'new' ? null : ed.editing} nodes={nodes} services={services} save={save} onDone={ed.close} />}
      {ed.rowState.error && <div className="mb-3"><Notice kind="error">{ed.rowState.error}</Notice></div>}
      <DataTable
        {...entityRows(locale, groups)}
        columns={[
          { key: 'name', header: t(locale, 'common.name'), className: 'font-medium', cell: (g) => g.name },
          { key: 'members', header: t(locale, 'group.members'), cell: (g) => names(nodes, g.nodes) },
          { key: 'services', header: t(locale, 'common.services'), cell: (g) => names(services, g.services) },
          canEdit && actionsColumn<NodeGroupModel>(locale, (g) => <RowActions locale={locale} label={g.name} onEdit={() => ed.startEdit(g)} onDelete={() => remove(g.id)} onResult={ed.setRowState} />),
        ]}
      />
    </>
  );
}
