'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, inputClass } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/page';

export function LoginForm({ locale, action }: { locale: Locale; action: (fd: FormData) => Promise<FormState> }) {
  const { state, pending, onSubmit } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-base font-semibold">{t(locale, 'auth.login')}</h1>
      {state.error && <Notice kind="error">{state.error}</Notice>}
      <Field label={t(locale, 'auth.username')} name="username">
        <input {...control('username')} autoComplete="username" autoFocus required className={inputClass()} />
      </Field>
      <Field label={t(locale, 'auth.password')} name="password">
        <input {...control('password')} type="password" autoComplete="current-password" required className={inputClass()} />
      </Field>
      <Button type="submit" variant="primary" disabled={pending} className="justify-center">{t(locale, 'auth.login')}</Button>
    </form>
  );
}
