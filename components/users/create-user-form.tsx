'use client';
import { ROLES } from '@/lib/cluster/primitives';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Field, control, inputClass } from '@/components/ui/field';
import { Card } from '@/components/ui/page';
import { FormFooter } from '@/components/ui/form-footer';

export function CreateUserForm({ locale, create }: { locale: Locale; create: (fd: FormData) => Promise<FormState> }) {
  const { state, pending, onSubmit, fieldError: err } = useFormAction(create, (form) => form.reset());
  return (
    <Card title={t(locale, 'user.new')} className="mb-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" autoComplete="off" aria-label={t(locale, 'user.new')}>
        <div className="grid max-w-3xl grid-cols-3 gap-3">
          <Field label={t(locale, 'auth.username')} name="username" error={err('username')}>
            <input {...control('username', err('username'))} className={inputClass(err('username'))} />
          </Field>
          <Field label={t(locale, 'auth.password')} name="password" error={err('password')}>
            <input {...control('password', err('password'))} type="password" autoComplete="new-password" className={inputClass(err('password'))} />
          </Field>
          <Field label={t(locale, 'user.role')} name="role" error={err('role')}>
            <select {...control('role', err('role'))} defaultValue="viewer" className={inputClass(err('role'))}>
              {ROLES.map((r) => <option key={r} value={r}>{t(locale, `role.${r}`)}</option>)}
            </select>
          </Field>
        </div>
        <FormFooter locale={locale} state={state} pending={pending} submitLabel={t(locale, 'common.add')} />
      </form>
    </Card>
  );
}
