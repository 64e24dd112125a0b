/** Auth.js with username/password credentials and JWT sessions; the role is re-read on every request. */
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { ApiError } from '../errors';
import { requestClientAddress } from '../net/client-address';
import { authLogger } from './auth-logger';
import { currentSessionVersion, endSessions } from './sessions';
import { authSecret } from './secret';
import { verifyCredentials } from './users';

class ThrottledSignin extends CredentialsSignin {
  code = 'throttled';
}

const loginSchema = z.object({ username: z.string().max(64), password: z.string().max(200) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  // server/ serves HTTPS by default: session cookies are then Secure (__Secure- prefix) whatever the Host says.
  useSecureCookies: process.env.LVS_TLS_ACTIVE === '1' ? true : undefined,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) return null;
        const address = requestClientAddress(request?.headers);
        try {
          const user = await verifyCredentials(parsed.data.username, parsed.data.password, address);
          return user ? { id: user.id, name: user.username, sv: await currentSessionVersion(user.id) } : null;
        } catch (e) {
          if (e instanceof ApiError && e.code === 'throttled') throw new ThrottledSignin();
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = (user as { sv?: number }).sv ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      const s = session as unknown as { uid?: string; sv?: number };
      s.uid = typeof token.uid === 'string' ? token.uid : undefined;
      s.sv = typeof token.sv === 'number' ? token.sv : undefined;
      return session;
    },
  },
  events: {
    // Signing out ends the session for real: the cookie alone would stay valid until it expires.
    async signOut(message) {
      const uid = 'token' in message ? message.token?.uid : undefined;
      if (typeof uid === 'string') await endSessions(uid);
    },
  },
});
