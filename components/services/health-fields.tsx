'use client';
import { useState } from 'react';
import type { ServiceModel } from '@/lib/cluster/model';
import { ON_FAILURE } from '@/lib/cluster/health-constants';
import { t, type Locale } from '@/lib/i18n';
import { fieldBuilders } from '@/components/ui/field';
import { ProbeFields } from './probe-fields';

/** The health check and sorry server part of the service form (field names match the API's). */
export function HealthFields({ locale, service, err }: { locale: Locale; service: ServiceModel | null; err: (name: string) => string | undefined }) {
  const L = (k: Parameters<typeof t>[1]) => t(locale, k);
  const hc = service?.healthCheck ?? null;
  const [on, setOn] = useState(hc !== null);
  const [sorry, setSorry] = useState(service?.sorryServer != null);
  const { input, select: choice } = fieldBuilders(err);
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-slate-200 p-3" aria-label={L('health.title')}>
      <legend className="px-1 text-xs font-medium text-slate-600">{L('health.title')}</legend>
      <label className="inline-flex items-center gap-1.5 text-sm">
        <input type="checkbox" name="healthCheck.enabled" checked={on} onChange={(e) => setOn(e.target.checked)} /> {L('health.enabled')}
      </label>
      {on && (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <ProbeFields locale={locale} prefix="healthCheck" check={hc} err={err} />
          {choice('healthCheck.onFailure', L('health.onFailure'), hc?.onFailure ?? 'remove', ON_FAILURE, undefined, (o) => L(`health.onFailure.${o as 'remove'}`))}
        </div>
      )}
      {on && <p className="text-xs text-slate-500">{L('health.hint')}</p>}
      <label className="inline-flex items-center gap-1.5 text-sm">
        <input type="checkbox" name="sorryServer.enabled" checked={sorry} onChange={(e) => setSorry(e.target.checked)} /> {L('health.sorry')}
      </label>
      {sorry && (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {input('sorryServer.address', L('health.sorryAddress'), service?.sorryServer?.address, { placeholder: '10.10.0.50' })}
          {input('sorryServer.port', L('health.sorryPort'), service?.sorryServer?.port, { inputMode: 'numeric' })}
        </div>
      )}
    </fieldset>
  );
}
