import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import {
  cohensKappa,
  computeAgreement,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  RATIO_MAX_VALUES,
  reliabilityData,
} from '../../src/stats/agreement/index.js';
import { fromCounts, fromRows, fromTable } from './agreement-fixtures.js';

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania, section "C. Nominal data, any number of observers, missing
// values" and the following sections: 4 observers × 12 units with missing values, published
// alpha nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797. (Gwet 2014, p. 120, prints the same
// data as "4 raters × 12 subjects"; there the lone value of unit 12 is rater 3's. A unit with one value
// is not pairable, so this changes no alpha.)
const krippendorff2011 = fromRows({
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
});

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; counts of raters
// per subject and category. Published: P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
const wikipediaFleiss = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("Krippendorff's alpha: published values", () => {
  const data = reliabilityData(krippendorff2011);

  it('reproduces Krippendorff (2011) at all four levels', () => {
    expect(krippendorffAlpha(data, 'nominal').alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(data, 'ordinal').alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(data, 'interval').alpha).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(data, 'ratio').alpha).toBeCloseTo(0.797, 3);
  });

  it('counts what the paper counts: 11 pairable units, n = 40 pairable values', () => {
    // Krippendorff (2011): unit 12 has one value and is not pairable; n.. = 40.
    const r = krippendorffAlpha(data, 'nominal');
    expect(r.items).toBe(11);
    expect(r.values).toBe(40);
    expect(r.annotators).toBe(4);
  });
});

