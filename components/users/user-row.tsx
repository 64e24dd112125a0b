'use client';
import { ROLES } from '@/lib/cluster/primitives';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Badge } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { Td } from '@/components/ui/table';

export interface UserView {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  createdAt: string;
}

/** Each change is its own small form, so a refused change (last admin) reports on its own row. */
export function UserRow({ locale, user, isMe, update }: { locale: Locale; user: UserView; isMe: boolean; update: (fd: FormData) => Promise<FormState> }) {
  const role = useFormAction(update);
  const status = useFormAction(update);
  const password = useFormAction(update, (form) => form.reset());
  const error = role.state.error ?? status.state.error ?? password.state.error;
  const fieldMsg = password.fieldError('password') ?? role.fieldError('role');
  return (
    <tr data-row={user.username}>
      <Td className="font-medium">
        {user.username} {isMe && <Badge tone="sky">{t(locale, 'user.you')}</Badge>}
        {(error || fieldMsg) && <p className="mt-1 text-xs font-normal text-red-600">{fieldMsg ? `${t(locale, fieldMsg === password.fieldError('password') ? 'auth.password' : 'user.role')}: ${fieldMsg}` : error}</p>}
      </Td>
      <Td>
        <form onSubmit={role.onSubmit} className="flex gap-1">
          <input type="hidden" name="id" value={user.id} />
          <select name="role" defaultValue={user.role} aria-label={`${t(locale, 'user.role')} ${user.username}`} className="h-7 rounded border border-slate-300 bg-white px-1 text-sm">
            {ROLES.map((r) => <option key={r} value={r}>{t(locale, `role.${r}`)}</option>)}
          </select>
          <Button type="submit" className="h-7 px-2" disabled={role.pending}>{t(locale, 'user.changeRole')}</Button>
        </form>
      </Td>
      <Td>
        <form onSubmit={status.onSubmit} className="flex items-center gap-2">
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="disabled" value={String(!user.disabled)} />
          <Badge tone={user.disabled ? 'red' : 'emerald'}>{t(locale, user.disabled ? 'user.disabled' : 'user.active')}</Badge>
          {!isMe && <Button type="submit" variant="ghost" className="h-7 px-2" disabled={status.pending}>{t(locale, user.disabled ? 'user.enable' : 'user.disable')}</Button>}
        </form>
      </Td>
      <Td>
        <form onSubmit={password.onSubmit} className="flex gap-1" autoComplete="off">
          <input type="hidden" name="id" value={user.id} />
          <input name="password" type="password" autoComplete="new-password" placeholder={t(locale, 'user.newPassword')} aria-label={`${t(locale, 'user.newPassword')} ${user.username}`} className="h-7 w-36 rounded border border-slate-300 px-2 text-sm" />
          <Button type="submit" className="h-7 px-2" disabled={password.pending}>{t(locale, 'user.resetPassword')}</Button>
        </form>
      </Td>
      <Td className="font-mono text-xs text-slate-500">{user.createdAt}</Td>
    </tr>
  );
}
