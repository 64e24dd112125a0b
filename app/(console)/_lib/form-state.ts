/**
 * What every server action answers: `{ ok }` or `{ error, fields }`. Field keys are the schema's
 * dotted paths (ssh.port, persistence.timeout), which are also the form inputs' names.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { fieldErrors } from '@/lib/cluster/schemas';
import { ApiError, invalid } from '@/lib/errors';

export interface FormState {
  ok?: boolean;
  error?: string;
  fields?: Record<string, string>;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalid(fieldErrors(r.error), 'check the fields marked in red');
  return r.data;
}

/** Runs a write; closed-set errors become form state, anything else is logged and hidden. */
export async function runAction(write: () => Promise<unknown>): Promise<FormState> {
  try {
    await write();
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.message, fields: e.fields ?? {} };
    console.error('action: unexpected error', e instanceof Error ? e.message : 'unknown');
    return { ok: false, error: 'internal error', fields: {} };
  }
  // Every screen shows model state (and the top bar's unsaved badge), so refresh them all.
  revalidatePath('/', 'layout');
  return { ok: true };
}
