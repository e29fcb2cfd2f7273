import { afterAll, describe, expect, it } from 'vitest';
import { type ApiWorld, apiWorld, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

/** Both annotators answer every record of `ds` with the labels given, in order. */
async function annotateAll(w: ApiWorld, labels: Record<string, string[]>) {
  for (const [user, answers] of Object.entries(labels)) {
    for (const label of answers) {
      const n = (await w.call(user, 'GET', '/api/datasets/ds/next')).json();
      const r = await w.call(user, 'POST', `/api/records/${n.record.id}/responses`, {
        values: { sentiment: label },
        status: 'submitted',
      });
      expect(r.status).toBe(200);
    }
  }
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`review round on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('accepts one answer, edits a final version, returns a record with a comment, rejects one', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('a1', 'annotator');
        await w.addUser('a2', 'annotator');
        await w.addUser('rev', 'reviewer');
        await w.addUser('ann', 'annotator');
        await seedDataset(store, 'ds', 4, { overlap: 2, members: ['a1', 'a2', 'rev', 'ann'] });
        await annotateAll(w, {
          a1: ['positive', 'negative', 'neutral', 'positive'],
          a2: ['positive', 'positive', 'neutral', 'negative'],
        });
        // Annotators cannot review.
        expect((await w.call('ann', 'GET', '/api/datasets/ds/next?round=review')).status).toBe(403);

        const next = async () =>
          (await w.call('rev', 'GET', '/api/datasets/ds/next?round=review')).json()?.record;
        // The most disputed records come first (t1 and t3 split 1:1), then by id.
        const r0 = await next();
        expect(r0.externalId).toBe('t1');
        const chosen = r0.responses.find((x: { username: string }) => x.username === 'a2');
        const accepted = await w.call('rev', 'POST', `/api/records/${r0.id}/review`, {
          action: 'accept',
          responseId: chosen.id,
        });
        expect(accepted.status).toBe(200);
        expect(accepted.json().record.status).toBe('accepted');
        expect(accepted.json().record.finalValues.sentiment).toMatchObject({
          value: 'positive',
          method: 'reviewer',
          decidedBy: 'rev',
        });
        // A decided record takes no second decision.
        expect(
          (await w.call('rev', 'POST', `/api/records/${r0.id}/review`, { action: 'reject', comment: 'x' }))
            .status,
        ).toBe(409);

        const r1 = await next();
        expect(r1.externalId).toBe('t3');
        const edited = await w.call('rev', 'POST', `/api/records/${r1.id}/review`, {
          action: 'edit',
          values: { sentiment: 'neutral', note: 'both were wrong' },
          comment: 'mixed message; neutral',
        });
        expect(edited.json().record.finalValues.sentiment.value).toBe('neutral');
        expect(edited.json().record.comments.map((c: { body: string }) => c.body)).toEqual([
          'mixed message; neutral',
        ]);
        const invalid = await w.call('rev', 'POST', `/api/records/${(await next()).id}/review`, {
          action: 'edit',
          values: { sentiment: 'angry' },
        });
        expect(invalid.status).toBe(400);

        const r2 = await next();
        expect(r2.externalId).toBe('t0');
        const returned = await w.call('rev', 'POST', `/api/records/${r2.id}/review`, {
          action: 'return',
          usernames: ['a1'],
          comment: 'read the guideline on sarcasm',
        });
        expect(returned.json().record.status).toBe('in_review');
        // a1 gets it back first, with their earlier answer as a draft and the reviewer's comment.
        const back = (await w.call('a1', 'GET', '/api/datasets/ds/next')).json().record;
        expect(back.id).toBe(r2.id);
        expect(back.response).toMatchObject({ status: 'draft', values: { sentiment: 'positive' } });
        expect(back.comments[0].body).toBe('read the guideline on sarcasm');
        expect(back.responses).toBeUndefined();
        // Until a1 answers again, the record is not in the review queue.
        const r3 = await next();
        expect(r3.externalId).toBe('t2');
        await w.call('a1', 'POST', `/api/records/${r2.id}/responses`, {
          values: { sentiment: 'negative' },
          status: 'submitted',
        });

        const rejected = await w.call('rev', 'POST', `/api/records/${r3.id}/review`, {
          action: 'reject',
          comment: 'off topic',
        });
        expect(rejected.json().record.status).toBe('rejected');
        expect((await next()).id).toBe(r2.id);

        const events = await store.events.list({ entityType: 'record', entityId: String(r1.id) });
        const decided = events.find((e) => (e.after as { status?: string } | null)?.status === 'accepted');
        expect(decided?.actor).toBe('user:rev');
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('never gives a reviewer a record they annotated themselves', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('a1', 'reviewer');
        await w.addUser('a2', 'annotator');
        await seedDataset(store, 'ds', 1, { overlap: 2, members: ['a1', 'a2'] });
        await annotateAll(w, { a1: ['positive'], a2: ['negative'] });
        expect((await w.call('a1', 'GET', '/api/datasets/ds/next?round=review')).status).toBe(204);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
