'use server';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { actionUser } from '@/lib/auth/current';
import { signOut } from '@/lib/auth/next-auth';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n';
import { setUserLocale } from '@/lib/queries/user-locale';
import { runAction, type FormState } from '@/lib/api/form-action';

/** Any signed-in user may choose their own language; the cookie carries it to the login page. */
export async function setLocaleAction(locale: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('read');
    if (!isLocale(locale)) return;
    await setUserLocale(user.id, locale);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
    revalidatePath('/', 'layout');
  });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
