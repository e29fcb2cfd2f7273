import { afterAll, describe, expect, it } from 'vitest';
import { apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

const TEXTS = [
  'Mi pedido no llegó',
  'The refund 100% arrived',
  'お荷物が届きません',
  'under_score and 50% off',
  'plain',
];

for (const b of backends()) {
  describe.skipIf(b.skip)(`records endpoint on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('filters by status, text, metadata, language and failed checks, a page at a time', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('adm', 'admin');
        await w.addUser('ann', 'annotator');
        await w.addUser('ann2', 'annotator');
        const d = await seedDataset(store, 'ds', 25, {
          languages: ['es', 'en', 'ja', 'en', 'en'],
          members: ['ann', 'ann2'],
          texts: (i) => `${TEXTS[i % 5]} #${i}`,
        });
        const ids = await recordIdsOf(store, d.id);
        await store.checkResults.add([
          { recordId: ids[3]!, check: 'pii', passed: false, score: null, details: { found: ['email'] } },
          { recordId: ids[4]!, check: 'pii', passed: true, score: null, details: null },
        ]);
        const list = async (query: string, who = 'adm') => {
          const r = await w.call(who, 'GET', `/api/datasets/ds/records?${query}`);
          expect(r.status, query).toBe(200);
          return r.json();
        };
        const ext = (page: { records: { externalId: string }[] }) => page.records.map((r) => r.externalId);

        const p1 = await list('limit=10');
        expect(p1.total).toBe(25);
        expect(ext(p1)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
        const p3 = await list(`limit=10&after=${(await list(`limit=10&after=${p1.next}`)).next}`);
        expect(ext(p3)).toEqual(['t20', 't21', 't22', 't23', 't24']);
        expect(p3.next).toBeNull();
        expect(p3.offset).toBe(20);

        // Page N in one request, filters applied first; the same page as the cursor reached.
        const jumped = await list('limit=10&page=3');
        expect(ext(jumped)).toEqual(ext(p3));
        expect([jumped.offset, jumped.total, jumped.next]).toEqual([20, 25, null]);
        const p2 = await list('limit=4&page=2&meta.topic=billing');
        expect(p2.offset).toBe(4);
        expect(p2.total).toBe(12);
        expect(ext(p2)).toEqual(
          ext(
            await list(`limit=4&meta.topic=billing&after=${(await list('limit=4&meta.topic=billing')).next}`),
          ),
        );
        expect((await list('limit=10&page=9')).records).toEqual([]);
        const both = await w.call('adm', 'GET', '/api/datasets/ds/records?page=2&after=3');
        expect(both.status).toBe(400);
        expect((await both.json()).error.message).toContain('page or after');
        expect((await w.call('adm', 'GET', '/api/datasets/ds/records?page=0')).status).toBe(400);

        // Substring search, case-insensitive, in any script; % and _ are literal characters.
        expect(ext(await list('q=REFUND&limit=3'))).toEqual(['t1', 't6', 't11']);
        expect((await list(`q=${encodeURIComponent('届きません')}`)).total).toBe(5);
        expect((await list(`q=${encodeURIComponent('100%')}`)).total).toBe(5);
        // As a LIKE wildcard, '_' would match 'no llegó'.
        expect((await list(`q=${encodeURIComponent('o_l')}`)).total).toBe(0);
        expect((await list('language=ja')).total).toBe(5);
        expect((await list('meta.topic=billing')).total).toBe(12);
        expect(ext(await list('meta.turns=2&meta.topic=shipping'))).toEqual(['t2', 't8', 't14', 't20']);
        expect(ext(await list('check=pii&checkPassed=false'))).toEqual(['t3']);
        expect((await list('check=pii&checkPassed=true')).total).toBe(24);

        const bad = await w.call('adm', 'GET', '/api/datasets/ds/records?meta.turns=many');
        expect(bad.status).toBe(400);
        expect(bad.json().error.message).toContain("meta.turns: 'many' is not a number");
        expect((await w.call('adm', 'GET', '/api/datasets/ds/records?status=done')).status).toBe(400);

        // After an answer the record is in review; annotators see their own answer, not a colleague's.
        const next = (await w.call('ann', 'GET', '/api/datasets/ds/next')).json().record;
        await w.call('ann', 'POST', `/api/records/${next.id}/responses`, {
          values: { sentiment: 'positive' },
          status: 'submitted',
        });
        expect(ext(await list('status=in_review'))).toEqual(['t0']);
        expect((await list('status=new,in_review')).total).toBe(25);
        const asAnn = (await list('status=in_review', 'ann')).records[0];
        expect(asAnn.response.values).toEqual({ sentiment: 'positive' });
        expect(asAnn.responses).toBeUndefined();
        const asOther = (await list('status=in_review', 'ann2')).records[0];
        expect(asOther.response).toBeNull();
        expect(asOther.responses).toBeUndefined();
        expect((await list('status=in_review')).records[0].responses).toHaveLength(1);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
