/** Two languages, one lookup. Server components take the locale from the signed-in user. */
import { en, type MessageKey } from './en';
import { ko } from './ko';

export type Locale = 'en' | 'ko';
export type { MessageKey };
export const LOCALES: readonly Locale[] = ['en', 'ko'];
export const LOCALE_COOKIE = 'lvs_locale';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ko };

export function t(locale: Locale, key: MessageKey, vars: Record<string, string> = {}): string {
  const text = dictionaries[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

export const isLocale = (v: unknown): v is Locale => v === 'en' || v === 'ko';

/** For signed-out pages: the remembered cookie, else the browser's first preference among ours. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('ko')) return 'ko';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
