import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/hash.js';
import { createRelease, parseMix, parseSplits, releasesOf } from '../../../src/stages/release/index.js';
import { contextOf, type OpenStore as Store } from '../../../src/store/store.js';
import { type Backend, backends } from '../../helpers/stores.js';
import { frozen, rec, seed, synthetic } from './release-helpers.js';

const actor = 'cli:test';

for (const b of backends()) {
  describe.skipIf(b.skip)(`release create on ${b.name}`, () => {
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

    it('freezes records with a manifest, and a duplicate version writes nothing', async () => {
      const ids = await seed(store, 'basic', 50);
      const { manifest, release } = await createRelease(store, {
        dataset: 'basic',
        version: '1.0.0',
        notes: 'first',
        splits: parseSplits('train=0.8,test=0.2'),
        actor,
      });
      expect(release.recordCount).toBe(50);
      expect(manifest.splits.map((s) => [s.name, s.records])).toEqual([
        ['train', 40],
        ['test', 10],
      ]);
      expect(manifest.releaseHash).toMatch(/^[0-9a-f]{64}$/);
      expect(release.releaseHash).toBe(manifest.releaseHash);
      expect(manifest.createdBy).toBe(actor);
      expect(manifest.origins).toEqual({ imported: 50 });
      const rows = await frozen(store, 'basic', '1.0.0');
      expect(rows.map((r) => r.recordId)).toEqual(ids);
      expect(rows[0]!.snapshot).toMatchObject({ external_id: 'r0', fields: { text: 'record number 0' } });
      expect(rows[0]!.contentHash).toBe(contentHash({ text: 'record number 0' }));

      await expect(createRelease(store, { dataset: 'basic', version: '1.0.0', actor })).rejects.toMatchObject(
        {
          code: 'usage',
        },
      );
      await expect(createRelease(store, { dataset: 'basic', version: 'v1', actor })).rejects.toMatchObject({
        code: 'usage',
      });
      expect((await releasesOf(store, 'basic')).map((r) => r.version)).toEqual(['1.0.0']);
      const events = await store.events.list({ entityType: 'release' });
      expect(events.map((e) => e.action)).toEqual(['release.create']);
    });

    it('never changes after records are edited or deleted; a later version sees the edit', async () => {
      await seed(store, 'immut', 10);
      await createRelease(store, { dataset: 'immut', version: '1.0.0', actor });
      const before = await frozen(store, 'immut', '1.0.0');
      const d = await store.datasets.get('immut');
      const first = await store.records.get(before[0]!.recordId);
      await store.records.update(first.id, first.version, { fields: { text: 'edited' } }, actor);
      await contextOf(store).db.deleteFrom('records').where('id', '=', before[1]!.recordId).execute();
      expect(await frozen(store, 'immut', '1.0.0')).toEqual(before);
      const next = await createRelease(store, { dataset: 'immut', since: '1.0.0', actor });
      expect(next.release.version).toBe('1.1.0');
      expect(next.manifest.base).toBe('1.0.0');
      expect(next.release.recordCount).toBe(9);
      const after = await frozen(store, 'immut', '1.1.0');
      expect(after[0]!.snapshot).toMatchObject({ fields: { text: 'edited' } });
      const r1 = await store.releases.find(d.id, '1.0.0');
      expect(r1!.releaseHash).not.toBe(next.release.releaseHash);
    });

    it('keeps near-duplicate groups and parent groups in one split, and splits keep across versions', async () => {
      const ids = await seed(store, 'groups', 400, (i) =>
        rec(i, i >= 300 ? { provenance: synthetic(i, 0) } : {}),
      );
      // r1…r40 are near-duplicates of r0 (as the dedup check records them); r300…r399 share parent r0's id.
      await store.checkResults.add(
        ids.slice(1, 41).map((id) => ({
          recordId: id,
          check: 'dedup',
          passed: false,
          details: { duplicateOf: 'r0', duplicateOfId: ids[0] },
        })),
      );
      const { manifest } = await createRelease(store, {
        dataset: 'groups',
        version: '1.0.0',
        splits: parseSplits('train=0.5,validation=0.25,test=0.25'),
        actor,
      });
      expect(manifest.leakage.crossSplitPairs).toBe(0);
      expect(manifest.leakage.groupedRecords).toBe(141);
      const v1 = await frozen(store, 'groups', '1.0.0');
      const group = new Set(
        v1.filter((r) => r.recordId <= ids[40]! || r.recordId >= ids[300]!).map((r) => r.split),
      );
      expect(group.size).toBe(1);

      await seed(store, 'groups', 600, (i) => rec(i));
      const v2 = await createRelease(store, { dataset: 'groups', since: '1.0.0', actor });
      expect(v2.manifest.leakage.pinnedFromBase).toBe(400);
      const splitOf = new Map(v1.map((r) => [r.recordId, r.split]));
      const rows2 = await frozen(store, 'groups', '1.1.0');
      expect(rows2).toHaveLength(600);
      for (const r of rows2) if (splitOf.has(r.recordId)) expect(r.split).toBe(splitOf.get(r.recordId));
    });

    it('stratifies within one percentage point per stratum', async () => {
      await seed(store, 'strata', 12_000, (i) =>
        rec(i, { intent: ['a', 'b', 'c'][i % 3]!, language: i % 7 === 0 ? 'fr' : 'en' }),
      );
      const { manifest } = await createRelease(store, {
        dataset: 'strata',
        version: '0.1.0',
        splits: parseSplits('train=0.8,validation=0.1,test=0.1'),
        stratifyBy: ['language', 'intent'],
        actor,
      });
      expect(manifest.strata).toHaveLength(6);
      for (const s of manifest.strata) {
        const total = Object.values(s.counts).reduce((a, c) => a + c, 0);
        expect(Math.abs(s.counts.train! / total - 0.8)).toBeLessThanOrEqual(0.01);
        expect(Math.abs(s.counts.validation! / total - 0.1)).toBeLessThanOrEqual(0.01);
        expect(Math.abs(s.counts.test! / total - 0.1)).toBeLessThanOrEqual(0.01);
      }
      await expect(
        createRelease(store, { dataset: 'strata', version: '0.2.0', stratifyBy: ['colour'], actor }),
      ).rejects.toThrow(/--stratify-by: 'colour'/);
      expect((await releasesOf(store, 'strata')).map((r) => r.version)).toEqual(['0.1.0']);
    });

    it('rejects ratios that do not sum to 1 and mixes that cannot be met', () => {
      expect(() => parseSplits('train=0.8,test=0.1')).toThrow(/sum to 0.9/);
      expect(() => parseSplits('train=0.8,train=0.2')).toThrow(/twice/);
      expect(() => parseMix('synthetic=0.5')).toThrow(/sum to 0.5/);
      expect(() => parseMix('robots=1')).toThrow(/unknown class/);
    });

    it('meets a mix by deterministic down-sampling and reports what it dropped', async () => {
      await seed(store, 'mix', 200, (i) => rec(i, i < 50 ? { provenance: synthetic(i) } : {}));
      const mix = parseMix('synthetic=0.5,human=0.5');
      const a = await createRelease(store, { dataset: 'mix', version: '1.0.0', mix, actor });
      expect(a.manifest.mix).toMatchObject({ kept: { synthetic: 50, human: 50 }, dropped: 100 });
      expect(a.manifest.origins).toEqual({ imported: 50, synthetic: 50 });
      const b = await createRelease(store, { dataset: 'mix', version: '1.0.1', mix, actor });
      const ids = async (v: string) => (await frozen(store, 'mix', v)).map((r) => r.recordId);
      expect(await ids('1.0.1')).toEqual(await ids('1.0.0'));
      expect(b.manifest.releaseHash).toBe(a.manifest.releaseHash);
      await expect(
        createRelease(store, { dataset: 'basic', version: '9.0.0', mix: parseMix('synthetic=1'), actor }),
      ).rejects.toThrow(/cannot be met/);
    });

    it('refuses unresolved PII unless waived, scanning the serialized rows too; a refusal leaves nothing', async () => {
      const ids = await seed(store, 'pii', 30, (i) =>
        rec(i, i === 7 ? { text: 'write to jane.doe@example.com please' } : {}),
      );
      await store.checkResults.add([
        { recordId: ids[3]!, check: 'pii', passed: false, details: { count: 1, types: ['PHONE_NUMBER'] } },
      ]);
      await expect(createRelease(store, { dataset: 'pii', version: '1.0.0', actor })).rejects.toThrow(
        /r3:PHONE_NUMBER/,
      );
      // The stored finding waived, the e-mail found in the output still stops it — after rows were written.
      const w3 = { finding: 'r3:PHONE_NUMBER', reason: 'a public support line' };
      await expect(
        createRelease(store, { dataset: 'pii', version: '1.0.0', waivers: [w3], actor }),
      ).rejects.toThrow(/serialized rows.*r7:EMAIL_ADDRESS/);
      const d = await store.datasets.get('pii');
      expect(await store.releases.find(d.id, '1.0.0')).toBeUndefined();
      const count = await contextOf(store)
        .db.selectFrom('release_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .innerJoin('releases', 'releases.id', 'release_records.release_id')
        .where('releases.dataset_id', '=', d.id)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
      const w7 = { finding: 'r7:EMAIL_ADDRESS', reason: 'fictional address' };
      const ok = await createRelease(store, { dataset: 'pii', version: '1.0.0', waivers: [w3, w7], actor });
      expect(ok.manifest.pii.waivers).toEqual([w3, w7]);
      await expect(
        createRelease(store, {
          dataset: 'pii',
          version: '1.0.1',
          waivers: [w3, w7, { finding: 'r9:EMAIL_ADDRESS', reason: 'x' }],
          actor,
        }),
      ).rejects.toThrow(/no PII finding 'r9:EMAIL_ADDRESS'/);
    });
  });
}
