import { afterAll, describe, expect, it } from 'vitest';
import { newAccount } from '../../src/core/accounts.js';
import { createAccounts } from '../../src/server/auth/provision.js';
import { apiWorld, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

const GOOD_PASSWORD = 'correct horse battery staple';

for (const b of backends()) {
  describe.skipIf(b.skip)(`creating users and tokens over the API on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('creates an account with a password, memberships and a token that works at once', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('adm', 'admin');
        await w.addUser('ann', 'annotator');
        await seedDataset(store, 'ds', 3);

        const made = await w.call('adm', 'POST', '/api/users', {
          username: 'new1',
          role: 'annotator',
          languages: ['es'],
          password: GOOD_PASSWORD,
          datasets: ['ds'],
          token: 'labelling-script',
        });
        expect(made.status).toBe(201);
        const body = made.json() as {
          user: { username: string; languages: string[] };
          password?: string;
          token: string;
        };
        expect(body.user).toMatchObject({ username: 'new1', role: 'annotator', languages: ['es'] });
        // A given password is not echoed; the token is, once.
        expect(body.password).toBeUndefined();
        expect(body.token).toMatch(/^tdm_/);
        const asNew = await w.app.inject({
          method: 'GET',
          url: '/api/datasets/ds/next',
          headers: { authorization: `Bearer ${body.token}` },
        });
        expect(asNew.statusCode).toBe(200);
        expect(await store.members.list((await store.datasets.find('ds'))!.id)).toContain('new1');

        // Without a password: a generated one, shown once.
        const generated = await w.call('adm', 'POST', '/api/users', { username: 'new2', role: 'reviewer' });
        expect(generated.status).toBe(201);
        expect((generated.json() as { password: string }).password.length).toBeGreaterThanOrEqual(15);

        // A token for an existing user.
        const token = await w.call('adm', 'POST', '/api/users/new2/tokens', { label: 'ci' });
        expect(token.status).toBe(201);
        expect(token.json()).toMatchObject({
          user: 'new2',
          label: 'ci',
          token: expect.stringMatching(/^tdm_/),
        });
        const me = await w.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: `Bearer ${(token.json() as { token: string }).token}` },
        });
        expect(me.json().user.username).toBe('new2');
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('refuses what the CLI refuses, creating nothing', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('adm', 'admin');
        await w.addUser('own', 'owner');
        await w.addUser('rev', 'reviewer');
        const add = (body: object, who = 'adm') => w.call(who, 'POST', '/api/users', body);
        const before = (await store.auth.listUsers()).length;

        const weak = await add({ username: 'x1', role: 'annotator', password: 'password123' });
        expect(weak.status).toBe(400);
        expect(weak.json().error.message).toMatch(/password: a password needs at least 15 characters/);
        const common = await add({ username: 'x1', role: 'annotator', password: 'x1x1x1x1x1x1x1x1x1' });
        expect(common.status).toBe(400);
        const badName = await add({ username: 'a b', role: 'annotator' });
        expect(badName.status).toBe(400);
        const badRole = await add({ username: 'x2', role: 'boss' });
        expect(badRole.status).toBe(400);
        const taken = await add({ username: 'rev', role: 'annotator' });
        expect(taken.status).toBe(409);
        const noDataset = await add({ username: 'x3', role: 'annotator', datasets: ['nope'] });
        expect(noDataset.status).toBe(404);
        expect(noDataset.json().error.message).toContain("dataset 'nope' does not exist");
        expect((await add({ username: 'x4', role: 'owner' })).status).toBe(403);
        expect((await add({ username: 'x5', role: 'annotator' }, 'rev')).status).toBe(403);
        expect((await store.auth.listUsers()).length).toBe(before);

        // Tokens: admins only, never an owner's for an admin, not for a disabled user or no user.
        expect((await w.call('rev', 'POST', '/api/users/rev/tokens', {})).status).toBe(403);
        const owners = await w.call('adm', 'POST', '/api/users/own/tokens', {});
        expect(owners.status).toBe(403);
        expect((await w.call('own', 'POST', '/api/users/own/tokens', {})).status).toBe(201);
        expect((await w.call('adm', 'POST', '/api/users/ghost/tokens', {})).status).toBe(404);
        await store.users.update('rev', { disabled: true }, 'test');
        expect((await w.call('adm', 'POST', '/api/users/rev/tokens', {})).status).toBe(409);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('creates many accounts in one transaction: a late failure leaves none of them', async () => {
      const store = await backend.open();
      try {
        const d = await seedDataset(store, 'team', 1);
        await store.users.create({ username: 'late', role: 'annotator' }, 'test');
        const accounts = ['a1', 'a2', 'late'].map((username) =>
          newAccount.parse({ username, role: 'annotator', datasets: ['team'], token: 'bulk' }),
        );
        // Past the checks (another admin took the name meanwhile): the store refuses the third.
        await expect(createAccounts(store, accounts, 'test')).rejects.toThrow(/'late' already exists/);
        expect((await store.auth.listUsers()).map((u) => u.username)).toEqual(['late']);
        expect(await store.members.list(d.id)).toEqual([]);

        const made = await createAccounts(store, accounts.slice(0, 2), 'test');
        expect(made.map((m) => [m.user.username, !!m.password, m.token?.startsWith('tdm_')])).toEqual([
          ['a1', true, true],
          ['a2', true, true],
        ]);
        expect(await store.members.list(d.id)).toEqual(['a1', 'a2']);
      } finally {
        await store.close();
      }
    });
  });
}
