import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { TandemError } from '../../../src/core/errors.js';
import { eraseRecords, previewErasure } from '../../../src/stages/release/erase.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { contextOf } from '../../../src/store/store.js';
import { recordIdsOf, seedDataset } from '../../helpers/api.js';
import { rawBytes } from '../../helpers/raw-store.js';
import { backends } from '../../helpers/stores.js';

/** Unique per run, so no other test's rows (or another schema's) can hold it. */
const NAME = `Quokkason${process.pid}x${Date.now().toString(36)}`;
const SECRET = `${NAME} lives at 17 Larkspur Lane`;

/** Every row of every table of the store, as text: what a query can still read. */
async function everyRow(store: Store): Promise<string> {
  const db = contextOf(store).db;
  const tables = [
    'datasets',
    'records',
    'suggestions',
    'responses',
    'check_results',
    'comments',
    'assignments',
    'jobs',
    'llm_cache',
    'releases',
    'release_records',
    'events',
    'erasures',
    'record_search',
  ] as const;
  const out: string[] = [];
  for (const t of tables) out.push(JSON.stringify(await sql`SELECT * FROM ${sql.table(t)}`.execute(db)));
  return out.join('\n');
}

/** A dataset where one record's content sits in every place Tandem keeps content. */
async function world(store: Store) {
  const d = await seedDataset(store, 'people', 4, {
    texts: (i) => (i === 0 ? `Complaint from ${SECRET}.` : `record number ${i}`),
  });
  const ids = (await recordIdsOf(store, d.id)) as [number, number, number, number];
  const [t0, t1] = ids;
  const zoe = await store.users.create({ username: 'zoe', role: 'annotator' }, 'test');
  // An edit: the earlier version becomes free space in the file, the event keeps both.
  const r0 = await store.records.get(t0);
  await store.records.update(
    t0,
    r0.version,
    { fields: { text: `Complaint from ${SECRET} (edited).` } },
    'test',
  );
  await store.responses.save(
    {
      recordId: t0,
      userId: zoe.id,
      values: { sentiment: 'negative', note: `about ${NAME}` },
      status: 'submitted',
    },
    'test',
  );
  await store.responses.save(
    { recordId: t1, userId: zoe.id, values: { sentiment: 'neutral' }, status: 'submitted' },
    'test',
  );
  await store.suggestions.replace('model', [
    { recordId: t0, question: 'note', value: `mentions ${NAME}`, score: 0.5 },
  ]);
  await store.checkResults.add([
    { recordId: t0, check: 'pii', passed: false, details: { evidence: SECRET } },
  ]);
  await store.comments.add(t0, zoe, `Is ${NAME} a real person?`, 'test');
  await store.llmCache.put([
    {
      key: 'k-secret',
      provider: 'p',
      model: 'm',
      response: { text: SECRET },
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
    },
    {
      key: 'k-other',
      provider: 'p',
      model: 'm',
      response: { text: 'unrelated' },
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
    },
  ]);
  // A release holding t0 and t1 (written as the release stage writes it).
  const db = contextOf(store).db;
  const rel = await db
    .insertInto('releases')
    .values({
      dataset_id: d.id,
      version: '1.0.0',
      notes: '',
      created_by: 'test',
      record_count: 2,
      created_at: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [id, text] of [
    [t0, SECRET],
    [t1, 'record number 1'],
  ] as const)
    await db
      .insertInto('release_records')
      .values({
        release_id: rel.id,
        record_id: id,
        content_hash: 'h',
        split: 'train',
        snapshot: JSON.stringify({ text }),
      })
      .execute();
  return { d, ids, releaseId: rel.id };
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`erasure on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('removes the text from every table and from the raw store files, keeping a tombstone', async () => {
      const store = await backend.open();
      try {
        const { ids, releaseId } = await world(store);
        const [t0, t1] = ids;
        // The search index holds a copy of the fields once the indexer has run.
        await store.searchIndex.indexAllPending();
        const before = await rawBytes(store);
        if (before) expect(before.includes(NAME)).toBe(true); // the check below can see the text

        const plan = await previewErasure(store, { dataset: 'people', match: NAME.toLowerCase() });
        expect(plan.recordIds).toEqual([t0]);
        expect(plan.releases.map((r) => r.version)).toEqual(['1.0.0']);

        const r = await eraseRecords(store, {
          dataset: 'people',
          match: NAME.toLowerCase(),
          reason: 'Art. 17 request #42',
          actor: 'cli:test',
        });
        expect(r.erasure.counts).toMatchObject({
          records: 1,
          responses: 1,
          suggestions: 1,
          checkResults: 1,
          comments: 1,
          llmCache: 1,
          releaseRecords: 1,
        });
        // The record's update event, its comment's event, its response's event.
        expect(r.erasure.counts.events).toBeGreaterThanOrEqual(3);
        expect(r.erasure.counts).toEqual(plan.counts);
        expect(r.purge.done).toBe(true);

        const tomb = await store.records.get(t0);
        expect(tomb).toMatchObject({ status: 'erased', fields: {}, metadata: {}, finalValues: null });
        expect((await store.records.get(t1)).fields).toEqual({ text: 'record number 1' });
        expect((await store.responses.forRecords([t1])).get(t1)).toHaveLength(1);
        expect(await store.llmCache.get('k-other')).toBeDefined();

        const [tombstone] = await store.erasure.list();
        expect(tombstone).toMatchObject({
          actor: 'cli:test',
          reason: 'Art. 17 request #42',
          selector: { kind: 'match' },
          recordIds: [t0],
          releases: [{ id: releaseId, version: '1.0.0' }],
        });
        expect(tombstone?.purgedAt).not.toBeNull();

        const db = contextOf(store).db;
        const rel = await db
          .selectFrom('releases')
          .selectAll()
          .where('id', '=', releaseId)
          .executeTakeFirstOrThrow();
        expect(rel.superseded_at).not.toBeNull();
        expect(rel.superseded_reason).toBe('erasure');
        expect(rel.superseded_by).toBeNull();
        const kept = await db
          .selectFrom('release_records')
          .select(['record_id', 'snapshot'])
          .orderBy('record_id')
          .execute();
        expect(kept.map((k) => Number(k.record_id))).toEqual([t0, t1]);

        // Nothing a query reads holds the name, in any case.
        expect((await everyRow(store)).toLowerCase()).not.toContain(NAME.toLowerCase());
        const events = await store.events.list({ entityType: 'record', entityId: t0 });
        expect(events.at(-1)).toMatchObject({ action: 'record.erase', after: { erasure: tombstone?.id } });

        // Nor do the files: free pages, old WAL frames, dead tuples, old index entries.
        const after = await rawBytes(store);
        if (after) expect(after.includes(NAME)).toBe(false);
        else console.warn('[tandem] PostgreSQL data directory not readable: raw-file check skipped');
      } finally {
        await store.close();
      }
      // SQLite: the files once closed too (closing checkpoints nothing new in).
      if (b.name === 'sqlite') {
        const reopened = await backend.open();
        await reopened.close();
      }
    });

    it('picks records by id or by field value, and refuses bad selectors with nothing written', async () => {
      const store = await backend.open();
      try {
        const { ids } = await world(store);
        const [, t1, t2, t3] = ids;
        await expect(previewErasure(store, { dataset: 'people', where: 'nope=1' })).rejects.toMatchObject({
          code: 'usage',
        });
        await expect(
          previewErasure(store, { dataset: 'people', where: 'topic=billing', match: 'x' }),
        ).rejects.toMatchObject({ code: 'usage' });
        await expect(
          eraseRecords(store, { dataset: 'people', records: [999999], reason: 'r', actor: 'cli:test' }),
        ).rejects.toMatchObject({ code: 'not_found' });
        await expect(
          eraseRecords(store, { dataset: 'people', records: [t1], reason: '  ', actor: 'cli:test' }),
        ).rejects.toMatchObject({ code: 'usage' });
        expect(await store.erasure.list()).toEqual([]);

        // turns = i % 3: t3 has 0 turns, like t0 (a number compares as a number).
        const byTurns = await previewErasure(store, { dataset: 'people', where: 'turns=2' });
        expect(byTurns.recordIds).toEqual([t2]);
        const byId = await eraseRecords(store, {
          dataset: 'people',
          records: [t3],
          reason: 'r',
          actor: 'cli:test',
        });
        expect(byId.erasure.recordIds).toEqual([t3]);
        // An erased record is final.
        await expect(
          eraseRecords(store, { dataset: 'people', records: [t3], reason: 'r', actor: 'cli:test' }),
        ).rejects.toMatchObject({ code: 'invalid_transition' });
        await expect(
          store.records.update(t3, 2, { fields: { text: 'back' } }, 'test'),
        ).rejects.toBeInstanceOf(TandemError);
        const byExternal = await eraseRecords(store, {
          dataset: 'people',
          where: 'external_id=t1',
          reason: 'r',
          actor: 'cli:test',
        });
        expect(byExternal.erasure.recordIds).toEqual([t1]);
        expect(byExternal.erasure.selector).toEqual({
          kind: 'where',
          field: 'external_id',
          in: 'external_id',
        });
      } finally {
        await store.close();
      }
    });

    it('is one transaction: a failure at the last write leaves every row as it was', async () => {
      const store = await backend.open();
      try {
        const { ids } = await world(store);
        const db = contextOf(store).db;
        const snapshot = await everyRow(store);
        // The tombstone is written last; make it fail.
        if (b.name === 'sqlite')
          await sql`CREATE TRIGGER no_tombstone BEFORE INSERT ON erasures BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(
            db,
          );
        else {
          await sql`CREATE FUNCTION no_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$`.execute(
            db,
          );
          await sql`CREATE TRIGGER no_tombstone BEFORE INSERT ON erasures FOR EACH ROW EXECUTE FUNCTION no_tombstone()`.execute(
            db,
          );
        }
        await expect(
          eraseRecords(store, { dataset: 'people', records: [ids[0]], reason: 'r', actor: 'cli:test' }),
        ).rejects.toThrow(/boom/);
        expect(await everyRow(store)).toBe(snapshot);
        expect((await store.records.get(ids[0])).status).not.toBe('erased');
      } finally {
        await store.close();
      }
    });
  });
}
