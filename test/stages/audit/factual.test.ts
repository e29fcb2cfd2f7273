import { afterAll, describe, expect, it } from 'vitest';
import { isTandemError } from '../../../src/core/errors.js';
import {
  auditGate,
  type FactualResults,
  type FactualSample,
  factualQueue,
  factualResults,
  recordVerdict,
  startFactualAudit,
} from '../../../src/stages/audit/index.js';
import { stratifiedProportion } from '../../../src/stats/estimate/index.js';
import type { AuditItem } from '../../../src/store/audits.js';
import { backends } from '../../helpers/stores.js';
import { type AuditFixture, seedAuditDataset } from './seed.js';

// 300 English and 100 Arabic records; the judge failed every fifth one.
const rows = (): AuditFixture[] =>
  Array.from({ length: 400 }, (_, i) => ({
    intent: i % 3 ? 'refund' : 'shipping',
    language: i < 300 ? 'en' : 'ar',
    text: `record ${i}`,
    judge: { passed: i % 5 !== 0, score: i % 5 ? 4 : 1 },
  }));

const failure = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  return isTandemError(e) ? `${e.code}: ${e.message}` : String(e);
};

for (const b of backends()) {
  describe.skipIf(b.skip)(`factual audit on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('draws a seeded stratified sample, takes verdicts and estimates the error rate overall, per stratum and by PPI', async () => {
      const store = await backend.open();
      try {
        const ids = await seedAuditDataset(store, 'facts', rows());
        const a = await startFactualAudit(store, 'facts', {
          sample: 40,
          strata: ['language'],
          seed: 7,
          actor: 'cli:t',
        });
        expect(a.sample.strata.map((s) => [s.key, s.size, s.n, s.judged, s.judgeFailed])).toEqual([
          ['language=ar', 100, 10, 100, 20],
          ['language=en', 300, 30, 300, 60],
        ]);
        const q = await factualQueue(store, a.audit.id);
        expect(q.entries).toHaveLength(40);
        expect(new Set(q.entries.map((e) => e.recordId)).size).toBe(40);
        expect(q.entries.every((e) => ids.includes(e.recordId) && e.record?.fields.text)).toBe(true);
        // The same seed draws the same sample in the same order.
        const again = await startFactualAudit(store, 'facts', {
          sample: 40,
          strata: ['language'],
          seed: 7,
          actor: 'cli:t',
        });
        expect((await store.audits.items(again.audit.id)).map((i) => i.recordId)).toEqual(
          q.entries.map((e) => e.recordId),
        );

        // Auditors find the judge right: a record is wrong exactly when the judge failed it.
        let last: FactualResults | undefined;
        for (const e of q.entries) {
          const i = ids.indexOf(e.recordId);
          const r = await recordVerdict(
            store,
            a.audit.id,
            e.recordId,
            i % 5 === 0
              ? { verdict: 'incorrect', note: 'wrong date', wrongClaims: ['founded in 1999'] }
              : { verdict: 'correct' },
            'user:ann',
          );
          last = r.results;
        }
        const res = last!;
        const strata = res.strata.map((s) => ({ size: s.size, n: s.audited, successes: s.incorrect }));
        expect(res.errorRate!.estimate).toBeCloseTo(stratifiedProportion(strata).estimate, 12);
        expect(res.errorRate!.lo).toBeLessThanOrEqual(res.errorRate!.estimate);
        expect(res.judge!.accuracy!.estimate).toBe(1);
        // A perfect judge on every record: PPI per stratum, weighted by size, lands near the judge's
        // rate, 80 of 400, and is tighter than the sample alone.
        expect(res.ppi).toMatchObject({ method: 'stratified', nLabelled: 40, nTotal: 400 });
        const [ar, en] = res.strata;
        expect(res.ppi!.estimate).toBeCloseTo(0.25 * ar!.ppi!.estimate + 0.75 * en!.ppi!.estimate, 12);
        expect(Math.abs(res.ppi!.estimate - 0.2)).toBeLessThan(0.01);
        expect(res.ppi!.lo).toBeLessThan(0.2);
        expect(res.ppi!.hi).toBeGreaterThan(0.2);
        expect(ar!.ppi!.lambda).toBeGreaterThan(0.8);
        expect(res.ppi!.hi - res.ppi!.lo).toBeLessThan(res.errorRate!.hi - res.errorRate!.lo);
        expect(res.pending).toBe(0);
        const stored = await store.audits.get(a.audit.id);
        expect(stored.status).toBe('done');
        const item = (await store.audits.items(a.audit.id)).find((x) => x.verdict === 'incorrect')!;
        expect(item).toMatchObject({
          note: 'wrong date',
          wrongClaims: ['founded in 1999'],
          auditor: 'user:ann',
        });

        // The gate takes the finished audit, and not one older than the records.
        expect((await auditGate(store, 'facts', ['factual'], 0)).passed).toBe(true);
        const gate = await auditGate(store, 'facts', ['factual', 'representation'], 0);
        expect(gate.passed).toBe(false);
        expect(gate.checks[1]).toMatchObject({ kind: 'representation', status: 'missing' });
        const later = await auditGate(store, 'facts', ['factual'], Date.now() + 60_000);
        expect(later.checks[0]).toMatchObject({ status: 'missing' });
      } finally {
        await store.close();
      }
    });

    it('decides by an ISO 2859-1 plan, and refuses bad samples without storing anything', async () => {
      const store = await backend.open();
      try {
        const ids = await seedAuditDataset(store, 'facts', rows());
        // Lot 400, AQL 1.0, level II: code letter H, n = 50, Ac 1, Re 2.
        const a = await startFactualAudit(store, 'facts', { planAql: 1.0, seed: 3, actor: 'cli:t' });
        expect(a.sample.plan).toMatchObject({ codeLetter: 'H', sampleSize: 50, accept: 1, reject: 2 });
        const items = await store.audits.items(a.audit.id);
        expect(items).toHaveLength(50);
        let r = await recordVerdict(
          store,
          a.audit.id,
          items[0]!.recordId,
          { verdict: 'incorrect' },
          'user:ann',
        );
        expect(r.results.plan!.decision).toBe('pending');
        r = await recordVerdict(store, a.audit.id, items[1]!.recordId, { verdict: 'incorrect' }, 'user:ann');
        expect(r.results.plan!.decision).toBe('rejected');
        expect((await auditGate(store, 'facts', ['factual'], 0)).checks[0]).toMatchObject({
          status: 'failed',
        });
        expect(
          await failure(
            recordVerdict(store, a.audit.id, ids[0]! + 100000, { verdict: 'correct' }, 'user:ann'),
          ),
        ).toContain('not in the sample');

        const before = (await store.audits.list()).length;
        expect(await failure(startFactualAudit(store, 'facts', { sample: 401, actor: 't' }))).toBe(
          'bad_input: --sample 401 is larger than the 400 records to audit',
        );
        expect(
          await failure(startFactualAudit(store, 'facts', { sample: 1, strata: ['language'], actor: 't' })),
        ).toContain('smaller than the 2 strata');
        expect(
          await failure(startFactualAudit(store, 'facts', { sample: 5, strata: ['mood'], actor: 't' })),
        ).toContain("usage: unknown dimension 'mood'");
        expect(
          await failure(startFactualAudit(store, 'facts', { sample: 10, planAql: 1.0, actor: 't' })),
        ).toContain('inspects 50 records');
        expect((await store.audits.list()).length).toBe(before);
      } finally {
        await store.close();
      }
    });
  });
}

describe('factual estimates from verdicts', () => {
  const item = (recordId: number, stratum: string, verdict: 'correct' | 'incorrect' | null): AuditItem => ({
    recordId,
    stratum,
    position: recordId,
    verdict,
    note: null,
    wrongClaims: [],
    auditor: null,
    at: null,
  });
  // Two strata of 100 and 900 records; the judge failed 50 and 90 of them, and the sampled ones as listed.
  const sample: FactualSample = {
    seed: 1,
    population: 1000,
    plan: null,
    strata: [
      { key: 'language=ar', size: 100, n: 4, judged: 100, judgeFailed: 50 },
      { key: 'language=en', size: 900, n: 4, judged: 900, judgeFailed: 90 },
    ],
    judge: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0 },
  };

  it('pools PPI over the strata, with a note, while a stratum has fewer than 2 audited records', () => {
    const items = [
      item(1, 'language=ar', 'incorrect'),
      item(2, 'language=ar', null),
      item(5, 'language=en', 'incorrect'),
      item(6, 'language=en', 'correct'),
      item(7, 'language=en', 'correct'),
    ];
    const r = factualResults(sample, items);
    expect(r.ppi!.method).toBe('pooled');
    expect(r.notes.join()).toContain('1 strata have fewer than 2 audited records (e.g. language=ar)');
    expect(r.strata[0]!.ppi).toBeUndefined();
  });

  it('estimates per stratum and weights by size once each stratum has 2 audited records', () => {
    const items = [
      item(1, 'language=ar', 'incorrect'),
      item(3, 'language=ar', 'correct'),
      item(5, 'language=en', 'incorrect'),
      item(6, 'language=en', 'correct'),
      item(7, 'language=en', 'correct'),
    ];
    const r = factualResults(sample, items);
    expect(r.ppi!.method).toBe('stratified');
    const [ar, en] = r.strata;
    expect(r.ppi!.estimate).toBeCloseTo(0.1 * ar!.ppi!.estimate + 0.9 * en!.ppi!.estimate, 12);
    // The judge agreed with every verdict: each stratum's estimate is near its judge rate (50%, 10%).
    expect(Math.abs(ar!.ppi!.estimate - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(en!.ppi!.estimate - 0.1)).toBeLessThan(0.05);
  });
});
