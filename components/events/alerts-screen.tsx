'use client';
import { useState } from 'react';
import type { PublicChannel } from '@/lib/alerts/channels';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { useEditor } from '@/components/ui/editor';
import { AlertChannelForm } from './alert-channel-form';
import { AlertChannelTable } from './alert-channel-table';
import { AlertDeliveries, type Delivery } from './alert-deliveries';

/** Admins only (the page checks). Secrets never reach this screen: a channel says only whether one is set. */
export function AlertsScreen({ locale, channels, deliveries, save, remove, test }: {
  locale: Locale;
  channels: PublicChannel[];
  deliveries: Delivery[];
  save: (fd: FormData) => Promise<FormState>;
  remove: (id: string) => Promise<FormState>;
  test: (id: string) => Promise<FormState>;
}) {
  const ed = useEditor<PublicChannel>();
  const [newKind, setNewKind] = useState<'webhook' | 'mail'>('webhook');
  const names = Object.fromEntries(channels.map((c) => [c.id, c.name]));
  const startNew = (kind: 'webhook' | 'mail') => { setNewKind(kind); ed.startNew(); };
  const editing = ed.editing === 'new' ? null : ed.editing;
  // The action validates the edited channel after all the others (see app/(console)/alerts/actions.ts).
  const index = editing ? channels.length - 1 : channels.length;
  return (
    <>
      <PageHeader
        title={t(locale, 'alerts.title')}
        intro={t(locale, 'alerts.intro')}
        actions={
          <div className="flex shrink-0 flex-wrap justify-end gap-2">
            <Button variant="primary" onClick={() => startNew('webhook')}>{t(locale, 'alerts.addWebhook')}</Button>
            <Button variant="primary" onClick={() => startNew('mail')}>{t(locale, 'alerts.addMail')}</Button>
          </div>
        }
      />
      {ed.editing && (
        <AlertChannelForm
          key={`${ed.formKey}-${newKind}`}
          locale={locale}
          kind={editing ? editing.kind : newKind}
          channel={editing}
          index={index}
          save={save}
          onDone={ed.close}
        />
      )}
      {ed.rowState.error && <div className="mb-3"><Notice kind="error">{ed.rowState.error}</Notice></div>}
      <AlertChannelTable locale={locale} channels={channels} actions={{ edit: ed.startEdit, remove, test, onResult: ed.setRowState }} />
      <AlertDeliveries locale={locale} deliveries={deliveries} names={names} />
    </>
  );
}
