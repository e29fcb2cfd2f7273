import type { Caller } from '../../core/actor.js';
import { health, loginBody, ok, session } from '../../core/api/users.js';
import { TandemError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_SECRET, DeviceCookies } from '../auth/device-cookie.js';
import { DEFAULT_LOGIN_LIMITS, LoginGuard } from '../auth/login-guard.js';
import { dummyHash, verifyPassword } from '../auth/password.js';
import { ScryptGate } from '../auth/scrypt-gate.js';
import { SESSION_COOKIE, type SessionOptions } from '../auth/session-cookie.js';
import { defineRoute, type Route } from '../route.js';

const publicUser = (c: Caller) => ({ id: c.id, username: c.username, role: c.role, languages: c.languages });

export function authRoutes(store: Store, options: SessionOptions): Route[] {
  const ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
  const guard = new LoginGuard({
    ...DEFAULT_LOGIN_LIMITS,
    ...(options.loginRateLimit ? { perAddressAndAccount: options.loginRateLimit } : {}),
    ...options.loginLimits,
  });
  const gate = new ScryptGate();
  // The key is the store's, made once and shared: behind several servers on one store a browser one
  // of them recognises is recognised by all. Read on the first login, then kept.
  let devicesKey: Promise<DeviceCookies> | undefined;
  const deviceCookies = () =>
    (devicesKey ??= store.serverSecrets.get(DEVICE_COOKIE_SECRET).then(
      (secret) => new DeviceCookies(secret),
      (e: unknown) => {
        devicesKey = undefined; // a failed read is tried again on the next login
        throw e;
      },
    ));
  // Started now, so the first login with an unknown name does not take two hashes' time.
  const dummy = dummyHash();
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
      responses: {
        200: '{user, csrfToken}',
        401: 'wrong user name or password',
        429: 'too many attempts (Retry-After says when to try again)',
      },
      handler: async ({ request, body, reply }) => {
        const devices = await deviceCookies();
        const found = await store.auth.passwordHashOf(body.username);
        const hash = found?.hash ?? null;
        const known =
          found && hash ? devices.verify(request.cookies[DEVICE_COOKIE], found.user.id, hash) : false;
        const verdict = guard.attempt(request.ip, body.username, known);
        if (!verdict.ok)
          throw new TandemError('rate_limited', 'too many login attempts; wait a minute and try again', {
            details: { retryAfterSeconds: verdict.retryAfterMs / 1000 },
          });
        // Unknown names and accounts without a password verify against a dummy hash: the same
        // answer in the same time, so timing does not tell which names exist.
        const against = hash ?? (await dummy);
        const ok = await gate.run(known, () => verifyPassword(body.password, against));
        if (!found || !hash || !ok || found.user.disabled)
          throw new TandemError('unauthenticated', 'wrong user name or password');
        guard.succeeded(request.ip, body.username, known);
        const session = await store.auth.createSession(found.user.id, ttl);
        const cookie = {
          httpOnly: true,
          sameSite: 'strict',
          secure: options.secureCookies ?? false,
          path: '/',
        } as const;
        reply.setCookie(SESSION_COOKIE, session.secret, { ...cookie, maxAge: Math.floor(ttl / 1000) });
        reply.setCookie(DEVICE_COOKIE, devices.issue(found.user.id, hash), {
          ...cookie,
          path: '/api/login',
          maxAge: 365 * 24 * 60 * 60,
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
