import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import {
  AQL_VALUES,
  CODE_LETTERS,
  codeLetterFor,
  INSPECTION_LEVELS,
  type InspectionLevel,
  iso2859Plan,
} from '../../src/stats/acceptance/index.js';

// Expected values are read off ISO 2859-1:1999 Table 1 and Table 2-A (identical to ANSI/ASQ Z1.4
// Tables I and II-A and MIL-STD-105E), arrows followed by hand.

describe('Table 1: sample size code letters', () => {
  // lot → letters for S-1, S-2, S-3, S-4, I, II, III
  const rows: [number, string][] = [
    [2, 'AAAAAAB'],
    [8, 'AAAAAAB'],
    [9, 'AAAAABC'],
    [25, 'AABBBCD'],
    [26, 'ABBCCDE'],
    [90, 'BBCCCEF'],
    [150, 'BBCDDFG'],
    [280, 'BCDEEGH'],
    [500, 'BCDEFHJ'],
    [501, 'CCEFGJK'],
    [1000, 'CCEFGJK'],
    [3200, 'CDEGHKL'],
    [10000, 'CDFGJLM'],
    [35000, 'CDFHKMN'],
    [35001, 'DEGJLNP'],
    [500000, 'DEGJMPQ'],
    [500001, 'DEHKNQR'],
    [10_000_000, 'DEHKNQR'],
  ];
  it.each(rows)('lot %i', (lot, letters) => {
    expect(INSPECTION_LEVELS.map((level) => codeLetterFor(lot, level)).join('')).toBe(letters);
  });
});

