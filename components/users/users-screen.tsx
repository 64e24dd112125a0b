'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader } from '@/components/ui/page';
import { EmptyRow, Table, Th } from '@/components/ui/table';
import { CreateUserForm } from './create-user-form';
import { UserRow, type UserView } from './user-row';

// Each row is a UserRow with its own forms, so this table keeps its rows by hand.
const HEADERS = ['auth.username', 'user.role', 'user.status', 'user.resetPassword', 'user.created'] as const;

export function UsersScreen({ locale, me, users, create, update }: {
  locale: Locale;
  me: string;
  users: UserView[];
  create: (fd: FormData) => Promise<FormState>;
  update: (fd: FormData) => Promise<FormState>;
}) {
  return (
    <>
      <PageHeader title={t(locale, 'user.title')} />
      <CreateUserForm locale={locale} create={create} />
      <Table>
        <thead>
          <tr>{HEADERS.map((h) => <Th key={h}>{t(locale, h)}</Th>)}</tr>
        </thead>
        <tbody>
          {users.length === 0 && <EmptyRow cols={HEADERS.length}>{t(locale, 'common.empty')}</EmptyRow>}
          {users.map((u) => <UserRow key={u.id} locale={locale} user={u} isMe={u.id === me} update={update} />)}
        </tbody>
      </Table>
    </>
  );
}
