'use server';
import { revalidatePath } from 'next/cache';
import { actionUser } from '@/lib/auth/current';
import { createApiToken, revokeToken, tokenCreateSchema } from '@/lib/auth/tokens';
import { id as idSchema } from '@/lib/cluster/primitives';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { text } from '@/lib/api/form-data';

/** The new token travels back once, in this answer; it is never stored or shown again. */
export async function createTokenAction(fd: FormData): Promise<FormState & { token?: string }> {
  let token: string | undefined;
  const state = await runAction(async () => {
    const user = await actionUser('read');
    const days = text(fd, 'expiresInDays').trim();
    const input = parseForm(tokenCreateSchema, { name: text(fd, 'name'), expiresInDays: days === '' ? null : Number(days) });
    token = (await createApiToken(user, input)).token;
  });
  return token ? { ...state, token } : state;
}

export async function revokeTokenAction(fd: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    const user = await actionUser('read');
    await revokeToken(user, parseForm(idSchema, text(fd, 'id')));
  });
  revalidatePath('/tokens');
  return state;
}
