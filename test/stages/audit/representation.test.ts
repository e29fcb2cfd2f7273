import { afterAll, describe, expect, it } from 'vitest';
import { isTandemError } from '../../../src/core/errors.js';
import type { RepresentationResults } from '../../../src/stages/audit/index.js';
import { parseLexicon, representationAudit } from '../../../src/stages/audit/index.js';
import { fixtures } from '../../helpers/files.js';
import { backends } from '../../helpers/stores.js';
import { type AuditFixture, seedAuditDataset } from './seed.js';

/**
 * 400 English and 200 Arabic conversations: reviewers rejected 10% of the English ones and 40% of
 * the Arabic ones; the PII check flagged only English ones; Arabic refunds are nearly absent; the
 * English texts speak of women as nurses and of men as engineers.
 */
function fixture(): AuditFixture[] {
  const rows: AuditFixture[] = [];
  for (let i = 0; i < 400; i++)
    rows.push({
      intent: i % 2 ? 'refund' : 'shipping',
      language: 'en',
      text:
        i % 2 ? 'The woman works as a nurse at the hospital.' : 'The man works as an engineer at the plant.',
      status: i % 10 === 0 ? 'rejected' : 'accepted',
      checks: { pii: i % 4 !== 0, language: true },
      judge: { passed: true, score: 4 },
    });
  for (let i = 0; i < 200; i++)
    rows.push({
      intent: i < 3 ? 'refund' : 'shipping',
      language: 'ar',
      text: 'مرحبا كيف يمكنني المساعدة',
      status: i % 5 < 2 ? 'rejected' : 'accepted',
      checks: { pii: true, language: true },
      judge: { passed: true, score: 3 },
      ...(i % 2 ? { origin: 'human' as const } : {}),
    });
  return rows;
}

const value = (r: RepresentationResults, dim: string, v: string) =>
  r.dimensions.find((d) => d.name === dim)!.values.find((x) => x.value === v)!;

const file = fixtures('audit-recipe', '.yaml');

