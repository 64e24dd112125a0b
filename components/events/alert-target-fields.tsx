'use client';
/** Where a channel sends: a webhook's URL and signing secret, or a mail relay and its mailboxes. Secrets are write-only. */
import type { PublicChannel } from '@/lib/alerts/channels';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { Field, control, fieldBuilders, inputClass } from '@/components/ui/field';
import { Badge } from '@/components/ui/page';

type Err = (name: string) => string | undefined;

export function SecretState({ locale, set }: { locale: Locale; set: boolean }) {
  return <Badge tone={set ? 'emerald' : 'slate'}>{t(locale, set ? 'alerts.set' : 'alerts.notSet')}</Badge>;
}

/** A password input that is always empty: the stored value never comes to the browser. */
function SecretInput({ locale, name, label, err, stored, hint }: { locale: Locale; name: string; label: string; err: Err; stored: boolean; hint: string }) {
  return (
    <Field label={label} name={name} error={err(name)} hint={hint}>
      <div className="flex items-center gap-2">
        <input
          {...control(name, err(name))}
          type="password"
          autoComplete="new-password"
          defaultValue=""
          placeholder={stored ? t(locale, 'alerts.secretSet') : ''}
          className={inputClass(err(name), 'min-w-0 flex-1')}
        />
        <SecretState locale={locale} set={stored} />
      </div>
    </Field>
  );
}

export function WebhookFields({ locale, p, channel, err }: { locale: Locale; p: string; channel: PublicChannel | null; err: Err }) {
  const L = (k: MessageKey) => t(locale, k);
  const { input } = fieldBuilders(err);
  const stored = channel?.secretSet ?? false;
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {input(`${p}url`, L('alerts.url'), channel?.config.url as string | undefined, { placeholder: 'https://hooks.example.com/lvs', className: inputClass(err(`${p}url`), 'font-mono') })}
      <SecretInput locale={locale} name={`${p}secret`} label={L('alerts.secret')} err={err} stored={stored} hint={L(stored ? 'alerts.secretHint' : 'alerts.secretNew')} />
    </div>
  );
}

export function MailFields({ locale, p, channel, err }: { locale: Locale; p: string; channel: PublicChannel | null; err: Err }) {
  const L = (k: MessageKey) => t(locale, k);
  const { input, select } = fieldBuilders(err);
  const c = (channel?.config ?? {}) as { host?: string; port?: number; starttls?: string; user?: string; from?: string; to?: string[]; ca?: string };
  const starttls = (o: string) => L(o === 'required' ? 'alerts.starttlsRequired' : 'alerts.starttlsOpportunistic');
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-4">
        <Field label={L('alerts.host')} name={`${p}host`} error={err(`${p}host`)} className="sm:col-span-2">
          <input {...control(`${p}host`, err(`${p}host`))} defaultValue={c.host ?? ''} placeholder="smtp.example.com" className={inputClass(err(`${p}host`), 'font-mono')} />
        </Field>
        {input(`${p}port`, L('alerts.port'), c.port ?? 587, { inputMode: 'numeric' })}
        {select(`${p}starttls`, L('alerts.starttls'), c.starttls ?? 'required', ['required', 'opportunistic'], undefined, starttls)}
      </div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {input(`${p}user`, L('alerts.user'), c.user, { autoComplete: 'off' })}
        <SecretInput locale={locale} name={`${p}password`} label={L('alerts.password')} err={err} stored={channel?.secretSet ?? false} hint={L('alerts.passwordHint')} />
        {input(`${p}from`, L('alerts.from'), c.from, { placeholder: 'lvs@example.com' })}
        <Field label={L('alerts.to')} name={`${p}to`} error={err(`${p}to`)} hint={L('alerts.toHint')}>
          <textarea {...control(`${p}to`, err(`${p}to`))} defaultValue={(c.to ?? []).join('\n')} rows={2} placeholder="ops@example.com" className={inputClass(err(`${p}to`), 'h-auto py-1')} />
        </Field>
      </div>
      <Field label={L('alerts.ca')} name={`${p}ca`} error={err(`${p}ca`)}>
        <textarea {...control(`${p}ca`, err(`${p}ca`))} defaultValue={c.ca ?? ''} rows={3} placeholder="-----BEGIN CERTIFICATE-----" className={inputClass(err(`${p}ca`), 'h-auto py-1 font-mono text-xs')} />
      </Field>
    </div>
  );
}
