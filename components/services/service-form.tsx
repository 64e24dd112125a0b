'use client';
import { useState } from 'react';
import type { ServiceModel } from '@/lib/cluster/model';
import { FORWARDING, PROTOCOLS, SCHEDULERS, SCHEDULER_FLAGS, TUNNEL_TYPES } from '@/lib/cluster/primitives';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, fieldBuilders, inputClass } from '@/components/ui/field';
import { Card } from '@/components/ui/page';
import { FormFooter } from '@/components/ui/form-footer';
import { HealthFields } from './health-fields';

export function ServiceForm({ locale, service, save, onDone }: {
  locale: Locale;
  service: ServiceModel | null;
  save: (fd: FormData) => Promise<FormState>;
  onDone: () => void;
}) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(save, onDone);
  const [protocol, setProtocol] = useState<string>(service?.protocol ?? 'tcp');
  const [forwarding, setForwarding] = useState<string>(service?.forwarding ?? 'dr');
  const [persistent, setPersistent] = useState(service?.persistence != null);
  const L = (k: Parameters<typeof t>[1]) => t(locale, k);
  const { input: text, select } = fieldBuilders(err);
  return (
    <Card title={service ? `${L('service.editTitle')}: ${service.name}` : L('service.new')} className="mb-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label={service ? L('service.editTitle') : L('service.new')}>
        {service && <input type="hidden" name="id" value={service.id} />}
        <div className="grid grid-cols-4 gap-3">
          {text('name', L('common.name'), service?.name, { autoFocus: true })}
          {select('protocol', L('service.protocol'), protocol, PROTOCOLS, setProtocol, (o) => o.toUpperCase())}
          {text('port', L('service.port'), service?.port, { inputMode: 'numeric' })}
          {protocol === 'fwmark' && text('fwmark', L('service.fwmark'), service?.fwmark, { inputMode: 'numeric' })}
          {select('scheduler', L('service.scheduler'), service?.scheduler ?? 'wlc', SCHEDULERS)}
          {select('forwarding', L('service.forwarding'), forwarding, FORWARDING, setForwarding, (o) => L(`fwd.${o as 'dr'}`))}
          {forwarding === 'tun' && select('tunnelType', L('service.tunnelType'), service?.tunnelType ?? 'ipip', TUNNEL_TYPES)}
          {text('upperThreshold', L('service.upper'), service?.upperThreshold || '', { inputMode: 'numeric', placeholder: '0' })}
          {text('lowerThreshold', L('service.lower'), service?.lowerThreshold || '', { inputMode: 'numeric', placeholder: '0' })}
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-slate-600">{L('service.flags')}</legend>
          <div className="flex gap-4">
            {SCHEDULER_FLAGS.map((f) => (
              <label key={f} className="inline-flex items-center gap-1.5 font-mono text-xs">
                <input type="checkbox" name="schedulerFlags" value={f} defaultChecked={service?.schedulerFlags.includes(f)} /> {f}
              </label>
            ))}
          </div>
          {err('schedulerFlags') && <p className="text-xs text-red-600" data-field-error="schedulerFlags">{L('service.flags')}: {err('schedulerFlags')}</p>}
        </fieldset>
        <div className="grid grid-cols-4 items-end gap-3">
          <label className="inline-flex h-8 items-center gap-1.5 text-sm">
            <input type="checkbox" name="persistent" checked={persistent} onChange={(e) => setPersistent(e.target.checked)} /> {L('service.persistent')}
          </label>
          {persistent && text('persistence.timeout', L('service.timeout'), service?.persistence?.timeout ?? 300, { inputMode: 'numeric' })}
          {persistent && text('persistence.netmask', L('service.netmask'), service?.persistence?.netmask, { placeholder: '255.255.255.255' })}
        </div>
        <HealthFields locale={locale} service={service} err={err} />
        <Field label={L('common.description')} name="description" error={err('description')}>
          <textarea {...control('description', err('description'))} defaultValue={service?.description ?? ''} rows={2} className={inputClass(err('description'), 'h-auto py-1')} />
        </Field>
        <FormFooter locale={locale} state={state} pending={pending} onCancel={onDone} />
      </form>
    </Card>
  );
}
