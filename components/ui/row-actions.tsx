'use client';
import { useTransition } from 'react';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Button } from './button';

/** Edit and delete for one table row. A refused delete (409: something still refers to it) is reported up. */
export function RowActions({ locale, label, onEdit, onDelete, onResult }: {
  locale: Locale;
  label: string;
  onEdit: () => void;
  onDelete: () => Promise<FormState>;
  onResult: (state: FormState) => void;
}) {
  const [pending, start] = useTransition();
  return (
    <div className="flex justify-end gap-1">
      <Button variant="ghost" className="h-7 px-2" onClick={onEdit} aria-label={`${t(locale, 'common.edit')} ${label}`}>
        {t(locale, 'common.edit')}
      </Button>
      <Button
        variant="ghost"
        className="h-7 px-2 text-red-700"
        disabled={pending}
        aria-label={`${t(locale, 'common.delete')} ${label}`}
        onClick={() => {
          if (!window.confirm(`${t(locale, 'common.confirmDelete')} (${label})`)) return;
          start(async () => onResult(await onDelete()));
        }}
      >
        {t(locale, 'common.delete')}
      </Button>
    </div>
  );
}
