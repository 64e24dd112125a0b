'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { useEditor } from '@/components/ui/editor';
import { NodeForm } from './node-form';
import { NodeTable } from './node-table';
import type { Named, NodeView } from './types';

export function NodesScreen({ locale, canEdit, nodes, services, save, remove }: {
  locale: Locale;
  canEdit: boolean;
  nodes: NodeView[];
  services: Named[];
  save: (fd: FormData) => Promise<FormState>;
  remove: (id: string) => Promise<FormState>;
}) {
  const ed = useEditor<NodeView>();
  return (
    <>
      <PageHeader title={t(locale, 'node.title')} actions={canEdit && <Button variant="primary" onClick={ed.startNew}>{t(locale, 'node.new')}</Button>} />
      {ed.editing && <NodeForm key={ed.formKey} locale={locale} node={ed.editing === 'new' ? null : ed.editing} services={services} save={save} onDone={ed.close} />}
      {ed.rowState.error && <div className="mb-3"><Notice kind="error">{ed.rowState.error}</Notice></div>}
      <NodeTable locale={locale} nodes={nodes} services={services} actions={canEdit ? { edit: ed.startEdit, remove, onResult: ed.setRowState } : null} />
    </>
  );
}
