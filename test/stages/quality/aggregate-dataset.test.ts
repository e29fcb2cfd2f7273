import { afterAll, describe, expect, it } from 'vitest';
import { aggregateDataset } from '../../../src/stages/quality/aggregate-dataset.js';
import { apiWorld, seedDataset } from '../../helpers/api.js';
import { backends } from '../../helpers/stores.js';

// Per record, what annotators a, b and c answer.
const ANSWERS = [
  ['positive', 'positive', 'positive'],
  ['positive', 'negative', 'negative'],
  ['positive', 'negative', 'neutral'],
];

for (const b of backends()) {
  describe.skipIf(b.skip)(`aggregation into final values on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('stores the method and confidence per question, and accepts only records sure enough', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        const users = ['a', 'b', 'c'];
        for (const u of users) await w.addUser(u, 'annotator');
        await seedDataset(store, 'ag', 4, { overlap: 3, members: users });
        const ids: number[] = [];
        for (const [k, u] of users.entries()) {
          for (let i = 0; i < 3; i++) {
            const rec = (await w.call(u, 'GET', '/api/datasets/ag/next')).json().record;
            if (k === 0) ids.push(rec.id);
            await w.call(u, 'POST', `/api/records/${rec.id}/responses`, {
              values: { sentiment: ANSWERS[ids.indexOf(rec.id)]![k] },
              status: 'submitted',
            });
          }
        }
        const r = await aggregateDataset(store, await store.datasets.get('ag'), {
          acceptAbove: 0.6,
          actor: 'test',
        });
        expect(r).toMatchObject({ records: 3, accepted: 2, tied: 1 });
        const [unanimous, split, tie] = await Promise.all(ids.map((id) => store.records.get(id)));
        expect(unanimous!.finalValues!.sentiment).toMatchObject({
          value: 'positive',
          method: 'majority',
          confidence: 1,
          decidedBy: null,
        });
        expect(unanimous!.status).toBe('accepted');
        expect(split!.finalValues!.sentiment).toMatchObject({ value: 'negative', method: 'majority' });
        expect(split!.finalValues!.sentiment!.confidence).toBeCloseTo(2 / 3);
        expect(split!.status).toBe('accepted');
        // A three-way tie is settled by the option order but left for a reviewer.
        expect(tie!.finalValues!.sentiment!.value).toBe('positive');
        expect(tie!.status).toBe('in_review');
        // The fourth record has no answers: untouched.
        const dawid = await aggregateDataset(store, await store.datasets.get('ag'), {
          method: 'dawid_skene',
          actor: 'test',
        });
        expect(dawid.records).toBe(1);
        expect((await store.records.get(ids[2]!)).finalValues!.sentiment!.method).toBe('dawid_skene');
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
