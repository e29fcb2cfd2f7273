import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { hashPassword, verifyPassword } from '../../src/server/auth/password.js';
import { SESSION_COOKIE } from '../../src/server/auth/session-cookie.js';
import { ensureOwner } from '../../src/server/first-start.js';
import { backends } from '../helpers/stores.js';

describe('password hashes', () => {
  it('verify the right password only, and never store it', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(h);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`API authentication on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('logs in with a HttpOnly SameSite cookie, demands CSRF on cookie writes, accepts tokens, limits guesses', async () => {
      const store = await backend.open();
      const app = await buildServer(store, { loginRateLimit: 5 });
      try {
        const first = await ensureOwner(store);
        expect(first?.username).toBe('owner');
        expect(await ensureOwner(store)).toBeUndefined();
        await store.users.create(
          {
            username: 'ana',
            role: 'annotator',
            languages: ['es'],
            passwordHash: await hashPassword('s3cret-pass'),
          },
          'test',
        );

        expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
          ok: true,
          db: store.dialect,
        });
        const anonymous = await app.inject({ method: 'GET', url: '/api/me' });
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.json()).toEqual({ error: { code: 'unauthenticated', message: 'log in first' } });

        const wrong = await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'ana', password: 'nope' },
        });
        expect(wrong.statusCode).toBe(401);
        expect(wrong.json()).toEqual({
          error: { code: 'unauthenticated', message: 'wrong user name or password' },
        });
        const nobody = await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'bob', password: 'nope' },
        });
        expect(nobody.json()).toEqual(wrong.json());

        const login = await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'ana', password: 's3cret-pass' },
        });
        expect(login.statusCode).toBe(200);
        const setCookie = String(login.headers['set-cookie']);
        expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
        expect(setCookie).toContain('HttpOnly');
        expect(setCookie).toContain('SameSite=Strict');
        const cookie = setCookie.split(';')[0]!;
        const { csrfToken, user } = login.json();
        expect(user).toEqual({
          id: expect.any(Number),
          username: 'ana',
          role: 'annotator',
          languages: ['es'],
        });

        const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
        expect(me.json().user.username).toBe('ana');
        // A write with the cookie alone (what a forged cross-site form sends) is refused.
        expect(
          (await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie } })).statusCode,
        ).toBe(403);
        const out = await app.inject({
          method: 'POST',
          url: '/api/logout',
          headers: { cookie, 'x-csrf-token': csrfToken },
        });
        expect(out.statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
          401,
        );

        const token = await store.auth.createApiToken(user.id, 'script', 'test');
        const viaToken = await app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(viaToken.json().user.username).toBe('ana');
        const forged = await app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: 'Bearer tdm_forged' },
        });
        expect(forged.statusCode).toBe(401);
        expect(forged.json()).toEqual({
          error: { code: 'unauthenticated', message: 'unknown or revoked token' },
        });

        // Five attempts a minute per address and name (a success starts again); the sixth is refused
        // even with the right password, and says when to try again.
        for (let i = 0; i < 5; i++)
          await app.inject({
            method: 'POST',
            url: '/api/login',
            payload: { username: 'ana', password: 'guess' },
          });
        const limited = await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'ana', password: 's3cret-pass' },
        });
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.code).toBe('rate_limited');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        const other = await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'owner', password: first!.password },
        });
        expect(other.statusCode).toBe(200);
      } finally {
        await app.close();
        await store.close();
      }
    });
  });
}
