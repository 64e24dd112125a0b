import type { ReactNode } from 'react';
import type { SessionUser } from '@/lib/auth/permissions';
import { SideMenu } from './side-menu';
import { TopBar } from './top-bar';

export function ConsoleShell({ user, unsaved, children }: { user: SessionUser; unsaved: boolean; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <SideMenu locale={user.locale} role={user.role} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar user={user} unsaved={unsaved} />
        <main className="min-w-0 flex-1 px-6 py-5">{children}</main>
      </div>
    </div>
  );
}
