import { afterAll, describe, expect, it } from 'vitest';
import { datasetSettings } from '../../src/core/settings.js';
import { contextOf } from '../../src/store/store.js';
import { apiWorld, labelSettings, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

for (const b of backends()) {
  describe.skipIf(b.skip)(`gold records on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('mixes gold into queues unseen, measures annotators on it, and pauses one clearly below the bar', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        for (const u of ['good', 'bad']) await w.addUser(u, 'annotator');
        await w.addUser('adm', 'admin');
        const d = await seedDataset(store, 'g', 60, { members: ['good', 'bad'], overlap: 2 });
        const quality = { gold: { rate: 0.3, minAccuracy: 0.8, minAnswers: 4, pause: true } };
        await contextOf(store)
          .db.updateTable('datasets')
          .set({ settings: JSON.stringify(datasetSettings.parse({ ...labelSettings(2), quality })) })
          .where('id', '=', d.id)
          .execute();
        const ids = await recordIdsOf(store, d.id);
        const goldIds = new Set(ids.slice(50));
        await store.gold.set(
          d.id,
          [...goldIds].map((recordId) => ({ recordId, values: { sentiment: 'positive' } })),
          'test',
        );

        const served: Record<string, { gold: number; total: number }> = {
          good: { gold: 0, total: 0 },
          bad: { gold: 0, total: 0 },
        };
        let pausedMessage = '';
        for (let i = 0; i < 30; i++) {
          for (const u of ['good', 'bad']) {
            const n = await w.call(u, 'GET', '/api/datasets/g/next');
            if (n.status === 403) {
              expect(n.json().error.code).toBe('paused');
              pausedMessage = n.json().error.message;
              continue;
            }
            expect(n.status).toBe(200);
            const rec = n.json().record;
            const isGold = goldIds.has(rec.id);
            // Nothing in what an annotator sees tells a gold record apart.
            expect(['new', 'in_review']).toContain(rec.status);
            if (isGold) expect(rec.status).toBe('new');
            expect(rec.finalValues).toBeNull();
            served[u]!.total++;
            if (isGold) served[u]!.gold++;
            const label = u === 'good' || !isGold ? 'positive' : 'negative';
            const r = await w.call(u, 'POST', `/api/records/${rec.id}/responses`, {
              values: { sentiment: label },
              status: 'submitted',
            });
            expect(r.status).toBe(200);
          }
        }
        // Gold came at roughly the rate, and to both.
        expect(served.good!.gold).toBeGreaterThanOrEqual(4);
        expect(served.good!.gold / served.good!.total).toBeGreaterThan(0.1);
        expect(served.good!.gold / served.good!.total).toBeLessThan(0.5);
        // 'bad' missed every gold record: paused once the interval's top fell below 80%.
        expect(pausedMessage).toMatch(
          /You are paused on 'g': accuracy on gold records 0% \(95% interval 0%–\d+%\) over 4 records, below 80%/,
        );
        expect(served.bad!.gold).toBe(4);
        // Gold answers never count towards a record's overlap: no gold record is in review.
        const gold = await contextOf(store)
          .db.selectFrom('records')
          .select(['status', 'open_slots'])
          .where('gold_values', 'is not', null)
          .execute();
        expect(gold.every((g) => g.status === 'accepted' && g.open_slots === 0)).toBe(true);

        // An admin resumes them.
        expect((await w.call('adm', 'POST', '/api/datasets/g/members', { resume: ['bad'] })).status).toBe(
          200,
        );
        expect((await w.call('bad', 'GET', '/api/datasets/g/next')).status).toBe(200);
        // Annotators do not find gold records by browsing either.
        const listed = (await w.call('good', 'GET', '/api/datasets/g/records?status=accepted')).json();
        expect(listed.total).toBe(0);
        expect((await w.call('adm', 'GET', '/api/datasets/g/records?status=accepted')).json().total).toBe(10);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