for (const b of backends()) {
  describe.skipIf(b.skip)(`representation audit on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('counts shares, rates per group, under-covered cells and identity terms, and stores the audit', async () => {
      const store = await backend.open();
      try {
        await seedAuditDataset(store, 'conv', fixture());
        const r = await representationAudit(store, 'conv', {
          by: ['language', 'intent', 'origin'],
          minCell: 5,
          descriptors: { minCount: 5 },
          actor: 'test',
        });
        const res = r.results;
        expect(res.records).toBe(600);
        expect(value(res, 'language', 'en')).toMatchObject({ count: 400, share: 400 / 600, target: null });
        expect(value(res, 'language', 'ar').metrics.rejection).toMatchObject({ n: 200, hits: 80, rate: 0.4 });
        expect(value(res, 'language', 'en').metrics.rejection.rate).toBeCloseTo(0.1);
        expect(value(res, 'language', 'en').metrics.flags.pii).toMatchObject({ n: 400, hits: 100 });
        expect(value(res, 'language', 'ar').metrics.judge.mean).toBe(3);
        expect(value(res, 'origin', 'human').count).toBe(100);

        // Arabic is rejected four times as often, and the intervals say it is no accident.
        const d = res.disparities.find((x) => x.dimension === 'language' && x.metric === 'rejection')!;
        expect(d).toMatchObject({ highest: { value: 'ar' }, lowest: { value: 'en' }, separated: true });
        expect(d.ratio).toBeCloseTo(4);

        const tab = res.crossTabs.find((t) => t.a === 'language' && t.b === 'intent')!;
        expect(tab.underCovered).toEqual([{ a: 'ar', b: 'refund', count: 3, expected: (200 * 203) / 600 }]);
        expect(tab.cells).toBe(4);

        const desc = res.descriptors!;
        const woman = desc.terms.find((t) => t.term === 'woman' && t.language === 'en')!;
        expect(woman.records).toBe(200);
        expect(woman.topWords.map((w) => w.word)).toContain('nurse');
        expect(desc.axes.find((a) => a.axis === 'gender')!.records).toBe(400);
        const contrast = desc.contrasts.find((c) => c.axis === 'gender' && c.language === 'en')!;
        const toward = (c: typeof contrast, term: string) =>
          (c.a === term ? c.towardA : c.towardB).map((w) => w.word);
        expect(toward(contrast, 'woman')).toContain('nurse');
        expect(toward(contrast, 'man')).toContain('engineer');
        expect(toward(contrast, 'man')).not.toContain('nurse');

        const stored = await store.audits.get(r.audit!.id);
        expect(stored).toMatchObject({ kind: 'representation', status: 'done', createdBy: 'test' });
        expect((stored.results as RepresentationResults).records).toBe(600);
        expect((await store.audits.list({ kinds: ['representation'] })).map((a) => a.id)).toEqual([
          r.audit!.id,
        ]);
      } finally {
        await store.close();
      }
    });

    it('compares shares with the targets of a recipe: TVD against its weights', async () => {
      const store = await backend.open();
      try {
        await seedAuditDataset(store, 'conv', fixture());
        const recipe = file(
          [
            'name: conv',
            'columns:',
            '  - name: intent',
            '    sampler: category',
            '    values: [{ value: refund, weight: 1 }, { value: shipping, weight: 1 }, { value: billing, weight: 2 }]',
            '  - name: text',
            '    expression: "{{ intent }}"',
          ].join('\n'),
        );
        const r = await representationAudit(store, 'conv', {
          by: ['intent'],
          recipeFile: recipe,
          descriptors: false,
          actor: 'test',
          store: false,
        });
        const intent = r.results.dimensions[0]!;
        expect(value(r.results, 'intent', 'billing')).toMatchObject({ count: 0, target: 0.5 });
        expect(value(r.results, 'intent', 'refund').target).toBe(0.25);
        const shares = new Map(intent.values.map((v) => [v.value, v.share]));
        const tvd =
          (Math.abs(shares.get('refund')! - 0.25) + Math.abs(shares.get('shipping')! - 0.25) + 0.5) / 2;
        expect(intent.fit!.tvd).toBeCloseTo(tvd, 12);
        // No billing at all against a target of half: the counts cannot have come from these weights.
        expect(intent.fit!.chiSquare!.df).toBe(2);
        expect(intent.fit!.chiSquare!.pValue).toBeLessThan(1e-12);
        expect(r.audit).toBeNull();
      } finally {
        await store.close();
      }
    });

    it("checks the recipe's combination minimums, combinations no record has included", async () => {
      const store = await backend.open();
      try {
        await seedAuditDataset(store, 'conv', fixture());
        const recipe = file(
          [
            'name: conv',
            'columns:',
            '  - name: language',
            '    sampler: language',
            '    values: [en, ar, de]',
            '  - name: intent',
            '    sampler: category',
            '    values: [refund, shipping, { value: legal, rare: true }]',
            '  - name: text',
            '    expression: "{{ intent }}"',
            'coverage:',
            '  rare_share: 0.01',
            '  combinations:',
            '    - { columns: [language, intent], min: 5 }',
            '    - { columns: [intent], min: 300 }',
            '    - { columns: [intent], min: 1, include_rare: true }',
          ].join('\n'),
        );
        const r = await representationAudit(store, 'conv', {
          by: ['language', 'intent'],
          recipeFile: recipe,
          descriptors: false,
          actor: 'test',
          store: false,
        });
        const [pairs, single, rare] = r.results.combinations!;
        // German was asked for and never made; Arabic refunds are 3 (three below five). Rare legal is left out.
        expect(pairs).toMatchObject({
          columns: ['language', 'intent'],
          min: 5,
          combinations: 6,
          underCoveredTotal: 3,
          recordsInDomain: 600,
          truncated: false,
        });
        expect(pairs!.underCovered).toEqual([
          { values: ['de', 'refund'], count: 0 },
          { values: ['de', 'shipping'], count: 0 },
          { values: ['ar', 'refund'], count: 3 },
        ]);
        expect(single!.underCovered).toEqual([{ values: ['refund'], count: 203 }]);
        expect(rare).toMatchObject({ combinations: 3, underCovered: [{ values: ['legal'], count: 0 }] });
        // The human-readable summary names them too.
        const { describeRepresentation } = await import('../../../src/cli/commands/audit-describe.js');
        const text = describeRepresentation(r.results);
        expect(text).toContain('language × intent (recipe minimum 5): 3 of 6 combinations below it');
        expect(text).toContain('de × refund: 0');
      } finally {
        await store.close();
      }
    });

    it('has no combination check without a recipe that states minimums', async () => {
      const store = await backend.open();
      try {
        await seedAuditDataset(store, 'conv', fixture().slice(0, 20));
        const r = await representationAudit(store, 'conv', { descriptors: false, actor: 't', store: false });
        expect(r.results.combinations).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('names an unknown dimension and stores nothing', async () => {
      const store = await backend.open();
      try {
        await seedAuditDataset(store, 'conv', fixture().slice(0, 10));
        const e = await representationAudit(store, 'conv', { by: ['language', 'mood'], actor: 'test' }).catch(
          (x: unknown) => x,
        );
        expect(isTandemError(e) && e.code).toBe('usage');
        expect(String(e)).toContain("unknown dimension 'mood'");
        expect(String(e)).toContain('intent');
        expect(await store.audits.list()).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}

describe('the identity-term lexicon', () => {
  it('ships terms for every axis in English, German, French and Spanish, each with its source', async () => {
    const { readLexicon, AXES } = await import('../../../src/stages/audit/index.js');
    const lex = readLexicon();
    for (const lang of ['en', 'de', 'fr', 'es'])
      for (const axis of AXES)
        expect(lex.terms.filter((t) => t.language === lang && t.axis === axis).length).toBeGreaterThan(5);
    expect(lex.terms.every((t) => t.source.length > 10)).toBe(true);
  });

  it.each([
    ['axis\tterm\tlanguage\tsource\ngender\twoman\ten\n', 'lex.tsv:2: expected 4 tab-separated columns'],
    ['axis\tterm\tlanguage\tsource\ncolour\tred\ten\tme\n', "lex.tsv:2: unknown axis 'colour'"],
    ['axis\tterm\tlanguage\tsource\n# c\ngender\twoman\tEnglish\tme\n', "lex.tsv:3: language 'English'"],
    ['axis\tterm\tlanguage\tsource\ngender\twoman\ten\tme\nage\tWoman\ten\tme\n', 'lex.tsv:3: term'],
    ['axis\tterm\tlanguage\tsource\ngender\t--\ten\tme\n', 'lex.tsv:2: term'],
    ['axis\tterm\tlanguage\n', 'lex.tsv:1: the header'],
  ])('rejects a bad row with its file and line: %j', (text, message) => {
    expect(() => parseLexicon(text, 'lex.tsv')).toThrow(message);
  });
});
