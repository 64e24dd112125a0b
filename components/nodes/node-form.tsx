'use client';
import { useState } from 'react';
import type { FormState } from '@/lib/wire';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, inputClass } from '@/components/ui/field';
import { Card } from '@/components/ui/page';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { FormFooter } from '@/components/ui/form-footer';
import type { Named, NodeView } from './types';

/** Credentials are write-only: on edit the inputs start empty and say what is stored; empty keeps it. */
export function NodeForm({ locale, node, services, save, onDone }: {
  locale: Locale;
  node: NodeView | null;
  services: Named[];
  save: (fd: FormData) => Promise<FormState>;
  onDone: () => void;
}) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(save, onDone);
  const [kind, setKind] = useState<'key' | 'password'>(node?.credential ?? 'key');
  const L = (k: MessageKey) => t(locale, k);
  const stored = node && node.credential === kind ? t(locale, 'node.storedKeep', { kind: L(kind === 'key' ? 'node.credKey' : 'node.credPassword') }) : undefined;
  const input = (name: string, label: string, value: string | number | null | undefined, props: Record<string, unknown> = {}) => (
    <Field label={label} name={name} error={err(name)}>
      <input {...control(name, err(name))} defaultValue={value ?? ''} className={inputClass(err(name), name === 'name' || name === 'ssh.user' ? '' : 'font-mono')} {...props} />
    </Field>
  );
  return (
    <Card title={node ? `${L('node.editTitle')}: ${node.name}` : L('node.new')} className="mb-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" autoComplete="off">
        {node && <input type="hidden" name="id" value={node.id} />}
        <div className="grid grid-cols-4 gap-3">
          {input('name', L('common.name'), node?.name, { autoFocus: true })}
          {input('address', L('node.address'), node?.address, { placeholder: '10.10.0.11' })}
          {input('vipInterface', L('node.vipInterface'), node?.vipInterface ?? 'eth0')}
          <div />
          {input('ssh.host', L('node.sshHost'), node?.ssh.host)}
          {input('ssh.port', L('node.sshPort'), node?.ssh.port ?? 22, { inputMode: 'numeric' })}
          {input('ssh.user', L('node.sshUser'), node?.ssh.user ?? 'root')}
          {input('ssh.hostKeyFingerprint', L('node.hostKey'), node?.ssh.hostKeyFingerprint, { placeholder: 'SHA256:…' })}
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-xs font-medium text-slate-600">{L('node.credential')}</legend>
          <div className="flex items-center gap-4 text-sm">
            {(['key', 'password'] as const).map((k) => (
              <label key={k} className="inline-flex items-center gap-1.5">
                <input type="radio" name="credentialKind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {L(k === 'key' ? 'node.credKey' : 'node.credPassword')}
              </label>
            ))}
            <span className="text-xs text-slate-400">{L('node.credentialHint')}</span>
          </div>
          {kind === 'key' ? (
            <Field label={L('node.privateKey')} name="ssh.privateKey" error={err('ssh.privateKey')}>
              <textarea
                {...control('ssh.privateKey', err('ssh.privateKey'))}
                rows={4}
                spellCheck={false}
                placeholder={stored ?? 'ssh-keygen -t ed25519 … (paste the private key file)'}
                className={inputClass(err('ssh.privateKey'), 'h-auto py-1 font-mono text-xs')}
              />
            </Field>
          ) : (
            <Field label={L('node.password')} name="ssh.password" error={err('ssh.password')}>
              <input {...control('ssh.password', err('ssh.password'))} type="password" autoComplete="new-password" placeholder={stored} className={inputClass(err('ssh.password'), 'max-w-sm')} />
            </Field>
          )}
        </fieldset>
        <CheckboxList name="services" label={L('common.services')} options={services.map((s) => ({ value: s.id, label: s.name }))} selected={node?.services ?? []} error={err('services')} />
        <Field label={L('node.notes')} name="notes" error={err('notes')}>
          <textarea {...control('notes', err('notes'))} defaultValue={node?.notes ?? ''} rows={2} className={inputClass(err('notes'), 'h-auto py-1')} />
        </Field>
        <FormFooter locale={locale} state={state} pending={pending} onCancel={onDone} />
      </form>
    </Card>
  );
}