describe("Fleiss' kappa: published values", () => {
  it("reproduces Wikipedia's example (kappa 0.210)", () => {
    const r = fleissKappa(reliabilityData(fromCounts(wikipediaFleiss)));
    expect(r.observedAgreement).toBeCloseTo(0.378, 3);
    expect(r.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
    expect(r.items).toBe(10);
    expect(r.annotators).toBe(14);
  });

  it("reproduces Gwet's generalisation for missing ratings on the 4 × 12 data (0.761)", () => {
    // Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., p. 120 data ("4 raters ×
    // 12 subjects", the same as Krippendorff's above); Fleiss' generalised kappa p_a = 0.818,
    // p_e = 0.239, kappa = 0.761, as output by Gwet's irrCAC (fleiss.kappa.raw) and its Python port's
    // test suite (afergadis/irrCAC, test/unit/irrCAC/raw/test_fleiss.py).
    const r = fleissKappa(reliabilityData(krippendorff2011));
    expect(r.observedAgreement).toBeCloseTo(0.818, 3);
    expect(r.expectedAgreement).toBeCloseTo(0.239, 3);
    expect(r.kappa).toBeCloseTo(0.761, 3);
    expect(r.items).toBe(11);
    expect(r.rated).toBe(12);
  });
});

describe("Cohen's kappa: published values", () => {
  it("reproduces Wikipedia's 2 × 2 example (kappa 0.4)", () => {
    // Wikipedia, "Cohen's kappa", simple example: 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes,
    // 15 no/no; p_o = 0.7, p_e = 0.5, kappa = 0.4.
    const data = reliabilityData(
      fromTable(
        [
          [20, 5],
          [10, 15],
        ],
        (i) => (i === 0 ? 'yes' : 'no'),
      ),
    );
    const r = cohensKappa(data);
    expect(r.kappa).toBeCloseTo(0.4, 10);
    expect(1 - r.observedDisagreement).toBeCloseTo(0.7, 10);
    expect(1 - r.expectedDisagreement).toBeCloseTo(0.5, 10);
    expect(r.items).toBe(50);
  });

  // Gwet (2014), Handbook, 4th ed.: 100 pregnant women classified by two abstractors into Ectopic,
  // AIU and NIU (irrCAC dataset cont3x3abstractors); and 223 psychiatric patients by clinical and
  // research diagnosis (cont4x4diagnosis). Published by irrCAC's kappa2.table and reproduced in
  // afergadis/irrCAC test/unit/irrCAC/table/test_cohen.py: unweighted, linear and quadratic weights
  // (categories scored 1..q, so ranks and values coincide).
  it('reproduces Gwet (2014) 3 × 3 abstractors: 0.796, linear 0.843, quadratic 0.892', () => {
    const data = reliabilityData(
      fromTable([
        [13, 0, 0],
        [0, 20, 7],
        [0, 4, 56],
      ]),
    );
    expect(cohensKappa(data, 'nominal').kappa).toBeCloseTo(0.796, 3);
    expect(cohensKappa(data, 'ordinal').kappa).toBeCloseTo(0.843, 3);
    expect(cohensKappa(data, 'interval').kappa).toBeCloseTo(0.892, 3);
  });

  it('reproduces Gwet (2014) 4 × 4 diagnoses: 0.432, linear 0.407, quadratic 0.383', () => {
    const data = reliabilityData(
      fromTable([
        [40, 4, 4, 17],
        [6, 25, 2, 13],
        [4, 1, 21, 12],
        [15, 5, 9, 45],
      ]),
    );
    expect(cohensKappa(data, 'nominal').kappa).toBeCloseTo(0.432, 3);
    expect(cohensKappa(data, 'ordinal').kappa).toBeCloseTo(0.407, 3);
    expect(cohensKappa(data, 'interval').kappa).toBeCloseTo(0.383, 3);
  });
});

describe('percent agreement', () => {
  it('is the share of items two annotators agree on', () => {
    // The Wikipedia 2 × 2 example again: 35 of 50 agree.
    const r = percentAgreement(
      reliabilityData(
        fromTable([
          [20, 5],
          [10, 15],
        ]),
      ),
    );
    expect(r.agreement).toBe(0.7);
    expect(r.agreed).toBe(35);
  });

  it('is the mean pairwise agreement per item with more annotators (Fleiss P̄)', () => {
    const r = percentAgreement(reliabilityData(fromCounts(wikipediaFleiss)));
    expect(r.agreement).toBeCloseTo(0.378, 3);
    expect(r.agreed).toBeNull();
  });
});

describe('edge cases', () => {
  const expectBadInput = (fn: () => unknown, message: RegExp) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).code).toBe('bad_input');
      expect((e as TandemError).message).toMatch(message);
      return;
    }
    throw new Error('expected a bad_input error');
  };

  it('rejects data with no pairable unit', () => {
    const data = reliabilityData([
      { item: 1, annotator: 'a', value: 1 },
      { item: 2, annotator: 'b', value: 2 },
      { item: 3, annotator: 'a', value: null },
    ]);
    expectBadInput(() => krippendorffAlpha(data), /no item has more than one/);
    expectBadInput(() => fleissKappa(data), /no item has more than one/);
    expectBadInput(() => percentAgreement(data), /no item has more than one/);
    expectBadInput(() => cohensKappa(data), /share none/);
    expectBadInput(() => krippendorffAlpha(reliabilityData([])), /no item has more than one/);
  });

  it('rejects data without variation: chance-corrected agreement is undefined', () => {
    const data = reliabilityData(fromRows({ A: ['yes', 'yes', 'yes'], B: ['yes', 'yes', null] }));
    for (const fn of [() => krippendorffAlpha(data), () => fleissKappa(data), () => cohensKappa(data)])
      expectBadInput(fn, /no variation: every value is 'yes', so agreement beyond chance is undefined/);
    // A value outside the pairable units does not count as variation.
    const lone = reliabilityData(fromRows({ A: [1, 1, 2], B: [1, 1, null] }));
    expectBadInput(() => krippendorffAlpha(lone, 'interval'), /every value is '1'/);
    // Percent agreement has no chance correction, so it is defined: 1.
    expect(percentAgreement(data).agreement).toBe(1);
  });

  it('needs numbers at the ordinal, interval and ratio levels, and values ≥ 0 at ratio', () => {
    const words = reliabilityData(fromRows({ A: ['low', 'high'], B: ['low', 'low'] }));
    expectBadInput(() => krippendorffAlpha(words, 'ordinal'), /needs numbers, but the value 'high'/);
    expectBadInput(() => cohensKappa(words, 'interval'), /needs numbers/);
    const numericString = reliabilityData(fromRows({ A: [1, '2'], B: [1, 2] }));
    expectBadInput(() => krippendorffAlpha(numericString, 'interval'), /the value '2' is not a JSON number/);
    const negative = reliabilityData(fromRows({ A: [-1, 2], B: [-1, 3] }));
    expectBadInput(() => krippendorffAlpha(negative, 'ratio'), /values ≥ 0/);
    expect(krippendorffAlpha(negative, 'interval').alpha).toBeGreaterThan(0);
  });

  it('refuses the ratio level on more distinct values than it can pair quickly', () => {
    const many = reliabilityData(
      Array.from({ length: RATIO_MAX_VALUES / 2 + 1 }, (_, i) => [
        { item: i, annotator: 'a', value: i },
        { item: i, annotator: 'b', value: i + 0.5 },
      ]).flat(),
    );
    expectBadInput(() => krippendorffAlpha(many, 'ratio'), /10002 distinct values \(at most 10000\)/);
    expect(krippendorffAlpha(many, 'interval').alpha).toBeGreaterThan(0.99);
  });

  it("Cohen's kappa needs exactly two annotators and has no ratio level", () => {
    const three = reliabilityData(fromRows({ A: [1, 2], B: [1, 2], C: [2, 2] }));
    expectBadInput(() => cohensKappa(three), /exactly two annotators, and the data has 3 \('A', 'B', 'C'\)/);
    const two = reliabilityData(fromRows({ A: [1, 2], B: [1, 2] }));
    expect(() => cohensKappa(two, 'ratio')).toThrow(/not 'ratio'/);
  });

  it('drops items only one of the two annotators judged', () => {
    const data = reliabilityData(fromRows({ A: [1, 2, 1, 2, 1], B: [1, 2, null, 1, 1] }));
    expect(cohensKappa(data).items).toBe(4);
  });

  it('rejects an annotator judging an item twice, naming both judgements', () => {
    try {
      reliabilityData([
        { item: 'x', annotator: 'ann', value: 1 },
        { item: 'y', annotator: 'ann', value: 1 },
        { item: 'x', annotator: 'ann', value: 2 },
      ]);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as TandemError).code).toBe('bad_input');
      expect((e as TandemError).message).toBe("annotator 'ann' judged item 'x' more than once");
      expect((e as TandemError).details).toMatchObject({ first: 1, second: 3 });
    }
  });

  it('treats 1 and "1" as the same item, annotator and value label', () => {
    const data = reliabilityData([
      { item: 1, annotator: 7, value: 'a' },
      { item: '1', annotator: 'b', value: 'a' },
      { item: 2, annotator: '7', value: 1 },
      { item: 2, annotator: 'b', value: '1' },
    ]);
    expect(data.items).toEqual(['1', '2']);
    expect(data.annotators).toEqual(['7', 'b']);
    expect(data.categories).toEqual(['1', 'a']);
    expect(data.scores).toBeNull();
  });

  it('rejects levels a metric does not have with a usage error', () => {
    const data = reliabilityData(krippendorff2011);
    for (const [metric, level] of [
      ['fleiss', 'ordinal'],
      ['percent', 'interval'],
      ['cohen', 'ratio'],
    ] as const) {
      try {
        computeAgreement(data, { metric, level });
        throw new Error('expected an error');
      } catch (e) {
        expect((e as TandemError).code).toBe('usage');
      }
    }
  });
});

