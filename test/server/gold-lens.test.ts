import { afterAll, describe, expect, it } from 'vitest';
import { apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

/** What an annotator can learn of a record by any endpoint, without its id and answers. */
const seen = (r: Record<string, unknown>) => {
  const { id: _id, externalId: _e, fields: _f, metadata: _m, ...rest } = r;
  return rest;
};

for (const b of backends()) {
  describe.skipIf(b.skip)(`gold records to annotators, ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('cannot be told apart from ordinary records by status, version, lists, counts or answering', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        await w.addUser('rev', 'reviewer');
        const d = await seedDataset(store, 'ds', 4, { members: ['ann', 'rev'], overlap: 1 });
        const [plain, gold, plain2, gold2] = await recordIdsOf(store, d.id);
        await store.gold.set(
          d.id,
          [gold!, gold2!].map((recordId) => ({ recordId, values: { sentiment: 'positive' } })),
          'test',
        );

        // Read by id: the same status and version as an ordinary record nobody answered.
        const get = async (id: number) => (await w.call('ann', 'GET', `/api/records/${id}`)).json().record;
        expect(seen(await get(gold!))).toEqual(seen(await get(plain!)));
        // Listed like the others, and under the same status filter.
        const list = (await w.call('ann', 'GET', '/api/datasets/ds/records?status=new')).json();
        expect(list.records.map((r: { id: number }) => r.id)).toEqual([plain, gold, plain2, gold2]);
        expect(list.total).toBe(4);
        expect((await w.call('ann', 'GET', '/api/datasets/ds/records?status=accepted')).json().total).toBe(0);
        // Counts: nothing accepted, everything waiting.
        const ds = (await w.call('ann', 'GET', '/api/datasets/ds')).json().dataset;
        expect(ds.byStatus).toEqual({ new: 4 });
        const all = (await w.call('ann', 'GET', '/api/datasets')).json().datasets;
        expect(all[0].byStatus).toEqual({ new: 4 });
        const progress = (await w.call('ann', 'GET', '/api/datasets/ds/progress')).json();
        expect(progress.byStatus).toEqual({ new: 4 });
        expect(progress.remainingResponses).toBe(4);

        // Answering one not handed out answers as an ordinary record does.
        const body = { values: { sentiment: 'negative' }, status: 'submitted' };
        const a1 = await w.call('ann', 'POST', `/api/records/${plain2}/responses`, body);
        const a2 = await w.call('ann', 'POST', `/api/records/${gold2}/responses`, body);
        expect(a2.status).toBe(a1.status);
        expect(a2.status).toBe(200);
        expect(seen({ ...(await get(gold2!)), response: null })).toEqual(
          seen({ ...(await get(plain2!)), response: null }),
        );

        // Reviewers see the truth.
        const truth = (await w.call('rev', 'GET', `/api/records/${gold}`)).json().record;
        expect(truth.status).toBe('accepted');
        expect((await w.call('rev', 'GET', '/api/datasets/ds')).json().dataset.byStatus.accepted).toBe(2);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
