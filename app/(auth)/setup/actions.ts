'use server';
import { redirect } from 'next/navigation';
import { setupSchema } from '@/lib/cluster/schemas';
import { createFirstAdmin, needsSetup } from '@/lib/auth/users';
import { signIn } from '@/lib/auth/next-auth';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { text } from '@/lib/api/form-data';
import { invalid } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { requestLocale } from '../locale';

/** Creates the first admin, then signs in as that admin. Refused once any user exists. */
export async function setupAction(fd: FormData): Promise<FormState> {
  if (!(await needsSetup())) redirect('/login');
  const input = { username: text(fd, 'username'), password: text(fd, 'password') };
  const state = await runAction(async () => {
    const { username, password } = parseForm(setupSchema, input);
    // Typed twice: a typo here would lock the only admin out of a console with no default password.
    if (text(fd, 'passwordConfirm') !== input.password) throw invalid({ passwordConfirm: t(await requestLocale(), 'auth.passwordMismatch') });
    await createFirstAdmin(username, password);
  });
  if (!state.ok) return state;
  await signIn('credentials', { ...input, username: input.username.trim(), redirectTo: '/cluster' });
  return state;
}
