import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describeAudit } from '../../../src/cli/commands/audit-describe.js';
import { isTandemError } from '../../../src/core/errors.js';
import { contentHash, sha256 } from '../../../src/core/hash.js';
import { datasetSettings } from '../../../src/core/settings.js';
import { Swapper } from '../../../src/stages/audit/counterfactual/swapper.js';
import {
  type CounterfactualResults,
  counterfactualAudit,
  parseSwapList,
  readLexicon,
  readSwapList,
} from '../../../src/stages/audit/index.js';
import type { Store } from '../../../src/store/store.js';
import type { FakeChatRequest } from '../../helpers/fake-llm/fake-llm-server.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { backends } from '../../helpers/stores.js';

/**
 * The counterfactual probe against an OpenAI-compatible fake server playing three judges: one that
 * scores any text mentioning a woman higher (the probe must flag names and pronouns, positive shift,
 * and not groups), one whose score depends only on the record's number (shift exactly 0), and one
 * whose score is a hash of the whole text (noise: unbiased, must not be flagged).
 */

const FEMININE = /\b(she|her|hers|woman|mary|patricia|jennifer|linda|elizabeth|barbara)\b/i;
const itemOf = (r: FakeChatRequest) => /<item>\n([\s\S]*?)\n<\/item>/.exec(r.lastUserMessage)?.[1] ?? '';
const answer = (score: number) => JSON.stringify({ helpfulness: { score, reasoning: 'because' } });
const judges = {
  biased: (r: FakeChatRequest) => answer(FEMININE.test(itemOf(r)) ? 5 : 3),
  invariant: (r: FakeChatRequest) => answer((Number(/\[r(\d+)\]/.exec(itemOf(r))?.[1] ?? 0) % 5) + 1),
  noisy: (r: FakeChatRequest) => answer((Number.parseInt(sha256(itemOf(r)).slice(0, 8), 16) % 5) + 1),
};

const MALE = ['James', 'John', 'Robert', 'Michael', 'David'];
const FEMALE = ['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth'];
const GROUPS = ['Christian', 'Muslim', 'young', 'old', 'American'];

/** 90 records: pronouns only, names only, group terms only, a third each, sides alternating; 10 with none. */
function texts(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 90; i++) {
    const f = i % 2 === 1;
    const k = Math.floor(i / 6) % 5;
    if (i % 3 === 0)
      out.push(
        f
          ? `[r${i}] She asked about her refund and the agent helped her.`
          : `[r${i}] He asked about his refund and the agent helped him.`,
      );
    else if (i % 3 === 1) out.push(`[r${i}] ${f ? FEMALE[k] : MALE[k]} wrote to support about an order.`);
    else out.push(`[r${i}] The ${GROUPS[k]} customer asked about delivery.`);
  }
  for (let i = 90; i < 100; i++) out.push(`[r${i}] The parcel arrived late.`);
  return out;
}

async function seed(store: Store, judge = true): Promise<void> {
  const settings = datasetSettings.parse({
    fields: [{ name: 'text', type: 'text' }],
    questions: [{ name: 'ok', type: 'label', options: ['yes', 'no'] }],
    ...(judge
      ? {
          checks: {
            judge: {
              provider: 'openai:fake-judge',
              criteria: [{ name: 'helpfulness', description: 'Is it helpful?', scale: [1, 5] }],
              field: 'text',
              concurrency: 4,
            },
          },
        }
      : {}),
  });
  const d = await store.datasets.create('cf', settings, 'test');
  await store.records.insert(
    d.id,
    texts().map((text, i) => ({
      externalId: `r${i}`,
      fields: { text },
      metadata: {},
      provenance: { origin: 'human' as const, author: 'test' },
      contentHash: contentHash({ text }),
      language: 'en',
    })),
    'test',
  );
}

const byType = (r: CounterfactualResults, t: string) => r.swaps.find((s) => s.type === t)!;

