import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/hash.js';
import { eraseRecords } from '../../../src/stages/release/erase.js';
import { recordLineage } from '../../../src/stages/release/lineage.js';
import { decide } from '../../../src/stages/review/index.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { contextOf } from '../../../src/store/store.js';
import { apiWorld, labelSettings, recordIdsOf } from '../../helpers/api.js';
import { backends } from '../../helpers/stores.js';

const settings = labelSettings(2, {
  questions: [
    { name: 'sentiment', type: 'label', options: ['positive', 'negative'] },
    { name: 'fix', type: 'text', corrects: 'text', required: false },
  ],
});

async function world(store: Store) {
  const d = await store.datasets.create('lin', settings, 'test');
  const rows = ['the shop refunds in 90 days', 'second record'].map((text, i) => ({
    externalId: `e${i}`,
    fields: { text },
    metadata: {},
    provenance: {
      origin: 'synthetic' as const,
      recipe: 'support',
      recipeHash: 'abc123',
      row: i,
      samplerValues: { persona: 'student', tone: 'angry' },
      provider: 'openai',
      model: 'gpt-4o-mini',
      promptHash: `hash-${i}`,
    },
    contentHash: contentHash({ text }),
  }));
  await store.records.insert(d.id, rows, 'test');
  const [r0, r1] = (await recordIdsOf(store, d.id)) as [number, number];
  const api = await apiWorld(store);
  await api.addUser('zoe', 'annotator');
  await api.addUser('ann', 'annotator');
  await api.addUser('rev', 'reviewer');
  await api.addUser('out', 'annotator');
  await store.members.change(d.id, { add: ['zoe', 'ann', 'rev'] }, 'test');
  const zoe = (await store.users.find('zoe'))!;
  const ann = (await store.users.find('ann'))!;
  const rev = (await store.users.find('rev'))!;
  await store.responses.save(
    { recordId: r0, userId: zoe.id, values: { sentiment: 'positive' }, status: 'submitted' },
    'test',
  );
  await store.responses.save(
    { recordId: r0, userId: ann.id, values: { sentiment: 'negative' }, status: 'submitted' },
    'test',
  );
  await store.checkResults.add([{ recordId: r0, check: 'pii', passed: true, score: 0 }]);
  await decide(store, {
    reviewer: rev,
    recordId: r0,
    settings,
    decision: { action: 'edit', values: { sentiment: 'negative', fix: 'the shop refunds in 30 days' } },
  });
  const db = contextOf(store).db;
  const rel = await db
    .insertInto('releases')
    .values({
      dataset_id: d.id,
      version: '1.0.0',
      notes: '',
      created_by: 'rev',
      record_count: 1,
      created_at: 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('release_records')
    .values({ release_id: rel.id, record_id: r0, content_hash: 'h', split: 'test', snapshot: '{}' })
    .execute();
  return { d, r0, r1, api, zoe };
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`lineage on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('shows source, checks, every answer, the decision with its correction diff, and the releases', async () => {
      const store = await backend.open();
      const { d, r0, api } = await world(store);
      try {
        const l = await recordLineage(store, r0, d, { kind: 'full' });
        expect(l.source).toMatchObject({
          origin: 'synthetic',
          recipe: 'support',
          samplerValues: { persona: 'student', tone: 'angry' },
          model: 'gpt-4o-mini',
          promptHash: 'hash-0',
        });
        expect(l.checks).toEqual([{ check: 'pii', passed: true, score: 0, details: null }]);
        expect(l.answers.map((a) => [a.username, a.values])).toEqual([
          ['zoe', { sentiment: 'positive' }],
          ['ann', { sentiment: 'negative' }],
        ]);
        expect(l.decision).toMatchObject({ status: 'accepted', decidedBy: 'rev' });
        expect(l.decision?.aggregation).toEqual([
          { question: 'sentiment', method: 'reviewer', confidence: null },
          { question: 'fix', method: 'reviewer', confidence: null },
        ]);
        expect(l.decision?.corrections).toEqual([
          {
            question: 'fix',
            field: 'text',
            parts: [
              { op: 'equal', text: 'the shop refunds in ' },
              { op: 'delete', text: '90' },
              { op: 'insert', text: '30' },
              { op: 'equal', text: ' days' },
            ],
          },
        ]);
        expect(l.releases).toMatchObject([
          { version: '1.0.0', split: 'test', supersededAt: null, erased: false },
        ]);
        expect(l.erasure).toBeNull();

        // Over the API: reviewers see it all; an annotator only their own answer; outsiders nothing.
        const asRev = await api.call('rev', 'GET', `/api/records/${r0}/lineage`);
        expect(asRev.status).toBe(200);
        expect(asRev.json().lineage.answers).toHaveLength(2);
        const asZoe = await api.call('zoe', 'GET', `/api/records/${r0}/lineage`);
        expect(asZoe.status).toBe(200);
        const zl = asZoe.json().lineage;
        expect(zl.answers.map((a: { username: string }) => a.username)).toEqual(['zoe']);
        expect(zl.decision).toBeNull();
        expect(zl.releases).toBeNull();
        expect(JSON.stringify(zl)).not.toContain('negative');
        expect((await api.call('out', 'GET', `/api/records/${r0}/lineage`)).status).toBe(404);
        expect((await api.call('rev', 'GET', '/api/records/999999/lineage')).status).toBe(404);
      } finally {
        await api.close();
        await store.close();
      }
    });

    it('hides gold from annotators, and shows an erased record as its tombstone', async () => {
      const store = await backend.open();
      const { d, r0, r1, api, zoe } = await world(store);
      try {
        await store.lifecycle.applyGold(
          d.id,
          [{ recordId: r1, goldValues: { sentiment: 'positive' }, finalValues: {} }],
          'test',
        );
        const gold = await recordLineage(store, r1, d, { kind: 'annotator', userId: zoe.id });
        expect(gold.status).toBe('new');
        expect(gold.decision).toBeNull();

        await eraseRecords(store, {
          dataset: 'lin',
          records: [r0],
          reason: 'owner request',
          actor: 'cli:test',
        });
        const l = await recordLineage(store, r0, d, { kind: 'full' });
        expect(l.status).toBe('erased');
        expect(l.answers).toEqual([]);
        expect(l.checks).toEqual([]);
        expect(l.source).toEqual({
          origin: 'synthetic',
          recipe: 'support',
          recipeHash: 'abc123',
          row: 0,
          samplerValues: {},
          provider: 'openai',
          model: 'gpt-4o-mini',
        });
        expect(l.releases).toMatchObject([{ version: '1.0.0', supersededReason: 'erasure', erased: true }]);
        expect(l.erasure).toMatchObject({ actor: 'cli:test', reason: 'owner request' });
      } finally {
        await api.close();
        await store.close();
      }
    });
  });
}
