/**
 * API tokens: shown once, stored as a sha256 hash, each with a name, an optional expiry and the
 * time it was last used. A user lists and revokes their own; an admin may revoke anyone's.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { db } from '../db';
import { forbidden, notFound } from '../errors';
import { appendAudit, type Actor } from '../queries/write';
import { can, type SessionUser } from './permissions';
import { toSessionUser } from './users';
import type { TokenView } from '../wire';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** last-used is written at most once a minute per token: a busy script must not write on every call. */
const LAST_USED_PRECISION_MS = 60_000;

export const tokenCreateSchema = z.strictObject({
  name: z.string({ error: 'must be text' }).trim().max(64, 'must be at most 64 characters').regex(/^[\p{L}\p{N} ._-]*$/u, 'may hold letters, digits, space, dot, dash and underscore').default(''),
  expiresInDays: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 3650').max(3650, 'must be between 1 and 3650').nullable().default(null),
});
export type TokenCreate = z.output<typeof tokenCreateSchema>;

export type { TokenView };

export async function createApiToken(user: SessionUser, input: TokenCreate = { name: '', expiresInDays: null }, now = new Date()): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const token = `lvs_${crypto.randomBytes(32).toString('base64url')}`;
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const row = await db.apiToken.create({ data: { tokenHash: sha256(token), userId: user.id, name: input.name, expiresAt } });
  return { id: row.id, token, expiresAt: expiresAt?.toISOString() ?? null };
}

export async function userForToken(token: string, now = new Date()): Promise<SessionUser | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!row || row.user.disabled) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return toSessionUser(row.user);
}

export async function listTokens(userId: string, now = new Date()): Promise<TokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => ({
    id: r.id, name: r.name, createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null, lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expired: r.expiresAt !== null && r.expiresAt.getTime() <= now.getTime(),
  }));
}

export async function revokeToken(actor: SessionUser, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    // Someone else's token is "not found" to a non-admin: its existence is not theirs to learn.
    if (!row || (row.userId !== actor.id && !can(actor, 'manage-users'))) throw notFound('token');
    if (row.userId !== actor.id && !can(actor, 'manage-users')) throw forbidden();
    await tx.apiToken.delete({ where: { id } });
    await appendAudit(tx, actor as Actor, { action: 'revoke', entity: 'token', entityId: id, before: { name: row.name, user: row.userId } });
  });
}
