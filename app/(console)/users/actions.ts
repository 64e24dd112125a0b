'use server';
import { actionUser } from '@/lib/auth/current';
import { userCreateSchema, userUpdateSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createUser, updateUser } from '@/lib/auth/users';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { text } from '@/lib/api/form-data';

export async function createUserAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const admin = await actionUser('manage-users');
    await createUser(admin, parseForm(userCreateSchema, { username: text(fd, 'username'), password: text(fd, 'password'), role: text(fd, 'role') }));
  });
}

/** One form per change (role, password, disabled): only the fields present are sent. */
export async function updateUserAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const admin = await actionUser('manage-users');
    const change: Record<string, unknown> = {};
    if (fd.has('role')) change.role = text(fd, 'role');
    if (fd.has('password')) change.password = text(fd, 'password');
    if (fd.has('disabled')) change.disabled = text(fd, 'disabled') === 'true';
    await updateUser(admin, parseForm(idSchema, text(fd, 'id')), parseForm(userUpdateSchema, change));
  });
}
