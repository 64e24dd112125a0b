'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, inputClass } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/page';

export function SetupForm({ locale, action }: { locale: Locale; action: (fd: FormData) => Promise<FormState> }) {
  const { state, pending, onSubmit, fieldError } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-base font-semibold">{t(locale, 'auth.setupTitle')}</h1>
      <p className="text-sm text-slate-500">{t(locale, 'auth.setupHint')}</p>
      {state.error && <Notice kind="error">{state.error}</Notice>}
      <Field label={t(locale, 'auth.username')} name="username" error={fieldError('username')}>
        <input {...control('username', fieldError('username'))} autoComplete="username" autoFocus className={inputClass(fieldError('username'))} />
      </Field>
      <Field label={t(locale, 'auth.password')} name="password" error={fieldError('password')}>
        <input {...control('password', fieldError('password'))} type="password" autoComplete="new-password" className={inputClass(fieldError('password'))} />
      </Field>
      <Field label={t(locale, 'auth.passwordConfirm')} name="passwordConfirm" error={fieldError('passwordConfirm')}>
        <input {...control('passwordConfirm', fieldError('passwordConfirm'))} type="password" autoComplete="new-password" className={inputClass(fieldError('passwordConfirm'))} />
      </Field>
      <Button type="submit" variant="primary" disabled={pending} className="justify-center">{t(locale, 'auth.setupSubmit')}</Button>
    </form>
  );
}
