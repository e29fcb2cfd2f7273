import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetCard } from '../../../src/stages/release/card.js';
import { createRelease, parseMix, parseSplits, releasesOf } from '../../../src/stages/release/index.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { fixtures } from '../../helpers/files.js';
import { type Backend, backends } from '../../helpers/stores.js';
import { frozen, rec, seed, synthetic } from './release-helpers.js';

const actor = 'cli:test';
const file = fixtures('release-decon', '.jsonl');

// A 20-word passage of an evaluation set; records 3, 11 and 17 quote it (13-grams shared).
const PASSAGE =
  'the committee agreed that the northern bridge would close for repairs during the first two weeks of the spring term';

for (const b of backends()) {
  describe.skipIf(b.skip)(`release mix per stratum and decontamination on ${b.name}`, () => {
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

    it('meets the mix within each stratum, reports the drops per stratum, and keeps the same records', async () => {
      // en: 60 synthetic, 20 human; de: 10 synthetic, 30 human; fr: 5 and 5.
      const lang = (i: number) => (i < 80 ? 'en' : i < 120 ? 'de' : 'fr');
      const isSynthetic = (i: number) => (i < 80 ? i < 60 : i < 120 ? i < 90 : i < 125);
      await seed(store, 'mixby', 130, (i) =>
        rec(i, { language: lang(i), ...(isSynthetic(i) ? { provenance: synthetic(i) } : {}) }),
      );
      const mix = parseMix('synthetic=0.5,human=0.5');
      const a = await createRelease(store, {
        dataset: 'mixby',
        version: '1.0.0',
        mix,
        mixBy: ['language'],
        actor,
      });
      expect(a.manifest.mix).toMatchObject({
        by: ['language'],
        before: { synthetic: 75, human: 55 },
        kept: { synthetic: 35, human: 35 },
        dropped: 60,
        strata: [
          {
            stratum: 'de',
            before: { synthetic: 10, human: 30 },
            kept: { synthetic: 10, human: 10 },
            dropped: 20,
          },
          {
            stratum: 'en',
            before: { synthetic: 60, human: 20 },
            kept: { synthetic: 20, human: 20 },
            dropped: 40,
          },
          { stratum: 'fr', before: { synthetic: 5, human: 5 }, kept: { synthetic: 5, human: 5 }, dropped: 0 },
        ],
      });
      // The frozen rows hold exactly those shares per language.
      const rows = await frozen(store, 'mixby', '1.0.0');
      const shares: Record<string, { synthetic: number; human: number }> = {};
      for (const r of rows) {
        const s = r.snapshot as { language: string; provenance: { origin: string } };
        shares[s.language] ??= { synthetic: 0, human: 0 };
        shares[s.language]![s.provenance.origin === 'synthetic' ? 'synthetic' : 'human']++;
      }
      expect(shares).toEqual({
        en: { synthetic: 20, human: 20 },
        de: { synthetic: 10, human: 10 },
        fr: { synthetic: 5, human: 5 },
      });
      // Without --mix-by the same shares hold only overall (here: en keeps more synthetic records).
      const global = await createRelease(store, { dataset: 'mixby', version: '1.0.1', mix, actor });
      expect(global.manifest.mix?.strata).toBeUndefined();
      expect(global.manifest.mix?.kept).toEqual({ synthetic: 55, human: 55 });
      // Deterministic: the same records again; a --since cut keeps the per-stratum mix.
      const again = await createRelease(store, {
        dataset: 'mixby',
        version: '1.0.2',
        mix,
        mixBy: ['language'],
        actor,
      });
      expect(again.manifest.releaseHash).toBe(a.manifest.releaseHash);
      const next = await createRelease(store, { dataset: 'mixby', since: '1.0.2', actor });
      expect(next.manifest.mix?.by).toEqual(['language']);
      expect(next.manifest.mix?.kept).toEqual({ synthetic: 35, human: 35 });
      const card = datasetCard(a.manifest, {
        format: 'jsonl',
        files: [{ split: 'train', path: 'data/train.jsonl', records: 70, bytes: 1 }],
        changes: null,
      });
      expect(card).toContain('met within each language');
      expect(card).toContain('| en | 20 (50.0%) | 20 (50.0%) | 40 |');
    });

    it('refuses a mix a stratum cannot meet, an unknown --mix-by field and --mix-by alone, writing nothing', async () => {
      await seed(store, 'mixno', 40, (i) =>
        rec(i, { language: i < 20 ? 'en' : 'de', ...(i < 10 ? { provenance: synthetic(i) } : {}) }),
      );
      const mix = parseMix('synthetic=0.3,human=0.7');
      await expect(
        createRelease(store, { dataset: 'mixno', version: '1.0.0', mix, mixBy: ['language'], actor }),
      ).rejects.toThrow(
        /synthetic=0.3 cannot be met in stratum 'de' \(--mix-by language\): it holds no synthetic/,
      );
      await expect(
        createRelease(store, { dataset: 'mixno', version: '1.0.0', mix, mixBy: ['colour'], actor }),
      ).rejects.toThrow(/--mix-by: 'colour' is not/);
      await expect(
        createRelease(store, { dataset: 'mixno', version: '1.0.0', mixBy: ['language'], actor }),
      ).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/--mix-by needs --mix/) });
      expect(await releasesOf(store, 'mixno')).toEqual([]);
      // Over the whole dataset the same mix can be met.
      const ok = await createRelease(store, { dataset: 'mixno', version: '1.0.0', mix, actor });
      expect(ok.manifest.mix?.kept).toEqual({ synthetic: 10, human: 23 });
    });

    it('reports records that overlap evaluation sets per split, and leaves them out when asked', async () => {
      const quoted = new Set([3, 11, 17]);
      await seed(store, 'decon', 30, (i) =>
        rec(i, quoted.has(i) ? { text: `As announced: ${PASSAGE.toUpperCase()}! Record ${i}.` } : {}),
      );
      const evals = file(
        `${JSON.stringify({ id: 'eval-1', text: `Question: ${PASSAGE}. What closes?` })}\n${JSON.stringify({ id: 'eval-2', text: 'too short to index' })}\n`,
      );
      const splits = parseSplits('train=0.5,test=0.5');
      const kept = await createRelease(store, {
        dataset: 'decon',
        version: '1.0.0',
        splits,
        decontaminate: [evals],
        actor,
      });
      const d = kept.manifest.decontamination!;
      expect(d).toMatchObject({
        n: 13,
        found: 3,
        excluded: false,
        files: [{ path: evals, items: 2, skipped: 1 }],
        examples: [
          { externalId: 'r3', evalIds: ['eval-1'] },
          { externalId: 'r11', evalIds: ['eval-1'] },
          { externalId: 'r17', evalIds: ['eval-1'] },
        ],
      });
      expect(d.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.values(d.bySplit).reduce((x, y) => x + y, 0)).toBe(3);
      expect(kept.release.recordCount).toBe(30);

      const out = await createRelease(store, {
        dataset: 'decon',
        version: '1.1.0',
        splits,
        decontaminate: [evals],
        excludeContaminated: true,
        actor,
      });
      expect(out.manifest.decontamination).toMatchObject({ found: 3, excluded: true, bySplit: {} });
      expect(out.release.recordCount).toBe(27);
      const ids = (await frozen(store, 'decon', '1.1.0')).map((r) => r.externalId);
      expect(ids).not.toContain('r3');
      expect(ids).not.toContain('r11');
      expect(ids).toHaveLength(27);
      const card = (m: typeof out.manifest) =>
        datasetCard(m, {
          format: 'jsonl',
          files: m.splits.map((s) => ({
            split: s.name,
            path: `data/${s.name}.jsonl`,
            records: s.records,
            skipped: 0,
            bytes: 1,
          })),
          changes: null,
        });
      expect(card(out.manifest)).toMatch(/3 record\(s\) share a 13-word n-gram .*left out of this release/);
      expect(card(kept.manifest)).toMatch(/3 record\(s\) share a 13-word n-gram .*they are in it: /);
    });

    it('refuses a missing or malformed evaluation set and --exclude-contaminated alone, writing nothing', async () => {
      await seed(store, 'decbad', 5);
      await expect(
        createRelease(store, {
          dataset: 'decbad',
          version: '1.0.0',
          decontaminate: ['/nonexistent/eval.jsonl'],
          actor,
        }),
      ).rejects.toMatchObject({
        code: 'bad_input',
        message: expect.stringMatching(/cannot read evaluation set/),
      });
      const bad = file('{"id": "a", "text": "fine"}\nnot json\n');
      await expect(
        createRelease(store, { dataset: 'decbad', version: '1.0.0', decontaminate: [bad], actor }),
      ).rejects.toMatchObject({ code: 'bad_input', location: { file: bad, line: 2 } });
      await expect(
        createRelease(store, { dataset: 'decbad', version: '1.0.0', excludeContaminated: true, actor }),
      ).rejects.toMatchObject({ code: 'usage' });
      expect(await releasesOf(store, 'decbad')).toEqual([]);
    });
  });
}
