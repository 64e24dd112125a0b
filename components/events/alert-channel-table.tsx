'use client';
import { useState, useTransition } from 'react';
import type { PublicChannel } from '@/lib/alerts/channels';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Badge } from '@/components/ui/page';
import { Mono } from '@/components/ui/table';
import { Button } from '@/components/ui/button';
import { DataTable, actionsColumn, entityRows } from '@/components/ui/data-table';
import { RowActions } from '@/components/ui/row-actions';
import { SecretState } from './alert-target-fields';

export interface ChannelActions {
  edit: (c: PublicChannel) => void;
  remove: (id: string) => Promise<FormState>;
  test: (id: string) => Promise<FormState>;
  onResult: (s: FormState) => void;
}

const target = (c: PublicChannel) => (c.kind === 'webhook' ? String(c.config.url) : `${String(c.config.host)}:${String(c.config.port)} → ${(c.config.to as string[]).join(', ')}`);

/** "Send test": one real send through the channel; the outcome stays next to the button. */
function TestButton({ locale, channel, test }: { locale: Locale; channel: PublicChannel; test: (id: string) => Promise<FormState> }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<FormState | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        className="h-7 px-2 whitespace-nowrap"
        disabled={pending}
        aria-label={`${t(locale, 'alerts.sendTest')} ${channel.name}`}
        onClick={() => start(async () => { setResult(null); setResult(await test(channel.id)); })}
      >
        {pending ? t(locale, 'alerts.sending') : t(locale, 'alerts.sendTest')}
      </Button>
      {result && (
        <p data-test-result={result.ok ? 'ok' : 'failed'} role="status" className={`max-w-72 text-right text-xs ${result.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {result.ok ? t(locale, 'alerts.testOk') : t(locale, 'alerts.testFailed', { error: result.error ?? '' })}
        </p>
      )}
    </div>
  );
}

export function AlertChannelTable({ locale, channels, actions }: { locale: Locale; channels: PublicChannel[]; actions: ChannelActions }) {
  return (
    <DataTable
      {...entityRows(locale, channels)}
      columns={[
        { key: 'name', header: t(locale, 'alerts.name'), className: 'font-medium whitespace-nowrap', cell: (c) => <>{c.name}{!c.enabled && <span className="ml-1.5"><Badge>{t(locale, 'alerts.disabled')}</Badge></span>}</> },
        { key: 'kind', header: t(locale, 'alerts.kind'), cell: (c) => <Badge tone={c.enabled ? 'sky' : 'slate'}>{t(locale, c.kind === 'webhook' ? 'alerts.kindWebhook' : 'alerts.kindMail')}</Badge> },
        { key: 'target', header: t(locale, 'alerts.target'), className: 'max-w-80 truncate', cell: (c) => <span title={target(c)}><Mono>{target(c)}</Mono></span> },
        { key: 'secret', header: t(locale, 'alerts.secretState'), cell: (c) => <SecretState locale={locale} set={c.secretSet} /> },
        { key: 'kinds', header: t(locale, 'alerts.kinds'), className: 'max-w-64', cell: (c) => <Mono>{c.kinds.join(', ')}</Mono> },
        { key: 'realert', header: t(locale, 'alerts.realertShort'), cell: (c) => c.realertMinutes },
        { key: 'lang', header: t(locale, 'alerts.language'), cell: (c) => t(locale, c.language === 'ko' ? 'alerts.langKo' : 'alerts.langEn') },
        actionsColumn<PublicChannel>(locale, (c) => (
          <div className="flex items-start justify-end gap-1 whitespace-nowrap">
            <TestButton locale={locale} channel={c} test={actions.test} />
            <RowActions locale={locale} label={c.name} onEdit={() => actions.edit(c)} onDelete={() => actions.remove(c.id)} onResult={actions.onResult} />
          </div>
        )),
      ]}
    />
  );
}
