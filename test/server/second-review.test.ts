import { afterAll, describe, expect, it } from 'vitest';
import { datasetSettings } from '../../src/core/settings.js';
import { datasetQa } from '../../src/stages/quality/qa.js';
import { sampledForSecondReview } from '../../src/stages/review/second-review.js';
import { wilsonInterval } from '../../src/stats/intervals.js';
import { contextOf } from '../../src/store/store.js';
import { apiWorld, labelSettings, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

describe('second-review sample', () => {
  it('takes the rate of records, fixed per record', () => {
    let n = 0;
    for (let id = 1; id <= 20_000; id++) if (sampledForSecondReview(0.1, id)) n++;
    expect(n / 20_000).toBeGreaterThan(0.09);
    expect(n / 20_000).toBeLessThan(0.11);
    expect(sampledForSecondReview(0.1, 1234)).toBe(sampledForSecondReview(0.1, 1234));
    expect(sampledForSecondReview(0, 1234)).toBe(false);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`second review on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('sends accepted records to another reviewer; a dispute goes back to review and counts as an error', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        await w.addUser('r1', 'reviewer');
        await w.addUser('r2', 'reviewer');
        const d = await seedDataset(store, 'sr', 3, { members: ['ann', 'r1', 'r2'] });
        await contextOf(store)
          .db.updateTable('datasets')
          .set({
            settings: JSON.stringify(
              datasetSettings.parse({ ...labelSettings(1), quality: { secondReview: { rate: 1 } } }),
            ),
          })
          .where('id', '=', d.id)
          .execute();
        for (let i = 0; i < 3; i++) {
          const rec = (await w.call('ann', 'GET', '/api/datasets/sr/next')).json().record;
          await w.call('ann', 'POST', `/api/records/${rec.id}/responses`, {
            values: { sentiment: 'positive' },
            status: 'submitted',
          });
          const rev = (await w.call('r1', 'GET', '/api/datasets/sr/next?round=review')).json().record;
          const ok = await w.call('r1', 'POST', `/api/records/${rev.id}/review`, {
            action: 'accept',
            responseId: rev.responses[0].id,
          });
          expect(ok.json().record.status).toBe('accepted');
        }
        // Whoever decided does not check their own decision.
        expect((await w.call('r1', 'GET', '/api/datasets/sr/next?round=second')).status).toBe(204);
        const verdicts = ['agree', 'disagree', 'agree'] as const;
        let disputed = 0;
        for (const verdict of verdicts) {
          const rec = (await w.call('r2', 'GET', '/api/datasets/sr/next?round=second')).json().record;
          expect(rec.status).toBe('accepted');
          const r = await w.call('r2', 'POST', `/api/records/${rec.id}/second-review`, {
            verdict,
            ...(verdict === 'disagree' ? { comment: 'sarcasm: negative' } : {}),
          });
          expect(r.status).toBe(200);
          if (verdict === 'disagree') {
            disputed = rec.id;
            expect(r.json().record.status).toBe('in_review');
          }
        }
        expect((await w.call('r2', 'GET', '/api/datasets/sr/next?round=second')).status).toBe(204);
        // The disputed record is back in the review queue with the reason.
        const back = (await w.call('r1', 'GET', '/api/datasets/sr/next?round=review')).json().record;
        expect(back.id).toBe(disputed);
        expect(back.comments.map((c: { body: string }) => c.body)).toContain('sarcasm: negative');
        const again = await w.call('r2', 'POST', `/api/records/${disputed}/second-review`, {
          verdict: 'agree',
        });
        expect(again.status).toBe(409);

        const qa = await datasetQa(store, await store.datasets.get('sr'));
        expect(qa.secondReview).toEqual({
          reviewed: 3,
          disagreed: 1,
          errorRate: 1 / 3,
          interval: wilsonInterval(1, 3),
        });
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