describe('computeAgreement', () => {
  it('reports value, counts and a reproducible bootstrap interval', () => {
    const data = reliabilityData(krippendorff2011);
    const a = computeAgreement(data, { metric: 'krippendorff', level: 'interval', ci: { seed: 5 } });
    const b = computeAgreement(data, { metric: 'krippendorff', level: 'interval', ci: { seed: 5 } });
    expect(a.value).toBeCloseTo(0.849, 3);
    expect(a.items).toBe(11);
    expect(a.annotators).toBe(4);
    expect(a.ci).toEqual(b.ci);
    expect(a.ci![0]).toBeLessThanOrEqual(a.value);
    expect(a.ci![1]).toBeGreaterThanOrEqual(a.value);
    expect(a.interval).toMatchObject({ method: 'bootstrap', level: 0.95, resamples: 1000, seed: 5 });
    expect(computeAgreement(data, { ci: false }).ci).toBeNull();
  });

  it("uses Wilson's interval for percent agreement between two annotators", () => {
    const r = computeAgreement(
      reliabilityData(
        fromTable([
          [20, 5],
          [10, 15],
        ]),
      ),
      { metric: 'percent' },
    );
    expect(r.value).toBe(0.7);
    expect(r.interval).toEqual({ method: 'wilson', level: 0.95 });
    // Wilson score interval for 35/50 at 95%.
    expect(r.ci![0]).toBeCloseTo(0.5625, 4);
    expect(r.ci![1]).toBeCloseTo(0.809, 4);
  });
});
