import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Caller, createSession, deleteSession, passwordHashOf } from '../../store/auth.js';
import type { Store } from '../../store/connect.js';
import { SESSION_COOKIE, type ServerOptions } from '../app.js';
import { verifyPassword } from '../auth/password.js';

const loginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

const publicUser = (c: Caller) => ({ id: c.id, username: c.username, role: c.role, languages: c.languages });

export function registerAuthRoutes(app: FastifyInstance, store: Store, options: ServerOptions): void {
  const ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;

  app.post(
    '/api/login',
    {
      config: {
        rateLimit: {
          max: options.loginRateLimit ?? 10,
          timeWindow: 60_000,
          // Per address and user name: one attacker cannot lock everybody out, nor guess fast.
          keyGenerator: (request) =>
            `${request.ip}:${String((request.body as { username?: unknown })?.username ?? '')}`,
        },
      },
    },
    async (request, reply) => {
      const parsed = loginBody.safeParse(request.body);
      if (!parsed.success)
        return reply
          .code(400)
          .send({ error: { code: 'bad_input', message: 'username and password are required' } });
      const found = await passwordHashOf(store, parsed.data.username);
      // The same answer (and about the same time) whether the user exists or not.
      const ok = found?.hash ? await verifyPassword(parsed.data.password, found.hash) : false;
      if (!found || !ok || found.user.disabled)
        return reply
          .code(401)
          .send({ error: { code: 'unauthorized', message: 'wrong user name or password' } });
      const session = await createSession(store, found.user.id, ttl);
      reply.setCookie(SESSION_COOKIE, session.secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies ?? false,
        path: '/',
        maxAge: Math.floor(ttl / 1000),
      });
      return { user: publicUser({ ...found.user, via: 'session' }), csrfToken: session.csrfToken };
    },
  );

  app.post('/api/logout', async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await deleteSession(store, cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request, reply) => {
    const c = request.caller;
    if (!c) return reply.code(401).send({ error: { code: 'unauthorized', message: 'log in first' } });
    return { user: publicUser(c), ...(c.csrfToken ? { csrfToken: c.csrfToken } : {}) };
  });
}
