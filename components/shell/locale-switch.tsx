'use client';
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { t, LOCALES, type Locale } from '@/lib/i18n';

const NAMES: Record<Locale, string> = { ko: '한국어', en: 'English' };

/** `setLocale` is a server action the layout hands down (components import nothing from app/). */
export function LocaleSwitch({ locale, setLocale }: { locale: Locale; setLocale: (locale: Locale) => Promise<unknown> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div role="group" aria-label={t(locale, 'top.language')} className="flex overflow-hidden rounded border border-slate-300 text-xs">
      {LOCALES.slice().reverse().map((l) => (
        <button
          key={l}
          type="button"
          disabled={pending}
          aria-pressed={l === locale}
          onClick={() => start(async () => { await setLocale(l); router.refresh(); })}
          className={`px-2 py-1 ${l === locale ? 'bg-slate-800 text-white' : 'bg-white text-slate-600 hover:bg-slate-50'}`}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