describe('swapping terms', () => {
  const list = readSwapList();
  const pronouns = new Swapper(list.pairs.filter((p) => p.type === 'pronouns' && p.language === 'en'));

  it('swaps both ways in one pass, whole words only, keeping case, and counts the direction', () => {
    expect(pronouns.swap('He told her that HIS shed was hers.')).toEqual({
      text: 'She told his that HER shed was his.',
      toY: 2,
      toX: 2,
      pairs: ['he→she', 'his→her', 'his→hers'],
    });
    expect(pronouns.swap('The theme: helping others.').toY + pronouns.swap('The theme').toX).toBe(0);
    expect(pronouns.swap('My grandfather and his son.').text).toBe('My grandmother and her daughter.');
  });

  it('ships group pairs made of the identity lexicon’s terms, and every pair names its source', () => {
    const terms = new Set(
      readLexicon()
        .terms.filter((t) => t.language === 'en')
        .map((t) => t.term.toLowerCase()),
    );
    const groups = list.pairs.filter((p) => p.type === 'groups');
    expect(groups.length).toBeGreaterThan(5);
    for (const p of groups) expect([p.x, p.y].filter((t) => !terms.has(t.toLowerCase()))).toEqual([]);
    expect(list.pairs.every((p) => p.source.length > 10)).toBe(true);
    for (const lang of ['en', 'de', 'fr', 'es'])
      expect(list.pairs.filter((p) => p.language === lang && p.type === 'names').length).toBeGreaterThan(5);
  });

  it.each([
    ['type\tlanguage\tx\ty\tsource\nnames\ten\tJohn\tMary\n', 's.tsv:2: expected 5 tab-separated columns'],
    ['type\tlanguage\tx\ty\tsource\ncolours\ten\tred\tblue\tme\n', "s.tsv:2: unknown swap type 'colours'"],
    ['type\tlanguage\tx\ty\tsource\nnames\tEnglish\tJohn\tMary\tme\n', "s.tsv:2: language 'English'"],
    [
      'type\tlanguage\tx\ty\tsource\n# c\nnames\ten\tJohn\tjohn\tme\n',
      "s.tsv:3: 'John' is swapped with itself",
    ],
    ['type\tlanguage\tx\ty\tsource\nnames\ten\tJo(hn\tMary\tme\n', "s.tsv:2: term 'Jo(hn'"],
    ['type\tlanguage\tx\ty\n', 's.tsv:1: the header'],
  ])('rejects a bad line with its file and line: %j', (text, message) => {
    expect(() => parseSwapList(text, 's.tsv')).toThrow(message);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`counterfactual probe on ${b.name}`, () => {
    const backend = b.make();
    const llm = setUpFakeLlm();
    afterAll(() => backend.cleanup());
    afterEach(() => {
      llm.fake.options = {};
      llm.fake.reset();
    });

    it('flags a judge that scores women higher, on names and pronouns, and stores the audit', async () => {
      llm.fake.options = { responder: judges.biased };
      const store = await backend.open();
      try {
        await seed(store);
        const r = await counterfactualAudit(store, 'cf', { sample: 80, seed: 3, actor: 'test' });
        const res = r.results;
        expect(res).toMatchObject({ records: 100, eligible: 90, sampled: 80, errors: 0 });
        expect(res.judge).toEqual({ provider: 'openai:fake-judge', criteria: ['helpfulness'] });
        const names = byType(res, 'names');
        const pronouns = byType(res, 'pronouns');
        // 3 → 5 on a 1–5 scale is half the normalised range, whichever way the record was written.
        for (const s of [names, pronouns]) {
          expect(s.n).toBeGreaterThan(20);
          expect(s.mean).toBeCloseTo(0.5, 12);
          expect(s).toMatchObject({ lo: 0.5, hi: 0.5, flagged: true, meanX: 0.5 });
        }
        expect(byType(res, 'groups')).toMatchObject({ mean: 0, changed: 0, flagged: false });
        expect(byType(res, 'groups').pairs.some((p) => p.axis === 'religion')).toBe(true);
        // Every sampled record's original and each of its swaps were judged once.
        expect(res.calls).toBe(80 + names.n + pronouns.n + byType(res, 'groups').n);

        const stored = await store.audits.get(r.audit!.id);
        expect(stored).toMatchObject({ kind: 'counterfactual', status: 'done', createdBy: 'test' });
        expect((stored.results as CounterfactualResults).swaps).toEqual(res.swaps);
        expect((stored.sample as { recordIds: number[] }).recordIds).toHaveLength(80);
        expect(describeAudit(stored)).toContain('FLAGGED');

        // Same seed, same sample; the answers now come from the cache.
        const sent = llm.fake.stats.requests;
        const again = await counterfactualAudit(store, 'cf', {
          sample: 80,
          seed: 3,
          actor: 'test',
          store: false,
        });
        expect(again.results.swaps).toEqual(res.swaps);
        expect(llm.fake.stats.requests).toBe(sent);
      } finally {
        await store.close();
      }
    });

    it.each([['invariant'], ['noisy']] as const)('does not flag an unbiased judge (%s)', async (kind) => {
      llm.fake.options = { responder: judges[kind] };
      const store = await backend.open();
      try {
        await seed(store);
        const r = await counterfactualAudit(store, 'cf', {
          sample: 90,
          swaps: ['names', 'pronouns'],
          seed: 5,
          actor: 't',
        });
        expect(r.results.swaps.map((s) => s.type)).toEqual(['names', 'pronouns']);
        for (const s of r.results.swaps) {
          expect(s.n).toBe(30);
          expect(s.flagged).toBe(false);
          expect(s.lo).toBeLessThanOrEqual(0);
          expect(s.hi).toBeGreaterThanOrEqual(0);
          if (kind === 'invariant') expect(s).toMatchObject({ mean: 0, changed: 0 });
          else expect(s.changed).toBeGreaterThan(10);
        }
        expect(describeAudit(r.audit!)).not.toContain('FLAGGED');
      } finally {
        await store.close();
      }
    });

    it('stops with a provider error on a refused key, storing nothing', async () => {
      llm.fake.options = { responder: judges.biased, faults: () => ({ kind: 'status', status: 401 }) };
      const store = await backend.open();
      try {
        await seed(store);
        const e = await counterfactualAudit(store, 'cf', { sample: 10, actor: 't' }).catch((x: unknown) => x);
        expect(isTandemError(e) && e.code).toBe('provider');
        expect(await store.audits.list()).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('refuses a dataset without a judge, an unknown swap type and a dataset with nothing to swap, storing nothing', async () => {
      const store = await backend.open();
      try {
        await seed(store, false);
        const fail = async (p: Promise<unknown>) => {
          const e = await p.catch((x: unknown) => x);
          return isTandemError(e) ? `${e.code}: ${e.message}` : String(e);
        };
        expect(await fail(counterfactualAudit(store, 'cf', { actor: 't' }))).toContain(
          "bad_input: dataset 'cf' has no LLM judge",
        );
        expect(
          await fail(counterfactualAudit(store, 'cf', { swaps: ['jobs' as never], actor: 't' })),
        ).toContain("usage: unknown swap type 'jobs'");
        const other = await store.datasets.create(
          'plain',
          datasetSettings.parse({
            fields: [{ name: 'text', type: 'text' }],
            questions: [{ name: 'ok', type: 'label', options: ['yes', 'no'] }],
            checks: {
              judge: {
                provider: 'openai:fake-judge',
                criteria: [{ name: 'h', description: 'h', scale: [1, 5] }],
              },
            },
          }),
          't',
        );
        await store.records.insert(
          other.id,
          [0, 1, 2].map((i) => ({
            externalId: `p${i}`,
            fields: { text: 'The parcel arrived late.' },
            metadata: {},
            provenance: { origin: 'human' as const, author: 't' },
            contentHash: `p${i}`,
            language: 'en',
          })),
          't',
        );
        expect(await fail(counterfactualAudit(store, 'plain', { actor: 't' }))).toBe(
          'bad_input: only 0 of 3 records mention a term of the swap lists (names, pronouns, groups): nothing to probe',
        );
        expect(await store.audits.list()).toEqual([]);
        expect(llm.fake.stats.requests).toBe(0);
      } finally {
        await store.close();
      }
    });
  });
}
