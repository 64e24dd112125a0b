import type { ReactNode } from 'react';
import { pageUser } from '@/lib/auth/current';
import { hasUnsavedChanges } from '@/lib/queries/save-status';
import { ConsoleShell } from '@/components/shell/console-shell';
import { setLocaleAction, signOutAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  return <ConsoleShell user={user} unsaved={await hasUnsavedChanges()} actions={{ setLocale: setLocaleAction, signOut: signOutAction }}>{children}</ConsoleShell>;
}
