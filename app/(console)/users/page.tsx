import { redirect } from 'next/navigation';
import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listUsers } from '@/lib/auth/users';
import { UsersScreen } from '@/components/users/users-screen';
import { createUserAction, updateUserAction } from './actions';

export default async function UsersPage() {
  const user = await pageUser();
  if (!can(user, 'manage-users')) redirect('/cluster');
  const users = await listUsers();
  return (
    <UsersScreen
      locale={user.locale}
      me={user.id}
      users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString().slice(0, 10) }))}
      create={createUserAction}
      update={updateUserAction}
    />
  );
}
