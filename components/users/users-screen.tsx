'use client';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { PageHeader } from '@/components/ui/page';
import { EmptyRow, Table, Th } from '@/components/ui/table';
import { CreateUserForm } from './create-user-form';
import { UserRow, type UserView } from './user-row';

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
          <tr>
            <Th>{t(locale, 'auth.username')}</Th>
            <Th>{t(locale, 'user.role')}</Th>
            <Th>{t(locale, 'user.status')}</Th>
            <Th>{t(locale, 'user.resetPassword')}</Th>
            <Th>{t(locale, 'user.created')}</Th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 && <EmptyRow cols={5}>{t(locale, 'common.empty')}</EmptyRow>}
          {users.map((u) => <UserRow key={u.id} locale={locale} user={u} isMe={u.id === me} update={update} />)}
        </tbody>
      </Table>
    </>
  );
}
