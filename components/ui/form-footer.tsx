import type { FormState } from '@/app/(console)/_lib/form-state';
import { t, type Locale } from '@/lib/i18n';
import { Button } from './button';
import { Notice } from './page';

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
      {state.error && <Notice kind="error">{state.error}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={pending}>{submitLabel ?? t(locale, 'common.save')}</Button>
        {onCancel && <Button onClick={onCancel}>{t(locale, 'common.cancel')}</Button>}
      </div>
    </div>
  );
}
