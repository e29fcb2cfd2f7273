import { afterAll, describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';
import { recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

/** What the five separate reads return for a record: `recordDetails` must return exactly this. */
async function separately(store: Store, id: number) {
  return {
    record: await store.records.get(id),
    suggestions: await store.suggestions.forRecords([id]),
    checks: await store.checkResults.forRecord(id),
    responses: (await store.responses.forRecords([id])).get(id) ?? [],
    comments: await store.comments.forRecord(id),
  };
}

const ARABIC = 'مرحبا بالعالم';
const CJK = '你好，世界。日本語のテキスト';
const EMOJI = '🎉👩‍👩‍👧🏳️‍🌈';
/** Quotes, backslashes, newlines, tabs, a control character and the JS line separators. */
const AWKWARD = 'say "hi" \\ and \'bye\'\nsecond line\r\n\ttabbed \u0007 bell \u2028 \u2029 </script>';

/** Moves a row to the end of its table's heap on PostgreSQL (an update writes a new tuple). */
async function touch(store: Store, table: 'suggestions' | 'check_results' | 'comments', id: number) {
  await contextOf(store)
    .db.updateTable(table)
    .set((eb) => ({ created_at: eb('created_at', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

async function firstId(store: Store, table: 'suggestions' | 'check_results' | 'comments', recordId: number) {
  const r = await contextOf(store)
    .db.selectFrom(table)
    .select('id')
    .where('record_id', '=', recordId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`record details on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    async function world() {
      const store = await backend.open();
      const d = await seedDataset(store, 'ds', 3, {
        overlap: 2,
        texts: (i) => [`${ARABIC} ${EMOJI}`, `${CJK} ${AWKWARD}`, 'plain'][i] as string,
      });
      const ids = (await recordIdsOf(store, d.id)) as [number, number, number];
      const users = {
        zoe: await store.users.create({ username: 'zoe', role: 'annotator' }, 'test'),
        ann: await store.users.create({ username: 'ann', role: 'annotator' }, 'test'),
        rev: await store.users.create({ username: 'rev', role: 'reviewer' }, 'test'),
      };
      return { store, ids, users };
    }

    it('returns exactly what the separate reads return, in the same order, tricky values included', async () => {
      const { store, ids, users } = await world();
      try {
        const [t0, t1] = ids;
        // Suggestions: JSON strings, arrays, objects, numbers, booleans, null; two agents, interleaved.
        await store.suggestions.replace('judge', [
          { recordId: t0, question: 'sentiment', value: 'positive', score: 0.75 },
          { recordId: t0, question: 'spans', value: [{ start: 0, end: 5, label: ARABIC }], score: null },
          { recordId: t1, question: 'sentiment', value: 'negative', score: 0.5 },
        ]);
        await store.suggestions.replace('model', [
          {
            recordId: t0,
            question: 'note',
            value: { text: `${CJK} ${AWKWARD}`, nested: { list: [1, 2.5, null, true, 'x'], empty: {} } },
            score: 1,
          },
          { recordId: t0, question: 'turns', value: 3, score: 0 },
          { recordId: t0, question: 'flag', value: false, score: null },
          { recordId: t0, question: 'nothing', value: null, score: null },
          { recordId: t0, question: 'quoted', value: '"already quoted"', score: null },
          { recordId: t0, question: 'emoji', value: EMOJI, score: -0.125 },
        ]);
        // The judge runs again: its suggestions now come after the model's.
        await store.suggestions.replace('judge', [
          { recordId: t0, question: 'sentiment', value: 'positive', score: 0.75 },
          { recordId: t0, question: 'spans', value: [{ start: 0, end: 5, label: ARABIC }], score: null },
          { recordId: t1, question: 'sentiment', value: 'negative', score: 0.5 },
        ]);

        // Checks: details absent (SQL NULL), JSON null, nested, a bare string.
        await store.checkResults.replace(
          [t0, t1],
          ['length', 'pii', 'dedup', 'lang'],
          [
            { recordId: t0, check: 'length', passed: true, score: 0.25 },
            {
              recordId: t0,
              check: 'pii',
              passed: false,
              score: null,
              details: { found: [{ type: 'email', span: [3, 9], text: AWKWARD }], by: { name: CJK, n: 2 } },
            },
            { recordId: t0, check: 'dedup', passed: true, score: 1, details: null },
            { recordId: t0, check: 'lang', passed: false, score: 0.5, details: ARABIC },
            { recordId: t1, check: 'length', passed: false, score: 0 },
          ],
        );

        // Responses: a draft that becomes a submission later (so its row is rewritten), a discard
        // with a reason, a review-round answer; values full of unicode, quotes and newlines.
        const draft = { sentiment: 'positive', note: `${ARABIC} ${CJK}` };
        await store.responses.save(
          { recordId: t0, userId: users.zoe.id, values: draft, status: 'draft' },
          'test',
        );
        await store.responses.save(
          {
            recordId: t0,
            userId: users.ann.id,
            values: {},
            status: 'discarded',
            reason: `not "clear"\n${EMOJI}`,
            timeSpentMs: 4321,
          },
          'test',
        );
        await store.responses.save(
          { recordId: t1, userId: users.ann.id, values: { sentiment: 'neutral' }, status: 'submitted' },
          'test',
        );
        const final = { sentiment: 'negative', note: `${ARABIC}\n${CJK}\n${EMOJI}\n${AWKWARD}` };
        await store.responses.save(
          { recordId: t0, userId: users.zoe.id, values: final, status: 'submitted', timeSpentMs: 1500 },
          'test',
        );
        await store.responses.save(
          {
            recordId: t0,
            userId: users.rev.id,
            round: 2,
            values: { decision: 'accept', edits: { note: [AWKWARD, { deep: [EMOJI] }] } },
            status: 'submitted',
          },
          'test',
        );

        // Two comments on t0, one on t1.
        await store.comments.add(t0, users.rev, `${AWKWARD} ${EMOJI}`, 'user:rev');
        await store.comments.add(t1, users.ann, 'other record', 'user:ann');
        await store.comments.add(t0, users.zoe, `${ARABIC} — ${CJK}`, 'user:zoe');

        // The record's own JSON columns, too.
        await contextOf(store)
          .db.updateTable('records')
          .set({
            final_values: JSON.stringify({
              sentiment: { value: 'negative', method: 'review', by: 'rev', at: '2024-01-01T00:00:00.000Z' },
            }),
            metadata: JSON.stringify({ topic: ARABIC, turns: 2, tags: [CJK, EMOJI], quote: AWKWARD }),
          })
          .where('id', '=', t0)
          .execute();

        // On PostgreSQL, rewrite the first row of each list so that table order is not id order.
        for (const table of ['suggestions', 'check_results', 'comments'] as const)
          await touch(store, table, await firstId(store, table, t0));

        const expected = await separately(store, t0);
        // The separate reads see what was written (so the comparison below is not between two empties).
        expect(expected.suggestions.map((s) => [s.agent, s.question, s.value])).toEqual([
          [
            'model',
            'note',
            { text: `${CJK} ${AWKWARD}`, nested: { list: [1, 2.5, null, true, 'x'], empty: {} } },
          ],
          ['model', 'turns', 3],
          ['model', 'flag', false],
          ['model', 'nothing', null],
          ['model', 'quoted', '"already quoted"'],
          ['model', 'emoji', EMOJI],
          ['judge', 'sentiment', 'positive'],
          ['judge', 'spans', [{ start: 0, end: 5, label: ARABIC }]],
        ]);
        expect(expected.checks.map((c) => [c.check, c.passed, c.details])).toEqual([
          ['length', true, null],
          [
            'pii',
            false,
            { found: [{ type: 'email', span: [3, 9], text: AWKWARD }], by: { name: CJK, n: 2 } },
          ],
          ['dedup', true, null],
          ['lang', false, ARABIC],
        ]);
        expect(expected.responses.map((r) => [r.username, r.round, r.status, r.values])).toEqual([
          ['zoe', 1, 'submitted', final],
          ['ann', 1, 'discarded', {}],
          ['rev', 2, 'submitted', { decision: 'accept', edits: { note: [AWKWARD, { deep: [EMOJI] }] } }],
        ]);
        expect(expected.comments.map((c) => [c.username, c.body])).toEqual([
          ['rev', `${AWKWARD} ${EMOJI}`],
          ['zoe', `${ARABIC} — ${CJK}`],
        ]);
        expect(expected.record.metadata).toEqual({
          topic: ARABIC,
          turns: 2,
          tags: [CJK, EMOJI],
          quote: AWKWARD,
        });

        expect(await store.records.details(t0)).toStrictEqual(expected);
        // The neighbour gets only its own.
        const other = await store.records.details(t1);
        expect(other).toStrictEqual(await separately(store, t1));
        expect([
          other.suggestions.length,
          other.checks.length,
          other.responses.length,
          other.comments.length,
        ]).toEqual([1, 1, 1, 1]);
      } finally {
        await store.close();
      }
    });

    it('keeps scores exactly as the separate reads return them', async () => {
      const { store, ids } = await world();
      try {
        const [t0] = ids;
        // Scores as a judge computes them: (3 - 1) / 3, a cosine similarity, 0.1 + 0.2.
        await store.suggestions.replace('judge', [
          { recordId: t0, question: 'quality', value: 3, score: 2 / 3 },
          { recordId: t0, question: 'sentiment', value: 'positive', score: 0.1 + 0.2 },
        ]);
        await store.checkResults.replace(
          [t0],
          ['near-dup'],
          [{ recordId: t0, check: 'near-dup', passed: true, score: 0.8731234567891234 }],
        );
        const expected = await separately(store, t0);
        expect(expected.suggestions).toHaveLength(2);
        const scores = (d: typeof expected) => ({
          suggestions: d.suggestions.map((s) => s.score),
          checks: d.checks.map((c) => c.score),
        });
        expect(scores(await store.records.details(t0))).toEqual(scores(expected));
      } finally {
        await store.close();
      }
    });

    it('gives empty lists for a record with nothing beside it', async () => {
      const { store, ids } = await world();
      try {
        const [t0, , t2] = ids;
        // Something on another record, so that "empty" is not just an empty table.
        await store.suggestions.replace('judge', [
          { recordId: t0, question: 'sentiment', value: 'x', score: null },
        ]);
        const details = await store.records.details(t2);
        expect(details).toStrictEqual({
          record: await store.records.get(t2),
          suggestions: [],
          checks: [],
          responses: [],
          comments: [],
        });
        expect(details.record.fields).toEqual({ text: 'plain' });
      } finally {
        await store.close();
      }
    });

    it('reads many records in one statement, in the order asked, leaving out ids that do not exist', async () => {
      const { store, ids, users } = await world();
      try {
        const [t0, t1, t2] = ids;
        await store.suggestions.replace('judge', [
          { recordId: t1, question: 'sentiment', value: 'positive', score: 2 / 3 },
          { recordId: t2, question: 'sentiment', value: ['a', 'b'], score: null },
        ]);
        await store.comments.add(t0, users.rev, AWKWARD, 'user:rev');
        await store.responses.save(
          { recordId: t2, userId: users.zoe.id, values: { sentiment: CJK }, status: 'submitted' },
          'user:zoe',
        );
        const missing = Math.max(...ids) + 1000;
        const many = await store.records.detailsOf([t2, missing, t0, t1]);
        expect(many.map((d) => d.record.id)).toEqual([t2, t0, t1]);
        expect(many).toStrictEqual([
          await separately(store, t2),
          await separately(store, t0),
          await separately(store, t1),
        ]);
        expect(await store.records.detailsOf([])).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('throws not_found for an unknown record', async () => {
      const { store, ids } = await world();
      try {
        const missing = Math.max(...ids) + 1000;
        const err = await store.records.details(missing).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(TandemError);
        expect(err).toMatchObject({ code: 'not_found' });
        expect((err as Error).message).toContain(String(missing));
      } finally {
        await store.close();
      }
    });
  });
}
