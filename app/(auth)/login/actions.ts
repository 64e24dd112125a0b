'use server';
import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/next-auth';
import { t } from '@/lib/i18n';
import type { FormState } from '@/lib/wire';
import { text } from '@/lib/api/form-data';
import { requestLocale } from '../locale';

export async function loginAction(fd: FormData): Promise<FormState> {
  try {
    await signIn('credentials', { username: text(fd, 'username').trim(), password: text(fd, 'password'), redirectTo: '/cluster' });
  } catch (e) {
    // signIn answers success with a redirect (thrown); only Auth.js errors are failures.
    if (!(e instanceof AuthError)) throw e;
    const throttled = (e as AuthError & { code?: string }).code === 'throttled';
    return { ok: false, error: t(await requestLocale(), throttled ? 'auth.throttled' : 'auth.badCredentials'), fields: {} };
  }
  return { ok: true };
}
