/**
 * What every server action answers: `{ ok }` or `{ error, fields }` (FormState, in lib/wire). Field
 * keys are the schema's dotted paths (ssh.port, persistence.timeout), which are also the form inputs' names.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiError } from '../errors';
import type { FormState } from '../wire';
import { parseWith } from './respond';

export type { FormState };

/** A form's input through its schema; the form shows the field errors, the banner says where to look. */
export const parseForm = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseWith(schema, input, 'check the fields marked in red');

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
