import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/hash.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';
import { labelSettings } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

const chat = (user: string, agent: string) => ({
  messages: [
    { role: 'user', content: user },
    { role: 'assistant', content: agent },
  ],
});

const CHATS = [
  chat('Where is my parcel?', 'It left the warehouse on Monday.'),
  chat('The refund 100% arrived', 'Glad to hear it!'),
  chat('お荷物が届きません', '確認いたします。'),
  chat('under_score and 50% off', 'Coupon SAVE50 applied.'),
  chat('Mi pedido no llegó', 'Lo sentimos mucho.'),
];

async function seed(store: Store, name: string, fields = CHATS) {
  const d = await store.datasets.create(name, labelSettings(1), 'test');
  await store.records.insert(
    d.id,
    fields.map((f, i) => ({
      externalId: `${name}-${i}`,
      fields: f,
      metadata: { n: i },
      provenance: { origin: 'human' as const, author: 'test' },
      contentHash: contentHash(f),
      language: null,
    })),
    'test',
  );
  return d;
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`record search index on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    const ids = async (store: Store, datasetId: number, text: string) =>
      (await store.records.search(datasetId, { text, limit: 100 })).records.map((r) => r.externalId);

    async function expectSearches(store: Store, a: number, other: number) {
      expect(await ids(store, a, 'WAREHOUSE')).toEqual(['a-0']);
      expect(await ids(store, a, '届きません')).toEqual(['a-2']);
      expect(await ids(store, a, '100%')).toEqual(['a-1']);
      // `_` and `%` are literal: as wildcards, 'o_l' would match 'no llegó' and '0%o' would match more.
      expect(await ids(store, a, 'o_l')).toEqual([]);
      expect(await ids(store, a, 'r_s')).toEqual(['a-3']);
      // Short queries (below a trigram) still work.
      expect(await ids(store, a, 'Mi')).toEqual(['a-4']);
      // Keys and JSON punctuation are not text: every record has a "content" key and a "role".
      expect(await ids(store, a, 'content')).toEqual([]);
      expect(await ids(store, a, '"role"')).toEqual([]);
      // Another dataset's records never match.
      expect(await ids(store, other, 'WAREHOUSE')).toEqual([]);
    }

    it('finds the same records before and after the background indexer runs', async () => {
      const store = await backend.open();
      try {
        const a = await seed(store, 'a');
        const other = await seed(store, 'o', [chat('nothing here', 'at all')]);
        expect(await store.searchIndex.pendingCount()).toBe(6);
        expect(await store.searchIndex.pendingCount(a.id)).toBe(5);
        await expectSearches(store, a.id, other.id);

        // Small batches: the indexer resumes where it stopped.
        expect(await store.searchIndex.indexPending(4)).toBe(4);
        expect(await store.searchIndex.pendingCount()).toBe(2);
        await expectSearches(store, a.id, other.id);
        expect(await store.searchIndex.indexAllPending({ batch: 1 })).toBe(2);
        expect(await store.searchIndex.pendingCount()).toBe(0);
        expect(await store.searchIndex.indexPending()).toBe(0);
        await expectSearches(store, a.id, other.id);
      } finally {
        await store.close();
      }
    });

    it('follows edits and deletions: a stale document never answers', async () => {
      const store = await backend.open();
      try {
        const a = await seed(store, 'a');
        await store.searchIndex.indexAllPending();
        const rec = await store.records.findByExternalId(a.id, 'a-0');
        await store.records.update(
          rec!.id,
          rec!.version,
          { fields: chat('Where is my bicycle?', 'Shipped.') },
          'test',
        );
        // The edit makes the record pending again; the old text must stop matching at once.
        expect(await store.searchIndex.pendingCount()).toBe(1);
        expect(await ids(store, a.id, 'warehouse')).toEqual([]);
        expect(await ids(store, a.id, 'bicycle')).toEqual(['a-0']);
        await store.searchIndex.indexAllPending();
        expect(await ids(store, a.id, 'warehouse')).toEqual([]);
        expect(await ids(store, a.id, 'bicycle')).toEqual(['a-0']);
        // A metadata-only edit leaves the document alone.
        const again = await store.records.get(rec!.id);
        await store.records.update(again.id, again.version, { metadata: { n: 99 } }, 'test');
        expect(await store.searchIndex.pendingCount()).toBe(0);

        await store.datasets.delete('a', 'test');
        const ctx = contextOf(store);
        const left = await sql<{ n: number }>`SELECT count(*) AS n FROM record_search`.execute(ctx.db);
        expect(Number(left.rows[0]!.n)).toBe(0);
      } finally {
        await store.close();
      }
    });

    it('answers a search from the index once records are indexed', async () => {
      const store = await backend.open();
      try {
        const a = await seed(store, 'a');
        await store.searchIndex.indexAllPending();
        const ctx = contextOf(store);
        const { indexedMatches } = (await import('../../src/store/dialect.js')).adapterFor(store.dialect);
        if (store.dialect === 'postgres') {
          // A five-row table is scanned whatever the index; forbid that to see the index is usable.
          const plan = await ctx.db.transaction().execute(async (tx) => {
            await sql`SET LOCAL enable_seqscan = off`.execute(tx);
            return sql<{
              'QUERY PLAN': string;
            }>`EXPLAIN ${indexedMatches(a.id, '%warehouse%', 'warehouse')}`.execute(tx);
          });
          expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('record_search_doc');
        } else {
          const plan = await sql<{
            detail: string;
          }>`EXPLAIN QUERY PLAN ${indexedMatches(a.id, '%warehouse%', 'warehouse')}`.execute(ctx.db);
          // FTS5 reports a MATCH constraint as `M` in its index plan; a full scan has none.
          expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
        }
      } finally {
        await store.close();
      }
    });
  });
}
