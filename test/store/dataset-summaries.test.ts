import { afterAll, describe, expect, it } from 'vitest';
import { seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

for (const b of backends()) {
  describe.skipIf(b.skip)(`dataset summaries on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('lists names and counts without settings, as the full list does', async () => {
      const store = await backend.open();
      try {
        await seedDataset(store, 'beta', 3);
        await seedDataset(store, 'alpha', 2);
        const summaries = await store.datasets.summaries();
        expect(summaries.map((s) => [s.name, s.records, s.byStatus])).toEqual([
          ['alpha', 2, { new: 2 }],
          ['beta', 3, { new: 3 }],
        ]);
        // Counts only: `datasets list` reads no settings.
        for (const s of summaries) expect(s).not.toHaveProperty('settings');
        const full = await store.datasets.list();
        expect(full.map((d) => [d.id, d.name, d.records, d.createdAt])).toEqual(
          summaries.map((s) => [s.id, s.name, s.records, s.createdAt]),
        );
        expect(full[0]!.settings.questions.length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });
  });
}
