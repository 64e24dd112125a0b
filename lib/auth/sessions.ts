/**
 * Session revocation. A session cookie (Auth.js JWT) names its user and the user's session
 * version at sign-in; every request compares it with the stored one. A password change, a role
 * change, disabling the user and signing out bump the version, which ends every session of that
 * user at its next request, live streams included.
 */
import { decode } from 'next-auth/jwt';
import type { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { logAuthError } from './auth-logger';
import type { SessionUser } from './permissions';
import { authSecret } from './secret';
import { toSessionUser } from './users';

export type SessionClaims = { uid?: unknown; sv?: unknown };

/** Auth.js's cookie names: plain over http, __Secure- over https. */
export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export async function currentSessionVersion(userId: string): Promise<number> {
  return (await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } }))?.sessionVersion ?? 0;
}

/** The user a session names, if it is still valid: the user exists, is enabled, and the version matches. */
export async function userForSession(claims: SessionClaims | null | undefined): Promise<SessionUser | null> {
  if (!claims || typeof claims.uid !== 'string' || typeof claims.sv !== 'number') return null;
  const user = await db.user.findUnique({ where: { id: claims.uid } });
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  return toSessionUser(user);
}

/** Ends every session of the user (inside the caller's transaction when given). */
export async function endSessions(userId: string, tx: Prisma.TransactionClient | typeof db = db): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The session user from a request's own cookie header (API routes: no dependency on Next's request scope). */
export async function userFromSessionCookie(request: Request): Promise<SessionUser | null> {
  const header = request.headers.get('cookie') ?? '';
  for (const name of SESSION_COOKIES) {
    const token = cookieValue(header, name);
    if (!token) continue;
    try {
      return await userForSession((await decode({ token, secret: authSecret(), salt: name })) as SessionClaims | null);
    } catch (e) {
      logAuthError(Object.assign(e instanceof Error ? e : new Error('bad session'), { type: 'JWTSessionError' }));
      return null;
    }
  }
  return null;
}
