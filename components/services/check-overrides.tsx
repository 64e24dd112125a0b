'use client';
/**
 * Per-node checks on the Services screen: for every checked service, each node that runs it keeps
 * the service's check, has none, or has its own probe. One form for the whole list, because the
 * API replaces the whole list.
 */
import { useState } from 'react';
import type { CheckOverrideModel, NodeModel, ServiceModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { fieldBuilders } from '@/components/ui/field';
import { Card, Notice } from '@/components/ui/page';
import { FormFooter } from '@/components/ui/form-footer';
import { ProbeFields } from './probe-fields';

const MODES = ['service', 'none', 'own'] as const;
type Mode = (typeof MODES)[number];

function OverrideRow({ locale, node, service, current, err }: {
  locale: Locale;
  node: Pick<NodeModel, 'id' | 'name'>;
  service: ServiceModel;
  current: CheckOverrideModel | undefined;
  err: (name: string) => string | undefined;
}) {
  const start: Mode = !current ? 'service' : current.healthCheck === null ? 'none' : 'own';
  const [mode, setMode] = useState<Mode>(start);
  const prefix = `co.${node.id}.${service.id}`;
  const { select } = fieldBuilders(err);
  const L = (k: Parameters<typeof t>[1]) => t(locale, k);
  return (
    <div className="grid grid-cols-2 items-start gap-3 border-t border-slate-100 pt-2 sm:grid-cols-5" data-override-row={`${node.name}/${service.name}`}>
      <div className="flex h-full flex-col justify-center text-sm font-medium text-slate-700 sm:pt-4">{node.name}</div>
      {select(`${prefix}.mode`, L('health.override.mode'), mode, MODES, (v) => setMode(v as Mode), (o) => L(`health.override.mode.${o as Mode}`))}
      {mode === 'own' && <ProbeFields locale={locale} prefix={prefix} check={current?.healthCheck ?? service.healthCheck} err={err} />}
    </div>
  );
}

export function CheckOverridesCard({ locale, services, nodes, overrides, save }: {
  locale: Locale;
  services: ServiceModel[];
  nodes: Pick<NodeModel, 'id' | 'name' | 'services'>[];
  overrides: CheckOverrideModel[];
  save: ((fd: FormData) => Promise<FormState>) | null;
}) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(save ?? (async () => ({})));
  const L = (k: Parameters<typeof t>[1]) => t(locale, k);
  const checked = services.filter((s) => s.healthCheck !== null);
  return (
    <Card title={L('health.override.title')} className="mt-4">
      <p className="mb-3 text-xs text-slate-500">{L('health.override.intro')}</p>
      {checked.length === 0 ? (
        <Notice kind="info">{L('health.override.none')}</Notice>
      ) : (
        <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label={L('health.override.title')}>
          <fieldset disabled={!save} className="flex flex-col gap-4">
            {checked.map((s) => {
              const runners = nodes.filter((n) => n.services.includes(s.id));
              return (
                <section key={s.id} className="flex flex-col gap-2" aria-label={s.name}>
                  <h3 className="text-sm font-semibold text-slate-800">{s.name}</h3>
                  {runners.length === 0 && <p className="text-xs text-slate-500">{L('health.override.noNodes')}</p>}
                  {runners.map((n) => (
                    <OverrideRow key={n.id} locale={locale} node={n} service={s} err={err}
                      current={overrides.find((o) => o.node === n.id && o.service === s.id)} />
                  ))}
                </section>
              );
            })}
          </fieldset>
          {save && <FormFooter locale={locale} state={state} pending={pending} submitLabel={L('health.override.save')} />}
        </form>
      )}
    </Card>
  );
}
