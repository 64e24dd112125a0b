/**
 * The signed-in user for a server entry point. Every page, server action and API route calls one of
 * these itself; the session only names the user and its session version (lib/auth/sessions.ts);
 * role and status are read fresh each time.
 */
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { forbidden, unauthenticated } from '../errors';
import { auth } from './next-auth';
import { assertCan, type Permission, type SessionUser } from './permissions';
import { userForSession, userFromSessionCookie, type SessionClaims } from './sessions';
import { userForToken } from './tokens';

/** Once per request: the root layout (for <html lang>) and the page both ask. */
export const sessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as SessionClaims | null;
  return userForSession(session);
});

/** For pages: redirect to the login page when signed out. */
export async function pageUser(): Promise<SessionUser> {
  const user = await sessionUser();
  if (!user) redirect('/login');
  return user;
}

/** For server actions: throws the closed-set errors. */
export async function actionUser(permission: Permission): Promise<SessionUser> {
  const user = await sessionUser();
  if (!user) throw unauthenticated();
  assertCan(user, permission);
  return user;
}

/** For API routes: a bearer token, else the browser session. */
export async function requestUser(request: Request, permission: Permission): Promise<SessionUser> {
  const header = request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  // Only a request that carries cookies can hold a browser session; a browser write must come from
  // this console's own pages (SameSite=Lax already keeps most cross-site posts out).
  if (!bearer && request.method !== 'GET' && !sameOrigin(request)) throw forbidden('cross-site request refused');
  // The cookie is read from the request itself, so a stream can re-check it on every poll.
  const user = bearer ? await userForToken(bearer) : request.headers.get('cookie') ? await userFromSessionCookie(request) : null;
  if (!user) throw unauthenticated();
  assertCan(user, permission);
  return user;
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true; // not a browser-initiated cross-site request (curl, server-side fetch)
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
