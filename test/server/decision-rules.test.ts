import { afterAll, describe, expect, it } from 'vitest';
import { apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

/**
 * Every path that writes an answer or decides a record goes through the same lifecycle rules: the
 * review endpoint, the second review, bulk status, and the responses endpoints (not only `/next`).
 */
for (const b of backends()) {
  describe.skipIf(b.skip)(`decision and answer rules on every path, ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('refuses a reviewer their own answer, bulk accepts without answers, and flips of decided records', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        await w.addUser('rev', 'reviewer');
        await w.addUser('rita', 'reviewer');
        const ds = await seedDataset(store, 'ds', 6, { members: ['ann', 'rev', 'rita'] });
        const [a, bId, c, d] = await recordIdsOf(store, ds.id);
        const answer = (who: string, id: number, sentiment: string) =>
          w.call(who, 'POST', `/api/records/${id}/responses`, { values: { sentiment }, status: 'submitted' });

        // A reviewer answered record a: they may not accept (nor reject) it, anywhere.
        const own = await answer('rev', a!, 'positive');
        expect(own.status).toBe(200);
        const responseId = own.json().response.id;
        const review = await w.call('rev', 'POST', `/api/records/${a}/review`, {
          action: 'accept',
          responseId,
        });
        expect(review.status).toBe(403);
        expect(review.json().error.message).toBe('a reviewer never decides a record they answered');
        const bulkOwn = await w.call('rev', 'POST', '/api/datasets/ds/bulk', {
          recordIds: [a],
          action: { type: 'status', status: 'accepted' },
        });
        expect(bulkOwn.json()).toMatchObject({ updated: 0, failed: [{ id: a }] });
        expect((await store.records.get(a!)).status).toBe('in_review');
        // Someone else accepts it; the final values are the answer's.
        expect(
          (await w.call('rita', 'POST', `/api/records/${a}/review`, { action: 'accept', responseId })).status,
        ).toBe(200);

        // Bulk accept of a record nobody answered: refused, the record stays as it was.
        const empty = await w.call('rita', 'POST', '/api/datasets/ds/bulk', {
          recordIds: [bId],
          action: { type: 'status', status: 'accepted' },
        });
        expect(empty.json()).toMatchObject({ updated: 0, failed: [{ id: bId }] });
        expect((await store.records.get(bId!)).status).toBe('new');

        // Bulk accept of an answered record takes its answer as the final values.
        await answer('ann', c!, 'negative');
        const ok = await w.call('rita', 'POST', '/api/datasets/ds/bulk', {
          recordIds: [c],
          action: { type: 'status', status: 'accepted' },
        });
        expect(ok.json()).toEqual({ updated: 1, failed: [] });
        const accepted = await store.records.get(c!);
        expect(accepted.status).toBe('accepted');
        expect(accepted.finalValues?.sentiment?.value).toBe('negative');

        // A decided record is not flipped by a bulk status.
        const flip = await w.call('rita', 'POST', '/api/datasets/ds/bulk', {
          recordIds: [c, a],
          action: { type: 'status', status: 'rejected' },
        });
        expect(flip.json()).toMatchObject({ updated: 0, failed: [{ id: c }, { id: a }] });
        expect((await store.records.get(c!)).status).toBe('accepted');
        // Rejecting an undecided record stays possible.
        expect(
          (
            await w.call('rita', 'POST', '/api/datasets/ds/bulk', {
              recordIds: [d],
              action: { type: 'status', status: 'rejected' },
            })
          ).json(),
        ).toEqual({ updated: 1, failed: [] });
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('holds pause and language limits on the responses endpoints, not only in /next', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('enna', 'annotator', ['en']);
        await w.addUser('rev', 'reviewer');
        const ds = await seedDataset(store, 'ds', 4, { languages: ['en', 'fr'], members: ['enna', 'rev'] });
        const [en, fr, en2, fr2] = await recordIdsOf(store, ds.id);
        const body = { values: { sentiment: 'positive' }, status: 'submitted' };
        const french = await w.call('enna', 'POST', `/api/records/${fr}/responses`, body);
        expect(french.status).toBe(403);
        expect(french.json().error).toEqual({
          code: 'forbidden',
          message: `record ${fr} is in 'fr'; you answer records in en`,
        });
        const bulk = await w.call('enna', 'POST', '/api/datasets/ds/bulk', {
          recordIds: [fr2, en2],
          action: { type: 'respond', ...body },
        });
        expect(bulk.json()).toMatchObject({ updated: 1, failed: [{ id: fr2 }] });
        expect((await w.call('enna', 'POST', `/api/records/${en}/responses`, body)).status).toBe(200);

        const rev = (await store.users.find('rev'))!;
        await store.members.setPaused(ds.id, rev.id, 'accuracy 40% on gold', 'system');
        const paused = await w.call('rev', 'POST', `/api/records/${fr}/responses`, body);
        expect(paused.status).toBe(403);
        expect(paused.json().error.code).toBe('paused');
        const pausedBulk = await w.call('rev', 'POST', '/api/datasets/ds/bulk', {
          recordIds: [fr2],
          action: { type: 'respond', ...body },
        });
        expect(pausedBulk.json()).toMatchObject({ updated: 0, failed: [{ id: fr2 }] });
        const answers = await store.responses.forRecords([fr!, fr2!]);
        expect([...answers.values()].flat()).toEqual([]);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('answers 404 to a non-member for a dataset or record that exists, as for one that does not', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        await seedDataset(store, 'mine', 1, { members: ['ann'] });
        const hidden = await seedDataset(store, 'hidden', 1);
        const [id] = await recordIdsOf(store, hidden.id);
        const pairs = [
          ['/api/datasets/hidden', '/api/datasets/nope'],
          [`/api/records/${id}`, '/api/records/999999'],
          ['/api/datasets/hidden/records', '/api/datasets/nope/records'],
        ];
        for (const [exists, missing] of pairs) {
          const r1 = await w.call('ann', 'GET', exists!);
          const r2 = await w.call('ann', 'GET', missing!);
          expect(r1.status, exists).toBe(404);
          expect(r2.status, missing).toBe(404);
          expect(r1.json().error.code).toBe(r2.json().error.code);
        }
        const write = await w.call('ann', 'POST', `/api/records/${id}/responses`, {
          values: { sentiment: 'positive' },
          status: 'submitted',
        });
        expect(write.status).toBe(404);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
