import type { Caller } from '../../core/actor.js';
import { health, loginBody, ok, session } from '../../core/api/users.js';
import { TandemError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE, type SessionOptions } from '../auth/session-cookie.js';
import { defineRoute, type Route } from '../route.js';

const publicUser = (c: Caller) => ({ id: c.id, username: c.username, role: c.role, languages: c.languages });

export function authRoutes(store: Store, options: SessionOptions): Route[] {
  const ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      tag: 'auth',
      summary: 'Liveness and which store the server uses',
      access: 'public',
      response: { 200: health },
      handler: async () => ({ ok: true, db: store.dialect }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/login',
      tag: 'auth',
      summary: 'Log in: sets the session cookie and returns the CSRF token writes must echo',
      access: 'public',
      response: { 200: session },
      body: loginBody,
      // A user name and a password: kilobytes would be generous.
      bodyLimit: 8 * 1024,
      responses: { 200: '{user, csrfToken}', 401: 'wrong user name or password', 429: 'too many attempts' },
      config: {
        rateLimit: {
          max: options.loginRateLimit ?? 10,
          timeWindow: 60_000,
          // Per address and user name: one attacker cannot lock everybody out, nor guess fast.
          keyGenerator: (request: { ip: string; body?: unknown }) =>
            `${request.ip}:${String((request.body as { username?: unknown })?.username ?? '')}`,
        },
      },
      handler: async ({ body, reply }) => {
        const found = await store.auth.passwordHashOf(body.username);
        // The same answer (and about the same time) whether the user exists or not.
        const ok = found?.hash ? await verifyPassword(body.password, found.hash) : false;
        if (!found || !ok || found.user.disabled)
          throw new TandemError('unauthenticated', 'wrong user name or password');
        const session = await store.auth.createSession(found.user.id, ttl);
        reply.setCookie(SESSION_COOKIE, session.secret, {
          httpOnly: true,
          sameSite: 'strict',
          secure: options.secureCookies ?? false,
          path: '/',
          maxAge: Math.floor(ttl / 1000),
        });
        return { user: publicUser({ ...found.user, via: 'session' }), csrfToken: session.csrfToken };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/logout',
      tag: 'auth',
      summary: 'End the session',
      access: 'public',
      response: { 200: ok },
      handler: async ({ request, reply }) => {
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) await store.auth.deleteSession(cookie);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/me',
      tag: 'auth',
      summary: 'Who is calling, and their CSRF token when they use a session',
      access: 'user',
      response: { 200: session },
      handler: async ({ caller }) => ({
        user: publicUser(caller),
        ...(caller.csrfToken ? { csrfToken: caller.csrfToken } : {}),
      }),
    }),
  ];
}
