'use client';
import type { ClusterModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { useState } from 'react';
import { Field, control, inputClass } from '@/components/ui/field';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Card, Notice, PageHeader } from '@/components/ui/page';
import { OrderedPicker } from '@/components/ui/ordered-picker';
import { FormFooter } from '@/components/ui/form-footer';
import type { Named } from '@/components/nodes/types';

export function MasterPriorityForm({ locale, priority, nodes, save }: {
  locale: Locale;
  priority: ClusterModel['masterPriority'];
  nodes: Named[];
  save: ((fd: FormData) => Promise<FormState>) | null;
}) {
  const { state, pending, onSubmit, fieldError } = useFormAction(save ?? (async () => ({})));
  const [failover, setFailover] = useState(priority.failover !== null);
  const f = priority.failover;
  const L = (k: Parameters<typeof t>[1]) => t(locale, k);
  const num = (name: string, label: string, value: number, hint: string) => (
    <Field label={label} name={name} error={fieldError(name)} hint={hint}>
      <input {...control(name, fieldError(name))} inputMode="numeric" defaultValue={value} disabled={!save} className={inputClass(fieldError(name))} />
    </Field>
  );
  return (
    <>
      <PageHeader title={t(locale, 'master.title')} intro={t(locale, 'master.intro')} />
      {!save && <div className="mb-3"><Notice kind="info">{t(locale, 'common.readOnly')}</Notice></div>}
      <Card className="max-w-2xl">
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <OrderedPicker
            locale={locale}
            name="nodes"
            label={t(locale, 'master.candidates')}
            options={nodes}
            initial={priority.nodes}
            addLabel={t(locale, 'master.addCandidate')}
            emptyLabel={t(locale, 'master.empty')}
            error={fieldError('nodes')}
            readOnly={!save}
          />
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="preempt" defaultChecked={priority.preempt} disabled={!save} /> {t(locale, 'master.preempt')}
          </label>
          <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-3" aria-label={L('master.failover')}>
            <label className="inline-flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" name="failover.enabled" checked={failover} onChange={(e) => setFailover(e.target.checked)} disabled={!save} /> {L('master.failover')}
            </label>
            <p className="text-xs text-slate-500">{L('master.failoverHint')}</p>
            {fieldError('failover') && <p className="text-xs text-red-600" data-field-error="failover">{L('master.failover')}: {fieldError('failover')}</p>}
            {failover && (
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                {num('failover.advertIntervalMs', L('master.advertIntervalMs'), f?.advertIntervalMs ?? 1000, L('master.advertHint'))}
                {num('failover.virtualRouterId', L('master.virtualRouterId'), f?.virtualRouterId ?? 51, L('master.vridHint'))}
                <label className="inline-flex items-start gap-2 text-sm sm:col-span-2">
                  <input type="checkbox" name="failover.syncConnections" defaultChecked={f?.syncConnections ?? true} disabled={!save} className="mt-1" /> {L('master.syncConnections')}
                </label>
                <Field label={L('master.syncInterface')} name="failover.syncInterface" error={fieldError('failover.syncInterface')} hint={L('master.syncInterfaceHint')}>
                  <input {...control('failover.syncInterface', fieldError('failover.syncInterface'))} defaultValue={f?.syncInterface ?? ''} placeholder="eth0" disabled={!save} className={inputClass(fieldError('failover.syncInterface'))} />
                </Field>
              </div>
            )}
          </fieldset>
          {save && <FormFooter locale={locale} state={state} pending={pending} />}
          {state.ok && !pending && <p className="text-sm text-emerald-700">{t(locale, 'common.saved')}</p>}
        </form>
      </Card>
    </>
  );
}
