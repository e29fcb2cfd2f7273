import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { DEVICE_COOKIE, DeviceCookies } from '../../src/server/auth/device-cookie.js';
import { DEFAULT_LOGIN_LIMITS, LoginGuard } from '../../src/server/auth/login-guard.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { ScryptGate } from '../../src/server/auth/scrypt-gate.js';
import { backends } from '../helpers/stores.js';

describe('the login guard', () => {
  const limits = { perAddressAndAccount: 3, perAddress: 5, perAccount: 3, global: 8, windowMs: 60_000 };

  it('limits per address and account, per address, per account and overall, in a sliding window', () => {
    let t = 0;
    const g = new LoginGuard(limits, () => t);
    for (let i = 0; i < 3; i++) expect(g.attempt('a', 'ana', false).ok).toBe(true);
    expect(g.attempt('a', 'ana', false)).toMatchObject({ ok: false, limit: 'perAddressAndAccount' });
    expect(g.attempt('a', 'bob', false).ok).toBe(true);
    expect(g.attempt('a', 'cy', false).ok).toBe(true);
    expect(g.attempt('a', 'dee', false)).toMatchObject({ ok: false, limit: 'perAddress' });
    // Many places, one account.
    expect(g.attempt('b', 'ana', false)).toMatchObject({ ok: false, limit: 'perAccount' });
    // Overall: 5 attempts so far; three more places fill the global window.
    expect(g.attempt('c', 'x', false).ok).toBe(true);
    expect(g.attempt('d', 'y', false).ok).toBe(true);
    expect(g.attempt('e', 'z', false).ok).toBe(true);
    const global = g.attempt('f', 'w', false);
    expect(global).toMatchObject({ ok: false, limit: 'global', retryAfterMs: 60_000 });
    t = 60_001;
    expect(g.attempt('a', 'ana', false).ok).toBe(true);
  });

  it('lets a known device in while attackers exhaust its account, its address and the global limit', () => {
    const g = new LoginGuard(limits, () => 0);
    for (let i = 0; i < 20; i++) g.attempt(i % 2 ? 'nat' : `bot${i}`, 'ana', false);
    expect(g.attempt('nat', 'ana', false).ok).toBe(false);
    expect(g.attempt('nat', 'ana', true).ok).toBe(true);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const g = new LoginGuard({ ...DEFAULT_LOGIN_LIMITS, global: 1e9, perAccount: 1e9 }, () => 0);
    for (let i = 0; i < 30_000; i++) g.attempt(`10.0.${i}`, `u${i}`, false);
    const maps = g as unknown as Record<string, Map<string, unknown>>;
    expect(maps.byPair!.size).toBeLessThanOrEqual(10_000);
    expect(maps.byAddress!.size).toBeLessThanOrEqual(10_000);
  });
});

describe('the scrypt gate', () => {
  it('runs two at once, queues a bounded number, known devices first, and refuses beyond', async () => {
    const gate = new ScryptGate(2, 2);
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const job = (name: string) => () =>
      new Promise<void>((resolve) => {
        order.push(name);
        releases.push(resolve);
      });
    const runs = [gate.run(false, job('u1')), gate.run(false, job('u2')), gate.run(false, job('u3'))];
    runs.push(gate.run(false, job('u4')), gate.run(true, job('known')));
    await expect(gate.run(false, job('u5'))).rejects.toMatchObject({ code: 'rate_limited' });
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(runs);
    expect(order).toEqual(['u1', 'u2', 'known', 'u3', 'u4']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('device cookies', () => {
  it('name one account and die with its password', () => {
    const d = new DeviceCookies();
    const c = d.issue(7, 'scrypt$a');
    expect(d.verify(c, 7, 'scrypt$a')).toBe(true);
    expect(d.verify(c, 8, 'scrypt$a')).toBe(false);
    expect(d.verify(c, 7, 'scrypt$b')).toBe(false);
    expect(d.verify(`7.${'A'.repeat(43)}`, 7, 'scrypt$a')).toBe(false);
    expect(new DeviceCookies().verify(c, 7, 'scrypt$a')).toBe(false);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`login under attack on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('keeps a known device able to log in while others guess its password', async () => {
      const store = await backend.open();
      const app = await buildServer(store, {
        loginLimits: { perAddressAndAccount: 3, perAccount: 3, perAddress: 3, global: 5 },
      });
      try {
        await store.users.create(
          {
            username: 'ana',
            role: 'annotator',
            passwordHash: await hashPassword('a long enough passphrase'),
          },
          'test',
        );
        const login = (password: string, cookie?: string, ip = '10.0.0.1') =>
          app.inject({
            method: 'POST',
            url: '/api/login',
            remoteAddress: ip,
            payload: { username: 'ana', password },
            ...(cookie ? { headers: { cookie } } : {}),
          });
        const first = await login('a long enough passphrase');
        expect(first.statusCode).toBe(200);
        const device = String(first.headers['set-cookie'])
          .split(/,(?=\s*\w+=)/)
          .map((c) => c.trim().split(';')[0]!)
          .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!;
        expect(device).toBeDefined();
        // Attackers from the same address and from elsewhere use up every limit.
        for (let i = 0; i < 8; i++) await login('wrong guess', undefined, i % 2 ? '10.0.0.1' : `10.9.0.${i}`);
        expect((await login('a long enough passphrase')).statusCode).toBe(429);
        expect((await login('a long enough passphrase', device)).statusCode).toBe(200);
        // Unknown names are refused as wrong passwords are, through the same limits.
        const unknown = await app.inject({
          method: 'POST',
          url: '/api/login',
          remoteAddress: '10.5.5.5',
          payload: { username: 'nobody', password: 'whatever' },
        });
        expect([401, 429]).toContain(unknown.statusCode);
      } finally {
        await app.close();
        await store.close();
      }
    });
  });
}
