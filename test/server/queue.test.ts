import { afterAll, describe, expect, it } from 'vitest';
import { contextOf } from '../../src/store/store.js';
import { apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

for (const b of backends()) {
  describe.skipIf(b.skip)(`annotation queue on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('leases each record to at most `overlap` annotators, the same one until answered, then hands it to review', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        for (const u of ['ann1', 'ann2', 'ann3']) await w.addUser(u, 'annotator');
        await w.addUser('rev', 'reviewer');
        await seedDataset(store, 'ds', 3, { overlap: 2, members: ['ann1', 'ann2', 'ann3', 'rev'] });

        const n1 = (await w.call('ann1', 'GET', '/api/datasets/ds/next')).json();
        expect(n1.record.externalId).toBe('t0');
        expect(n1.lease.round).toBe('annotate');
        // Asking again (a reload) returns the same record, not a second lease.
        expect((await w.call('ann1', 'GET', '/api/datasets/ds/next')).json().record.id).toBe(n1.record.id);
        const n2 = (await w.call('ann2', 'GET', '/api/datasets/ds/next')).json();
        expect(n2.record.id).toBe(n1.record.id);
        // Two leases fill t0's two slots: the third annotator gets t1.
        const n3 = (await w.call('ann3', 'GET', '/api/datasets/ds/next')).json();
        expect(n3.record.externalId).toBe('t1');

        // Nothing to review until a record has all its answers.
        expect((await w.call('rev', 'GET', '/api/datasets/ds/next?round=review')).status).toBe(204);
        const submit = (u: string, id: number, label: string) =>
          w.call(u, 'POST', `/api/records/${id}/responses`, {
            values: { sentiment: label },
            status: 'submitted',
            timeSpentMs: 1200,
          });
        expect((await submit('ann1', n1.record.id, 'positive')).status).toBe(200);
        const rec = (await w.call('rev', 'GET', `/api/records/${n1.record.id}`)).json().record;
        expect(rec.status).toBe('in_review');
        expect((await w.call('rev', 'GET', '/api/datasets/ds/next?round=review')).status).toBe(204);
        expect((await submit('ann2', n1.record.id, 'negative')).status).toBe(200);
        // A third answer to a full record is refused: it is not leased to ann3 and has no free slot.
        const extra = await submit('ann3', n1.record.id, 'neutral');
        expect(extra.status).toBe(409);
        expect(extra.json().error.message).toContain('already has the 2 answers');

        const review = (await w.call('rev', 'GET', '/api/datasets/ds/next?round=review')).json();
        expect(review.record.id).toBe(n1.record.id);
        expect(review.record.responses.map((r: { username: string }) => r.username).sort()).toEqual([
          'ann1',
          'ann2',
        ]);
        // ann1 answered t0; their next is t1 (one slot left, ann3 holds the other), then t2.
        expect((await w.call('ann1', 'GET', '/api/datasets/ds/next')).json().record.externalId).toBe('t1');

        const progress = (await w.call('rev', 'GET', '/api/datasets/ds/progress')).json();
        expect(progress.total).toBe(3);
        expect(progress.awaitingReview).toBe(1);
        expect(progress.remainingResponses).toBe(4);
        expect(
          progress.annotators.map((a: { username: string; submitted: number }) => [a.username, a.submitted]),
        ).toEqual([
          ['ann1', 1],
          ['ann2', 1],
        ]);
        expect(progress.annotators[0].medianTimeMs).toBe(1200);
        // An annotator sees only their own row.
        const mine = (await w.call('ann2', 'GET', '/api/datasets/ds/progress')).json();
        expect(mine.annotators.map((a: { username: string }) => a.username)).toEqual(['ann2']);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('routes by language, lets annotators skip and discard with a reason, and keeps drafts leased', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('es', 'annotator', ['es']);
        await w.addUser('any', 'annotator');
        await seedDataset(store, 'ml', 6, { languages: ['en', 'es', 'ja'], members: ['es', 'any'] });
        const next = async (u: string) => (await w.call(u, 'GET', '/api/datasets/ml/next')).json()?.record;

        const r1 = await next('es');
        expect([r1.externalId, r1.language]).toEqual(['t1', 'es']);
        expect((await w.call('es', 'POST', `/api/records/${r1.id}/skip`)).status).toBe(200);
        const r2 = await next('es');
        expect([r2.externalId, r2.language]).toEqual(['t4', 'es']);
        // A draft keeps the record: a reload brings it back with the draft in it.
        await w.call('es', 'POST', `/api/records/${r2.id}/responses`, {
          values: { note: 'half done' },
          status: 'draft',
        });
        const again = await next('es');
        expect(again.id).toBe(r2.id);
        expect(again.response).toMatchObject({ status: 'draft', values: { note: 'half done' } });
        // A submission must answer every required question.
        const incomplete = await w.call('es', 'POST', `/api/records/${r2.id}/responses`, {
          values: { note: 'x' },
          status: 'submitted',
        });
        expect(incomplete.status).toBe(400);
        expect(incomplete.json().error.message).toContain('sentiment');
        const discard = await w.call('es', 'POST', `/api/records/${r2.id}/responses`, {
          status: 'discarded',
          reason: 'not Spanish at all',
        });
        expect(discard.json().response).toMatchObject({ status: 'discarded', reason: 'not Spanish at all' });
        // No Spanish record left for them (t1 skipped, t4 answered).
        expect((await w.call('es', 'GET', '/api/datasets/ml/next')).status).toBe(204);
        // The skipped record goes to someone else; the discarded one counts as answered.
        const seen: string[] = [];
        for (let i = 0; i < 5; i++) {
          const r = await next('any');
          if (!r) break;
          seen.push(r.externalId);
          await w.call('any', 'POST', `/api/records/${r.id}/responses`, {
            values: { sentiment: 'neutral' },
            status: 'submitted',
          });
        }
        expect(seen).toEqual(['t0', 't1', 't2', 't3', 't5']);
        expect((await w.call('any', 'GET', '/api/datasets/ml/next')).status).toBe(204);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('gives an abandoned record to someone else once its lease expires, and keeps a late answer', async () => {
      const store = await backend.open();
      const w = await apiWorld(store, { leaseMs: 150 });
      try {
        await w.addUser('slow', 'annotator');
        await w.addUser('fast', 'annotator');
        await seedDataset(store, 'ls', 1, { members: ['slow', 'fast'] });
        const held = (await w.call('slow', 'GET', '/api/datasets/ls/next')).json().record;
        expect((await w.call('fast', 'GET', '/api/datasets/ls/next')).status).toBe(204);
        await new Promise((r) => setTimeout(r, 250));
        expect((await w.call('fast', 'GET', '/api/datasets/ls/next')).json().record.id).toBe(held.id);
        // slow's lease ran out but their work is not thrown away.
        const late = await w.call('slow', 'POST', `/api/records/${held.id}/responses`, {
          values: { sentiment: 'positive' },
          status: 'submitted',
        });
        expect(late.status).toBe(200);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('gives named assignments only to the named annotators, first', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('adm', 'admin');
        await w.addUser('ana', 'annotator');
        await w.addUser('bo', 'annotator');
        const d = await seedDataset(store, 'na', 4, { members: ['ana', 'bo'] });
        const ids = await recordIdsOf(store, d.id);
        const a = await w.call('adm', 'POST', '/api/datasets/na/assignments', {
          usernames: ['bo'],
          recordIds: [ids[0], ids[3]],
        });
        expect(a.json()).toEqual({ assigned: 2 });
        expect((await w.call('ana', 'GET', '/api/datasets/na/next')).json().record.id).toBe(ids[1]);
        expect((await w.call('bo', 'GET', '/api/datasets/na/next')).json().record.id).toBe(ids[0]);
        const unknown = await w.call('adm', 'POST', '/api/datasets/na/assignments', {
          usernames: ['zed'],
          recordIds: [ids[0]],
        });
        expect(unknown.status).toBe(400);
        expect(unknown.json().error.message).toContain('zed');
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('never hands a record out beyond its overlap when 24 annotators race for 30 records', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        const users = Array.from({ length: 24 }, (_, i) => `u${i}`);
        for (const u of users) await w.addUser(u, 'annotator');
        await seedDataset(store, 'race', 30, { overlap: 3, members: users });
        await Promise.all(
          users.map(async (u) => {
            for (;;) {
              const n = await w.call(u, 'GET', '/api/datasets/race/next');
              if (n.status === 204) return;
              const r = await w.call(u, 'POST', `/api/records/${n.json().record.id}/responses`, {
                values: { sentiment: 'positive' },
                status: 'submitted',
              });
              expect(r.status).toBe(200);
            }
          }),
        );
        const counts = await contextOf(store)
          .db.selectFrom('responses')
          .select(['record_id', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('record_id')
          .execute();
        expect(counts).toHaveLength(30);
        expect(counts.every((c) => Number(c.n) === 3)).toBe(true);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
