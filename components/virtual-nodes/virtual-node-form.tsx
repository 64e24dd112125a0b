'use client';
import type { VirtualNodeModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, inputClass } from '@/components/ui/field';
import { Card } from '@/components/ui/page';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { FormFooter } from '@/components/ui/form-footer';
import type { Named } from '@/components/nodes/types';

export function VirtualNodeForm({ locale, vnode, groups, services, save, onDone }: {
  locale: Locale;
  vnode: VirtualNodeModel | null;
  groups: Named[];
  services: Named[];
  save: (fd: FormData) => Promise<FormState>;
  onDone: () => void;
}) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(save, onDone);
  const L = (k: MessageKey) => t(locale, k);
  const input = (name: string, label: string, value: string | null | undefined, props: Record<string, unknown> = {}) => (
    <Field label={label} name={name} error={err(name)}>
      <input {...control(name, err(name))} defaultValue={value ?? ''} className={inputClass(err(name), name === 'name' ? '' : 'font-mono')} {...props} />
    </Field>
  );
  return (
    <Card title={vnode ? `${L('vnode.editTitle')}: ${vnode.name}` : L('vnode.new')} className="mb-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3">
        {vnode && <input type="hidden" name="id" value={vnode.id} />}
        <div className="grid grid-cols-5 gap-3">
          {input('name', L('common.name'), vnode?.name, { autoFocus: true })}
          {input('vip', L('vnode.vip'), vnode?.vip, { placeholder: '10.20.0.100' })}
          {input('netmask', L('vnode.netmask'), vnode?.netmask ?? '255.255.255.255')}
          {input('interface', L('vnode.interface'), vnode?.interface, { placeholder: L('vnode.interfaceHint'), title: L('vnode.interfaceHint') })}
          <Field label={L('vnode.nodeGroup')} name="nodeGroup" error={err('nodeGroup')}>
            <select {...control('nodeGroup', err('nodeGroup'))} defaultValue={vnode?.nodeGroup ?? ''} className={inputClass(err('nodeGroup'))}>
              <option value="">{L('vnode.chooseGroup')}</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          </Field>
        </div>
        <CheckboxList name="services" label={L('common.services')} options={services.map((s) => ({ value: s.id, label: s.name }))} selected={vnode?.services ?? []} error={err('services')} />
        <FormFooter locale={locale} state={state} pending={pending} onCancel={onDone} />
      </form>
    </Card>
  );
}
