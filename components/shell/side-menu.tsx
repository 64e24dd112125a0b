'use client';
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Role } from '@/lib/cluster/primitives';
import { t, type Locale } from '@/lib/i18n';
import { menuFor } from './menu-items';

/** A column beside the page from 768 px; on a phone a bar whose menu opens over the page. */
export function SideMenu({ locale, role }: { locale: Locale; role: Role }) {
  const path = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  return (
    <nav aria-label="main" className="shrink-0 border-slate-800 bg-slate-900 text-slate-300 md:w-52 md:border-r">
      <div className="flex h-11 items-center border-b border-slate-800 pr-2">
        <Link href="/cluster" className="flex flex-1 items-center gap-2 px-4 text-sm font-semibold text-white">
          <span className="inline-block h-2.5 w-2.5 rounded-sm bg-sky-400" aria-hidden />
          {t(locale, 'app.name')}
        </Link>
        <button type="button" className="rounded px-2 py-1 text-sm text-slate-200 hover:bg-slate-800 md:hidden" aria-expanded={open} aria-controls="main-menu" onClick={() => setOpen(!open)} data-action="menu">
          ☰ {t(locale, 'top.menu')}
        </button>
      </div>
      <div id="main-menu" className={`${open ? 'block' : 'hidden'} pb-3 md:block`}>
      {menuFor(role).map((section) => (
        <div key={section.title} className="px-2 pt-4">
          <p className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t(locale, section.title)}</p>
          <ul>
            {section.items.map((item) => {
              const active = path === item.href || path.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={`block rounded px-2 py-1.5 text-sm ${active ? 'bg-slate-700 text-white' : 'hover:bg-slate-800 hover:text-white'}`}
                  >
                    {t(locale, item.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      </div>
    </nav>
  );
}
