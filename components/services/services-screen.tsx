'use client';
import type { ServiceModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { useEditor } from '@/components/ui/editor';
import { ServiceForm } from './service-form';
import { ServiceTable } from './service-table';

export function ServicesScreen({ locale, canEdit, services, save, remove }: {
  locale: Locale;
  canEdit: boolean;
  services: ServiceModel[];
  save: (fd: FormData) => Promise<FormState>;
  remove: (id: string) => Promise<FormState>;
}) {
  const ed = useEditor<ServiceModel>();
  return (
    <>
      <PageHeader
        title={t(locale, 'service.title')}
        actions={canEdit && <Button variant="primary" onClick={ed.startNew}>{t(locale, 'service.new')}</Button>}
      />
      {ed.editing && (
        <ServiceForm key={ed.formKey} locale={locale} service={ed.editing === 'new' ? null : ed.editing} save={save} onDone={ed.close} />
      )}
      {ed.rowState.error && <div className="mb-3"><Notice kind="error">{ed.rowState.error}</Notice></div>}
      <ServiceTable locale={locale} services={services} actions={canEdit ? { edit: ed.startEdit, remove, onResult: ed.setRowState } : null} />
    </>
  );
}
