'use client';
/**
 * Submits a form to a server action without React's automatic form reset, so whatever the user
 * typed stays in the inputs when the action answers with field errors.
 */
import { useState, useTransition, type FormEvent } from 'react';
import type { FormState } from '@/lib/wire';

export function useFormAction(action: (fd: FormData) => Promise<FormState>, onOk?: (form: HTMLFormElement) => void) {
  const [state, setState] = useState<FormState>({});
  const [pending, startTransition] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    startTransition(async () => {
      const next = await action(fd);
      setState(next);
      if (next.ok) onOk?.(form);
    });
  };
  return { state, pending, onSubmit, fieldError: (name: string) => state.fields?.[name] };
}
