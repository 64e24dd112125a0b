'use client';
import type { PublicChannel } from '@/lib/alerts/channels';
import { EVENT_KINDS } from '@/lib/alerts/kinds';
import type { FormState } from '@/lib/wire';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { fieldBuilders } from '@/components/ui/field';
import { Card } from '@/components/ui/page';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { FormFooter } from '@/components/ui/form-footer';
import { MailFields, WebhookFields } from './alert-target-fields';

/**
 * One channel. Inputs are named by their path in the PUT /api/v1/alerts body (channels.<index>.url),
 * which is where the server action validates this channel, so its field errors come back under them.
 */
export function AlertChannelForm({ locale, kind, channel, index, save, onDone }: {
  locale: Locale;
  kind: 'webhook' | 'mail';
  channel: PublicChannel | null;
  index: number;
  save: (fd: FormData) => Promise<FormState>;
  onDone: () => void;
}) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(save, onDone);
  const L = (k: MessageKey) => t(locale, k);
  const { input, select } = fieldBuilders(err);
  const p = `channels.${index}.`;
  const title = channel ? `${L('alerts.editTitle')}: ${channel.name}` : L(kind === 'webhook' ? 'alerts.newWebhook' : 'alerts.newMail');
  return (
    <Card title={title} className="mb-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label={title} data-channel-form={kind}>
        <input type="hidden" name="index" value={index} />
        <input type="hidden" name={`${p}kind`} value={kind} />
        {channel && <input type="hidden" name={`${p}id`} value={channel.id} />}
        <div className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2 md:grid-cols-4">
          <div className="sm:col-span-2">{input(`${p}name`, L('alerts.name'), channel?.name, { autoFocus: true })}</div>
          {select(`${p}language`, L('alerts.language'), channel?.language ?? locale, ['en', 'ko'], undefined, (o) => L(o === 'ko' ? 'alerts.langKo' : 'alerts.langEn'))}
          {input(`${p}realertMinutes`, L('alerts.realert'), channel?.realertMinutes ?? 0, { inputMode: 'numeric' })}
          <label className="inline-flex h-8 sm:col-span-2 items-center gap-1.5 text-sm">
            <input type="checkbox" name={`${p}enabled`} defaultChecked={channel?.enabled ?? true} /> {L('alerts.enabled')}
          </label>
        </div>
        {kind === 'webhook' ? <WebhookFields locale={locale} p={p} channel={channel} err={err} /> : <MailFields locale={locale} p={p} channel={channel} err={err} />}
        <CheckboxList
          name={`${p}kinds`}
          label={L('alerts.kinds')}
          options={EVENT_KINDS.map((k) => ({ value: k, label: k }))}
          selected={channel?.kinds ?? ['rs-down', 'rs-up']}
          error={err(`${p}kinds`)}
        />
        <FormFooter locale={locale} state={state} pending={pending} onCancel={onDone} />
      </form>
    </Card>
  );
}
