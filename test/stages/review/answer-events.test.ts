import { afterAll, describe, expect, it } from 'vitest';
import { apiWorld, seedDataset } from '../../helpers/api.js';
import { backends } from '../../helpers/stores.js';

// An answer's lineage is in the audit log: who saved what, what it replaced, and the record's move
// into review. The answer path writes these in the same transaction as the rows they describe.
for (const b of backends()) {
  describe.skipIf(b.skip)(`events of answers on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('logs a draft, the submission that replaces it, the move into review once, and a skip', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        for (const u of ['ann1', 'ann2']) await w.addUser(u, 'annotator');
        const d = await seedDataset(store, 'ds', 3, { overlap: 2, members: ['ann1', 'ann2'] });
        const id = (await w.call('ann1', 'GET', '/api/datasets/ds/next')).json().record.id as number;
        const save = (u: string, label: string, status: string) =>
          w.call(u, 'POST', `/api/records/${id}/responses`, { values: { sentiment: label }, status });
        expect((await save('ann1', 'negative', 'draft')).status).toBe(200);
        const saved = (await save('ann1', 'positive', 'submitted')).json().response;
        expect((await w.call('ann2', 'GET', '/api/datasets/ds/next')).json().record.id).toBe(id);
        const other = (await save('ann2', 'neutral', 'submitted')).json().response;

        const responseEvents = (await store.events.list({ entityType: 'response' })).filter((e) =>
          e.action.startsWith('response.'),
        );
        expect(
          responseEvents.map(({ actor, action, entityId, datasetId, before, after }) => ({
            actor,
            action,
            entityId,
            datasetId,
            before,
            after,
          })),
        ).toEqual([
          {
            actor: 'user:ann1',
            action: 'response.create',
            entityId: String(saved.id),
            datasetId: d.id,
            before: null,
            after: { values: { sentiment: 'negative' }, status: 'draft', reason: null },
          },
          {
            actor: 'user:ann1',
            action: 'response.update',
            entityId: String(saved.id),
            datasetId: d.id,
            before: { values: { sentiment: 'negative' }, status: 'draft' },
            after: { values: { sentiment: 'positive' }, status: 'submitted', reason: null },
          },
          {
            actor: 'user:ann2',
            action: 'response.create',
            entityId: String(other.id),
            datasetId: d.id,
            before: null,
            after: { values: { sentiment: 'neutral' }, status: 'submitted', reason: null },
          },
        ]);
        // The record went into review with the first submission, and only then.
        const recordEvents = await store.events.list({ entityType: 'record', entityId: id });
        expect(recordEvents.map((e) => [e.action, e.actor, e.before, e.after, e.datasetId])).toEqual([
          ['record.update', 'user:ann1', { status: 'new' }, { status: 'in_review' }, d.id],
        ]);

        const next = (await w.call('ann1', 'GET', '/api/datasets/ds/next')).json().record.id as number;
        expect((await w.call('ann1', 'POST', `/api/records/${next}/skip`)).status).toBe(200);
        const skips = (await store.events.list({ entityType: 'record', entityId: next })).filter(
          (e) => e.action === 'record.skip',
        );
        expect(skips.map((e) => [e.actor, e.datasetId])).toEqual([['user:ann1', d.id]]);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
