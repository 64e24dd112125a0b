/**
 * Users: first-admin setup, credential checks with throttling, admin management.
 * Failed logins back off per account (stored) and per client address (memory): see throttle.ts.
 */
import type { Role } from '../cluster/primitives';
import { conflict, notFound } from '../errors';
import { db } from '../db';
import { appendAudit, type Actor } from '../queries/write';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import type { SessionUser } from './permissions';
import { accountLockedUntil, assertMayTry, recordFailure, recordSuccess, unknownAccountLockedUntil } from './throttle';

export function toSessionUser(u: { id: string; username: string; role: string; locale: string }): SessionUser {
  return { id: u.id, username: u.username, role: u.role as Role, locale: u.locale === 'ko' ? 'ko' : 'en' };
}

export async function needsSetup(): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** Creates the first admin; refuses once any user exists (checked inside the write transaction). */
export async function createFirstAdmin(username: string, password: string): Promise<SessionUser> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw conflict('setup is done: an admin already exists');
    const user = await tx.user.create({ data: { username, passwordHash, role: 'admin' } });
    await appendAudit(tx, { username }, { action: 'setup', entity: 'user', entityId: user.id, after: { username, role: 'admin' } });
    return toSessionUser(user);
  });
}

/** Returns the user for good credentials, null for bad ones; throws `throttled` while locked (see throttle.ts). */
export async function verifyCredentials(username: string, password: string, address = 'unknown'): Promise<SessionUser | null> {
  const now = Date.now();
  const user = await db.user.findUnique({ where: { username } });
  assertMayTry(address, user ? user.lockedUntil : unknownAccountLockedUntil(username, now), now);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (ok && user && !user.disabled) {
    if (user.failedLogins > 0) await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
    recordSuccess(address);
    return toSessionUser(user);
  }
  recordFailure(address, user ? null : username, now);
  if (user) {
    const failures = user.failedLogins + 1;
    await db.user.update({ where: { id: user.id }, data: { failedLogins: failures, lockedUntil: accountLockedUntil(failures, now) } });
  }
  return null;
}

export async function getActiveUser(id: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id } });
  return user && !user.disabled ? toSessionUser(user) : null;
}

export { createApiToken, userForToken } from './tokens';

export const listUsers = () =>
  db.user.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, username: true, role: true, disabled: true, locale: true, createdAt: true } });

export async function createUser(actor: Actor, input: { username: string; password: string; role: Role }) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } })) throw conflict(`a user named ${input.username} already exists`);
    const u = await tx.user.create({ data: { username: input.username, passwordHash, role: input.role } });
    await appendAudit(tx, actor, { action: 'create', entity: 'user', entityId: u.id, after: { username: u.username, role: u.role } });
    return { id: u.id, username: u.username, role: u.role, disabled: u.disabled };
  });
}

export async function updateUser(actor: Actor, id: string, input: { role?: Role; password?: string; disabled?: boolean; locale?: 'en' | 'ko' }) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFound('user');
    const demotesLastAdmin = before.role === 'admin' && ((input.role && input.role !== 'admin') || input.disabled);
    if (demotesLastAdmin && (await tx.user.count({ where: { role: 'admin', disabled: false } })) <= 1) {
      throw conflict('this is the last active admin: make another admin first');
    }
    // A new password, another role or disabling ends every session of the user; a new password or
    // disabling also revokes their API tokens (a token outliving a password reset defeats the reset).
    const endsSessions = Boolean(passwordHash) || (input.role !== undefined && input.role !== before.role) || (input.disabled === true && !before.disabled);
    const u = await tx.user.update({
      where: { id },
      data: {
        role: input.role, disabled: input.disabled, locale: input.locale,
        ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
        ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (input.disabled || passwordHash) await tx.apiToken.deleteMany({ where: { userId: id } });
    const view = (x: typeof u) => ({ username: x.username, role: x.role, disabled: x.disabled, locale: x.locale });
    await appendAudit(tx, actor, { action: passwordHash ? 'reset-password' : 'update', entity: 'user', entityId: id, before: view(before), after: view(u) });
    return { id: u.id, username: u.username, role: u.role, disabled: u.disabled, locale: u.locale };
  });
}
