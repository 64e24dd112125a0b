import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Button } from './button';
import { Notice } from './page';

/**
 * Field errors are shown next to their fields; the form-level line says so in the user's language,
 * and spells out errors on list entries (services.0: no service has id …) that have no input of their own.
 */
function formMessage(locale: Locale, state: FormState): string {
  const fields = Object.entries(state.fields ?? {});
  if (!fields.length) return state.error ?? '';
  const listed = fields.filter(([k]) => /\.\d+$/.test(k) || k === '_').map(([k, v]) => `${k}: ${v}`);
  return [t(locale, 'common.checkFields'), ...listed].join(' ');
}

/** Save / cancel plus the form-level message (conflicts, or "check the fields marked in red"). */
export function FormFooter({ locale, state, pending, onCancel, submitLabel }: {
  locale: Locale;
  state: FormState;
  pending: boolean;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  return (
    <div className="flex flex-col gap-2">
      {state.error && <Notice kind="error">{formMessage(locale, state)}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={pending}>{submitLabel ?? t(locale, 'common.save')}</Button>
        {onCancel && <Button onClick={onCancel}>{t(locale, 'common.cancel')}</Button>}
      </div>
    </div>
  );
}