describe('Table 2-A: single sampling plans, normal inspection', () => {
  // [lot, level, aql, code letter, n, Ac, Re]
  const cells: [number, InspectionLevel, number, string, number, number, number][] = [
    // Lot 1000, level II → J (n = 80): the row most audits use.
    [1000, 'II', 1.0, 'J', 80, 2, 3],
    [1000, 'II', 0.65, 'J', 80, 1, 2],
    [1000, 'II', 1.5, 'J', 80, 3, 4],
    [1000, 'II', 2.5, 'J', 80, 5, 6],
    [1000, 'II', 4.0, 'J', 80, 7, 8],
    [1000, 'II', 6.5, 'J', 80, 10, 11],
    [1000, 'II', 10, 'J', 80, 14, 15],
    [1000, 'II', 15, 'J', 80, 21, 22],
    [1000, 'II', 0.15, 'J', 80, 0, 1],
    // ↑ between 0/1 and 1/2: use the plan above (H, n = 50, 0/1) …
    [1000, 'II', 0.25, 'J', 50, 0, 1],
    // … and ↓ right after it: the plan below (K, n = 125, 1/2).
    [1000, 'II', 0.4, 'J', 125, 1, 2],
    // ↓ through the zero-acceptance diagonal: 0.10 → K (125), 0.065 → L (200), 0.010 → Q (1250).
    [1000, 'II', 0.1, 'J', 125, 0, 1],
    [1000, 'II', 0.065, 'J', 200, 0, 1],
    [1000, 'II', 0.01, 'J', 1250, 0, 1],
    // Past 21/22 the arrow points up: J at AQL 25 uses H (n = 50), 21/22.
    [1000, 'II', 25, 'J', 50, 21, 22],
    // K (n = 125)
    [2000, 'II', 0.65, 'K', 125, 2, 3],
    [2000, 'II', 1.0, 'K', 125, 3, 4],
    [2000, 'II', 2.5, 'K', 125, 7, 8],
    [2000, 'II', 4.0, 'K', 125, 10, 11],
    // H (n = 50), F (n = 20), G (n = 32)
    [400, 'II', 1.0, 'H', 50, 1, 2],
    [400, 'II', 2.5, 'H', 50, 3, 4],
    [400, 'II', 4.0, 'H', 50, 5, 6],
    [100, 'II', 2.5, 'F', 20, 1, 2],
    [100, 'II', 4.0, 'F', 20, 2, 3],
    [100, 'II', 6.5, 'F', 20, 3, 4],
    [200, 'II', 0.4, 'G', 32, 0, 1],
    [200, 'II', 0.65, 'G', 20, 0, 1],
    [200, 'II', 1.0, 'G', 50, 1, 2],
    [200, 'II', 1.5, 'G', 32, 1, 2],
    // Large lots: N (500) and Q (1250) end at 21/22.
    [100000, 'II', 2.5, 'N', 500, 21, 22],
    [100000, 'II', 0.4, 'N', 500, 5, 6],
    [1000000, 'II', 1.0, 'Q', 1250, 21, 22],
    [1000000, 'II', 0.1, 'Q', 1250, 3, 4],
    // Row R: ↑ at 0.010 (Q, 0/1), ↑↑ at 0.015 (P, 0/1), 1/2 at 0.025, ↑ past 21/22.
    [1000000, 'III', 0.01, 'R', 1250, 0, 1],
    [1000000, 'III', 0.015, 'R', 800, 0, 1],
    [1000000, 'III', 0.025, 'R', 2000, 1, 2],
    [1000000, 'III', 0.65, 'R', 2000, 21, 22],
    [1000000, 'III', 1.0, 'R', 1250, 21, 22],
    // Row A: 0/1 at 6.5; at 10 the arrow points down twice (C, n = 5, 1/2); 1/2 at 25 … 30/31 at 1000.
    [5, 'II', 6.5, 'A', 2, 0, 1],
    [5, 'II', 10, 'A', 5, 1, 2],
    [5, 'II', 15, 'A', 3, 1, 2],
    [5, 'II', 25, 'A', 2, 1, 2],
    [5, 'II', 650, 'A', 2, 21, 22],
    [5, 'II', 1000, 'A', 2, 30, 31],
    [5, 'II', 0.01, 'A', 1250, 0, 1],
    // Rows B–E reach 44/45 at the highest AQLs; C at 1000 points up to B.
    [12, 'II', 1000, 'B', 3, 44, 45],
    [20, 'II', 1000, 'C', 3, 44, 45],
    [20, 'II', 400, 'C', 5, 30, 31],
    [70, 'II', 250, 'E', 13, 44, 45],
    [70, 'II', 150, 'E', 13, 30, 31],
    // F stops at 21/22: at 100 it points up to E (21/22, n = 13).
    [100, 'II', 100, 'F', 13, 21, 22],
    // Special levels: lot 1000 S-1 → C, S-4 → F.
    [1000, 'S-1', 6.5, 'C', 8, 1, 2],
    [1000, 'S-4', 2.5, 'F', 20, 1, 2],
  ];
  it.each(cells)('lot %i level %s AQL %f', (lot, level, aql, letter, n, ac, re) => {
    const plan = iso2859Plan({ lot, aql, level });
    expect(plan).toMatchObject({
      codeLetter: letter,
      sampleSize: n,
      accept: ac,
      reject: re,
      lot,
      level,
      aql,
    });
  });

  it('defaults to level II and says when to inspect the whole lot', () => {
    expect(iso2859Plan({ lot: 1000, aql: 1 })).toEqual({
      codeLetter: 'J',
      planLetter: 'J',
      sampleSize: 80,
      accept: 2,
      reject: 3,
      aql: 1,
      level: 'II',
      lot: 1000,
      inspectAll: false,
    });
    // Lot 10 at AQL 0.65: the arrows lead to n = 20 > 10, so every item is inspected.
    expect(iso2859Plan({ lot: 10, aql: 0.65 })).toMatchObject({
      codeLetter: 'B',
      sampleSize: 20,
      inspectAll: true,
    });
  });

  it('has Re = Ac + 1 everywhere, and Ac never falls as the AQL rises', () => {
    const lotFor = new Map<string, number>();
    for (const lot of [5, 12, 20, 40, 70, 120, 200, 400, 1000, 2000, 5000, 20000, 100000, 300000, 1e6])
      for (const level of INSPECTION_LEVELS) {
        const letter = codeLetterFor(lot, level);
        if (!lotFor.has(letter)) lotFor.set(letter, lot);
      }
    expect([...lotFor.keys()].sort().join('')).toBe([...CODE_LETTERS].sort().join(''));
    for (const level of ['III'] as const)
      for (const lot of lotFor.values()) {
        let last = -1;
        for (const aql of AQL_VALUES) {
          const p = iso2859Plan({ lot, aql, level });
          expect(p.reject).toBe(p.accept + 1);
          expect(p.accept).toBeGreaterThanOrEqual(last);
          last = p.accept;
        }
      }
  });

  it('refuses an AQL the standard does not have, listing the allowed ones', () => {
    let error: unknown;
    try {
      iso2859Plan({ lot: 1000, aql: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).code).toBe('usage');
    expect((error as TandemError).message).toMatch(
      /AQL 2 is not in ISO 2859-1.*0\.01, 0\.015.*1, 1\.5, 2\.5.*1000/,
    );
    expect(() => iso2859Plan({ lot: 1, aql: 1 })).toThrow(/lot size/);
    expect(() => iso2859Plan({ lot: 10.5, aql: 1 })).toThrow(TandemError);
    expect(() => iso2859Plan({ lot: 100, aql: 1, level: 'IV' as InspectionLevel })).toThrow(
      /inspection level 'IV'/,
    );
  });
});
