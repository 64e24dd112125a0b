'use client';
import type { NodeGroupModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, inputClass } from '@/components/ui/field';
import { Card } from '@/components/ui/page';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { OrderedPicker } from '@/components/ui/ordered-picker';
import { FormFooter } from '@/components/ui/form-footer';
import type { Named } from '@/components/nodes/types';

export function NodeGroupForm({ locale, group, nodes, services, save, onDone }: {
  locale: Locale;
  group: NodeGroupModel | null;
  nodes: Named[];
  services: Named[];
  save: (fd: FormData) => Promise<FormState>;
  onDone: () => void;
}) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(save, onDone);
  return (
    <Card title={group ? `${t(locale, 'group.editTitle')}: ${group.name}` : t(locale, 'group.new')} className="mb-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3">
        {group && <input type="hidden" name="id" value={group.id} />}
        <Field label={t(locale, 'common.name')} name="name" error={err('name')} className="max-w-xs">
          <input {...control('name', err('name'))} defaultValue={group?.name ?? ''} autoFocus className={inputClass(err('name'))} />
        </Field>
        <div className="grid grid-cols-2 gap-6">
          <OrderedPicker
            locale={locale}
            name="nodes"
            label={t(locale, 'group.members')}
            options={nodes}
            initial={group?.nodes ?? []}
            addLabel={t(locale, 'group.addMember')}
            error={err('nodes')}
          />
          <CheckboxList name="services" label={t(locale, 'common.services')} options={services.map((s) => ({ value: s.id, label: s.name }))} selected={group?.services ?? []} error={err('services')} />
        </div>
        <FormFooter locale={locale} state={state} pending={pending} onCancel={onDone} />
      </form>
    </Card>
  );
}
