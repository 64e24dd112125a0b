import Link from 'next/link';
import { can, type SessionUser } from '@/lib/auth/permissions';
import { t, type Locale } from '@/lib/i18n';
import { Badge } from '@/components/ui/page';
import { LocaleSwitch } from './locale-switch';

/** The server actions the shell offers, handed down by the layout. */
export interface ShellActions {
  setLocale: (locale: Locale) => Promise<unknown>;
  signOut: () => Promise<void>;
}

export function TopBar({ user, unsaved, actions }: { user: SessionUser; unsaved: boolean; actions: ShellActions }) {
  const l = user.locale;
  return (
    <header className="flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-1.5 md:px-6">
      <div className="flex items-center gap-2" data-testid="save-status">
        {unsaved && <Badge tone="amber">{t(l, 'top.unsaved')}</Badge>}
        {unsaved && can(user, 'save-state') && (
          <Link href="/save" className="inline-flex h-7 items-center rounded border border-amber-600 bg-amber-500 px-3 text-sm font-semibold text-white hover:bg-amber-600">
            {t(l, 'top.saveState')}
          </Link>
        )}
      </div>
      <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <LocaleSwitch locale={l} setLocale={actions.setLocale} />
        <span className="text-slate-600" data-testid="current-user">
          <span className="font-medium text-slate-900">{user.username}</span> · {t(l, `role.${user.role}`)}
        </span>
        <form action={actions.signOut}>
          <button type="submit" className="text-slate-600 hover:text-slate-900 hover:underline">{t(l, 'top.signOut')}</button>
        </form>
      </div>
    </header>
  );
}
