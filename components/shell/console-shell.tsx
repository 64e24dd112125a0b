import type { ReactNode } from 'react';
import type { SessionUser } from '@/lib/auth/permissions';
import { SideMenu } from './side-menu';
import { TopBar, type ShellActions } from './top-bar';

export function ConsoleShell({ user, unsaved, actions, children }: { user: SessionUser; unsaved: boolean; actions: ShellActions; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <SideMenu locale={user.locale} role={user.role} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar user={user} unsaved={unsaved} actions={actions} />
        <main className="min-w-0 flex-1 px-3 py-4 md:px-6 md:py-5">{children}</main>
      </div>
    </div>
  );
}
