'use client';
import type { ClusterModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
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
          {save && <FormFooter locale={locale} state={state} pending={pending} />}
          {state.ok && !pending && <p className="text-sm text-emerald-700">{t(locale, 'common.saved')}</p>}
        </form>
      </Card>
    </>
  );
}
