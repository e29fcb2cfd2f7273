import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/hash.js';
import type { Provenance } from '../../src/core/record.js';
import { datasetSettings } from '../../src/core/settings.js';
import { setStatus } from '../../src/stages/review/index.js';
import type { NewRecord } from '../../src/store/records.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { type Backend, backends } from '../helpers/stores.js';

const settings = datasetSettings.parse({
  fields: [{ name: 'text', type: 'text' }],
  questions: [{ name: 'ok', type: 'label', options: ['yes', 'no'] }],
});

const prov = (line: number): Provenance => ({
  origin: 'imported',
  file: 'x.jsonl',
  line,
  format: 'jsonl',
  importId: 'imp1',
  idFrom: 'column',
});

function rec(i: number, text = `record ${i}`): NewRecord {
  const fields = { text };
  return {
    externalId: `r${i}`,
    fields,
    metadata: { i },
    provenance: prov(i),
    contentHash: contentHash(fields),
  };
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`store on ${b.name}`, () => {
    let backend: Backend;
    let store: Store;
    beforeAll(async () => {
      backend = b.make();
      store = await backend.open();
    });
    afterAll(async () => {
      await store?.close();
      await backend?.cleanup();
    });

    it('creates, lists and refuses a duplicate dataset', async () => {
      const d = await store.datasets.create('alpha', settings, 'cli');
      expect(d.id).toBeGreaterThan(0);
      expect((await store.datasets.get('alpha')).settings.fields[0]!.name).toBe('text');
      await expect(store.datasets.create('alpha', settings, 'cli')).rejects.toMatchObject({
        code: 'conflict',
      });
      const events = await store.events.list({ entityType: 'dataset', entityId: d.id });
      expect(events.map((e) => e.action)).toEqual(['dataset.create']);
      expect(events[0]!.actor).toBe('cli');
    });

    it('inserts records idempotently by external id and logs the batch', async () => {
      const d = await store.datasets.create('beta', settings, 'cli');
      const first = await store.records.insert(d.id, [rec(1), rec(2), rec(3)], 'cli', { file: 'x.jsonl' });
      expect(first).toMatchObject({ inserted: 3, skipped: 0 });
      const again = await store.records.insert(d.id, [rec(2), rec(3), rec(4)], 'cli');
      expect(again).toMatchObject({ inserted: 1, skipped: 2 });
      expect(await store.records.count(d.id)).toBe(4);
      const ev = await store.events.list({ datasetId: d.id });
      const inserts = ev.filter((e) => e.action === 'records.insert');
      expect(inserts).toHaveLength(2);
      expect(inserts[0]!.after).toMatchObject({ file: 'x.jsonl', inserted: 3 });
      // Same external id in another dataset is a different record.
      const other = await store.datasets.create('beta2', settings, 'cli');
      expect((await store.records.insert(other.id, [rec(1)], 'cli')).inserted).toBe(1);
    });

    it('round-trips fields, metadata and provenance with unicode intact', async () => {
      const d = await store.datasets.create('gamma', settings, 'cli');
      const text = 'مرحبا 👋 こんにちは "quotes" \\ back';
      await store.records.insert(d.id, [rec(7, text)], 'cli');
      const r = await store.records.findByExternalId(d.id, 'r7');
      expect(r?.fields).toEqual({ text });
      expect(r?.metadata).toEqual({ i: 7 });
      expect(r?.provenance).toEqual(prov(7));
      expect(r?.status).toBe('new');
      expect(r?.version).toBe(1);
      expect(r?.contentHash).toBe(contentHash({ text }));
    });

    it('updates with optimistic locking and records before/after', async () => {
      const d = await store.datasets.create('delta', settings, 'cli');
      await store.records.insert(d.id, [rec(1)], 'cli');
      const r = (await store.records.findByExternalId(d.id, 'r1'))!;
      // Content is edited here; a record's status changes only through the lifecycle (tested below).
      const updated = await store.records.update(
        r.id,
        1,
        { language: 'de', fields: { text: 'fixed' } },
        'user:ann',
      );
      expect(updated.version).toBe(2);
      expect(updated.language).toBe('de');
      expect(updated.contentHash).toBe(contentHash({ text: 'fixed' }));
      // A writer holding the old version loses and nothing changes.
      await expect(store.records.update(r.id, 1, { language: 'fr' }, 'user:bob')).rejects.toMatchObject({
        code: 'conflict',
      });
      const ev = await store.events.list({ entityType: 'record', entityId: r.id });
      expect(ev).toHaveLength(1);
      expect(ev[0]).toMatchObject({
        actor: 'user:ann',
        action: 'record.update',
        before: { language: null, fields: { text: 'record 1' } },
        after: { language: 'de', fields: { text: 'fixed' } },
      });
    });

    it('lets exactly one of two concurrent updates win', async () => {
      const d = await store.datasets.create('race', settings, 'cli');
      await store.records.insert(d.id, [rec(1)], 'cli');
      const r = (await store.records.findByExternalId(d.id, 'r1'))!;
      const results = await Promise.allSettled([
        setStatus(store, {
          recordId: r.id,
          expectedVersion: 1,
          status: 'rejected',
          actor: 'user:a',
          reviewer: null,
        }),
        store.records.update(r.id, 1, { language: 'fr' }, 'user:b'),
      ]);
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((x) => x.status === 'rejected')).toHaveLength(1);
    });

    it('streams records in id order with a status filter', async () => {
      const d = await store.datasets.create('epsilon', settings, 'cli');
      await store.records.insert(
        d.id,
        Array.from({ length: 25 }, (_, i) => rec(i)),
        'cli',
      );
      const seen: string[] = [];
      for await (const page of store.records.stream(d.id, { batchSize: 7 })) {
        expect(page.length).toBeLessThanOrEqual(7);
        seen.push(...page.map((r) => r.externalId));
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
      const r3 = (await store.records.findByExternalId(d.id, 'r3'))!;
      await setStatus(store, {
        recordId: r3.id,
        expectedVersion: 1,
        status: 'rejected',
        actor: 'cli',
        reviewer: null,
      });
      const accepted: string[] = [];
      for await (const page of store.records.stream(d.id, { status: ['rejected'] }))
        accepted.push(...page.map((r) => r.externalId));
      expect(accepted).toEqual(['r3']);
    });

    it('saves responses once per user and round, accumulating time', async () => {
      const d = await store.datasets.create('zeta', settings, 'cli');
      await store.records.insert(d.id, [rec(1)], 'cli');
      const r = (await store.records.findByExternalId(d.id, 'r1'))!;
      const u = await store.users.create({ username: 'ann', role: 'annotator', languages: ['en'] }, 'cli');
      await store.responses.save(
        { recordId: r.id, userId: u.id, values: { ok: 'yes' }, status: 'draft', timeSpentMs: 500 },
        'user:ann',
      );
      await store.responses.save(
        { recordId: r.id, userId: u.id, values: { ok: 'no' }, status: 'submitted', timeSpentMs: 700 },
        'user:ann',
      );
      const map = await store.responses.forRecords([r.id]);
      const list = map.get(r.id)!;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        values: { ok: 'no' },
        status: 'submitted',
        timeSpentMs: 1200,
        username: 'ann',
      });
      await expect(store.users.create({ username: 'ann', role: 'owner' }, 'cli')).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('deletes a dataset with its records and leaves a tombstone event', async () => {
      const d = await store.datasets.create('doomed', settings, 'cli');
      await store.records.insert(d.id, [rec(1), rec(2)], 'cli');
      expect(await store.datasets.delete('doomed', 'cli')).toEqual({ records: 2 });
      await expect(store.datasets.get('doomed')).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.records.count(d.id)).toBe(0);
      const ev = await store.events.list({ entityType: 'dataset', entityId: d.id });
      expect(ev.at(-1)).toMatchObject({ action: 'dataset.delete', before: { name: 'doomed', records: 2 } });
      expect((await store.datasets.list()).map((x) => x.name)).not.toContain('doomed');
    });
  });
}
