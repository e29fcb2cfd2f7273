import { afterAll, describe, expect, it } from 'vitest';
import { apiWorld } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

for (const b of backends()) {
  describe.skipIf(b.skip)(`disabled accounts on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('lose their tokens for good: enabling the user again does not revive them', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('boss', 'admin');
        await w.addUser('ann', 'annotator');
        expect((await w.call('ann', 'GET', '/api/me')).status).toBe(200);
        expect((await w.call('boss', 'PATCH', '/api/users/ann', { disabled: true })).status).toBe(200);
        expect((await w.call('ann', 'GET', '/api/me')).status).toBe(401);
        expect((await w.call('boss', 'PATCH', '/api/users/ann', { disabled: false })).status).toBe(200);
        expect((await w.call('ann', 'GET', '/api/me')).status).toBe(401);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
