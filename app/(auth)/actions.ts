'use server';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n';

/** Signed out there is no user to store it on: the language lives in the cookie the pages read. */
export async function chooseLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
  revalidatePath('/', 'layout');
}
