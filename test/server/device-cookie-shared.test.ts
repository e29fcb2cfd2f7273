import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { DEVICE_COOKIE } from '../../src/server/auth/device-cookie.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { openStore } from '../../src/store/connect.js';
import { backends } from '../helpers/stores.js';

// Behind several servers on one store, a browser one server recognises (its device cookie) is
// recognised by all: the cookie key is the store's, not the process's (issue 16, item 6).

const limits = { perAddressAndAccount: 3, perAccount: 3, perAddress: 3, global: 5 };
const PASSWORD = 'a long enough passphrase';

for (const b of backends()) {
  describe.skipIf(b.skip)(`device cookies across servers on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('a cookie set by one server exempts its browser on another from the limits attackers used up', async () => {
      const storeA = await backend.open();
      await storeA.users.create(
        { username: 'ana', role: 'annotator', passwordHash: await hashPassword(PASSWORD) },
        'test',
      );
      // A second connection to the same store, as a second server process would have.
      const storeB = await openStore(backend.url());
      const a = await buildServer(storeA, { loginLimits: limits });
      const bApp = await buildServer(storeB, { loginLimits: limits });
      try {
        const login = (app: typeof a, password: string, cookie?: string, ip = '10.0.0.1') =>
          app.inject({
            method: 'POST',
            url: '/api/login',
            remoteAddress: ip,
            payload: { username: 'ana', password },
            ...(cookie ? { headers: { cookie } } : {}),
          });
        const first = await login(a, PASSWORD);
        expect(first.statusCode).toBe(200);
        const device = String(first.headers['set-cookie'])
          .split(/,(?=\s*\w+=)/)
          .map((c) => c.trim().split(';')[0]!)
          .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!;
        expect(device).toBeDefined();

        // Attackers use up server B's limits for ana.
        for (let i = 0; i < 8; i++) await login(bApp, 'wrong guess', undefined, `10.9.0.${i}`);
        expect((await login(bApp, PASSWORD)).statusCode).toBe(429);
        // The browser server A knows is known to server B.
        expect((await login(bApp, PASSWORD, device)).statusCode).toBe(200);
        // A forged cookie is not.
        const forged = `${device.slice(0, device.indexOf('.') + 1)}${'A'.repeat(43)}`;
        expect((await login(bApp, PASSWORD, forged)).statusCode).toBe(429);
      } finally {
        await a.close();
        await bApp.close();
        await storeB.close();
        await storeA.close();
      }
    });

    it('the key is made once per store, even when servers ask at the same time, and survives restarts', async () => {
      const first = await backend.open();
      const others = await Promise.all([openStore(backend.url()), openStore(backend.url())]);
      try {
        const keys = await Promise.all([first, ...others].map((s) => s.serverSecrets.get('device-cookie')));
        expect(keys[0]).toHaveLength(32);
        for (const k of keys) expect(k.equals(keys[0]!)).toBe(true);
        await others[0]!.close();
        const again = await openStore(backend.url());
        others[0] = again;
        expect((await again.serverSecrets.get('device-cookie')).equals(keys[0]!)).toBe(true);
        expect((await again.serverSecrets.get('another')).equals(keys[0]!)).toBe(false);
      } finally {
        for (const s of [first, ...others]) await s.close();
      }
    });
  });
}
