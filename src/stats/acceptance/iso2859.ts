import { TandemError } from '../../core/errors.js';

/**
 * ISO 2859-1 (≡ ANSI/ASQ Z1.4, formerly MIL-STD-105E) single sampling plans for normal inspection:
 * Table 1 turns a lot size and an inspection level into a sample size code letter, Table 2-A turns
 * the code letter and the AQL into a sample size n, an acceptance number Ac and a rejection number
 * Re. A lot is accepted when the sample holds at most Ac nonconforming items, rejected at Re or more.
 */

export const INSPECTION_LEVELS = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'] as const;
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number];

export const CODE_LETTERS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'J',
  'K',
  'L',
  'M',
  'N',
  'P',
  'Q',
  'R',
] as const;
export type CodeLetter = (typeof CODE_LETTERS)[number];

/** Sample size per code letter (Table 2-A, second column). */
export const SAMPLE_SIZES: Readonly<Record<CodeLetter, number>> = {
  A: 2,
  B: 3,
  C: 5,
  D: 8,
  E: 13,
  F: 20,
  G: 32,
  H: 50,
  J: 80,
  K: 125,
  L: 200,
  M: 315,
  N: 500,
  P: 800,
  Q: 1250,
  R: 2000,
};

/**
 * The AQLs of Table 2-A, in percent nonconforming (up to 10) or nonconformities per 100 items (all
 * of them), in column order.
 */
export const AQL_VALUES = [
  0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15, 25, 40, 65, 100,
  150, 250, 400, 650, 1000,
] as const;

/** Table 1: upper bound of each lot size range, and the code letter per level (S-1 … S-4, I, II, III). */
const TABLE_1: readonly [number, string][] = [
  [8, 'AAAAAAB'],
  [15, 'AAAAABC'],
  [25, 'AABBBCD'],
  [50, 'ABBCCDE'],
  [90, 'BBCCCEF'],
  [150, 'BBCDDFG'],
  [280, 'BCDEEGH'],
  [500, 'BCDEFHJ'],
  [1200, 'CCEFGJK'],
  [3200, 'CDEGHKL'],
  [10000, 'CDFGJLM'],
  [35000, 'CDFHKMN'],
  [150000, 'DEGJLNP'],
  [500000, 'DEGJMPQ'],
  [Number.POSITIVE_INFINITY, 'DEHKNQR'],
];

/**
 * Table 2-A's (Ac, Re) pairs after the first, in the order they run along each diagonal. Rows F and
 * below (n ≥ 20) stop at 21/22; the 30/31 and 44/45 plans exist only for rows A–E, at the high
 * nonconformities-per-100 AQLs.
 */
const SERIES: readonly [number, number][] = [
  [1, 2],
  [2, 3],
  [3, 4],
  [5, 6],
  [7, 8],
  [10, 11],
  [14, 15],
  [21, 22],
  [30, 31],
  [44, 45],
];
const LAST_WITH_21 = 7;
const LAST_ROW_WITH_44 = CODE_LETTERS.indexOf('E');

type Cell = { kind: 'plan'; ac: number; re: number } | { kind: 'down' } | { kind: 'up' };

/**
 * One cell of Table 2-A. The table is diagonal: the plan depends on d = row + column (row 0 = A,
 * column 0 = AQL 0.010), because each row multiplies n by about 1.6 and each column the AQL by
 * about 1.6, so n·AQL is constant along a diagonal. Up to d = 13 the cells are ↓; d = 14 is 0/1;
 * d = 15 is ↑ and d = 16 is ↓ (the standard's step between 0/1 and 1/2), except where the arrow
 * would leave the table (row A at d = 15 points down, row R at d = 16 up); from d = 17 the pairs of
 * SERIES follow, and past a row's last pair the cells are ↑.
 */
function cell(row: number, column: number): Cell {
  const d = row + column;
  if (d <= 13) return { kind: 'down' };
  if (d === 14) return { kind: 'plan', ac: 0, re: 1 };
  if (d === 15) return row === 0 ? { kind: 'down' } : { kind: 'up' };
  if (d === 16) return row === CODE_LETTERS.length - 1 ? { kind: 'up' } : { kind: 'down' };
  const k = d - 17;
  const last = row <= LAST_ROW_WITH_44 ? SERIES.length - 1 : LAST_WITH_21;
  if (k > last) return { kind: 'up' };
  const [ac, re] = SERIES[k]!;
  return { kind: 'plan', ac, re };
}

export interface SamplingPlan {
  /** The sample size code letter of Table 1 for this lot size and level. */
  codeLetter: CodeLetter;
  /** The code letter whose sample size the plan uses: differs from codeLetter when an arrow was followed. */
  planLetter: CodeLetter;
  /** Items to inspect (Table 2-A). When it is at least the lot size, inspect every item (inspectAll). */
  sampleSize: number;
  /** Accept the lot with at most this many nonconforming items in the sample. */
  accept: number;
  /** Reject the lot with this many or more. */
  reject: number;
  aql: number;
  level: InspectionLevel;
  lot: number;
  /** The standard's note: where the sample size equals or exceeds the lot size, do 100% inspection. */
  inspectAll: boolean;
}

/** The code letter of Table 1. */
export function codeLetterFor(lot: number, level: InspectionLevel = 'II'): CodeLetter {
  const col = INSPECTION_LEVELS.indexOf(level);
  if (col < 0)
    throw new TandemError(
      'usage',
      `unknown inspection level '${level}': use one of ${INSPECTION_LEVELS.join(', ')}`,
    );
  if (!(Number.isSafeInteger(lot) && lot >= 2))
    throw new TandemError('usage', `the lot size must be a whole number ≥ 2, got ${lot}`);
  const row = TABLE_1.find(([max]) => lot <= max)!;
  return row[1][col] as CodeLetter;
}

/** The column of an AQL in Table 2-A, or a usage error listing the values the standard has. */
export function aqlColumn(aql: number): number {
  const column = AQL_VALUES.findIndex((v) => Math.abs(v - aql) <= v * 1e-9);
  if (column < 0)
    throw new TandemError(
      'usage',
      `AQL ${aql} is not in ISO 2859-1 Table 2-A: use one of ${AQL_VALUES.join(', ')}`,
      { details: { allowed: [...AQL_VALUES] } },
    );
  return column;
}

/**
 * The single sampling plan for normal inspection (ISO 2859-1 Tables 1 and 2-A), following the arrows:
 * ↓ means "use the first plan below" (a larger sample), ↑ "the first plan above" (a smaller one),
 * with the sample size and Ac/Re of the plan reached.
 */
export function iso2859Plan(input: { lot: number; aql: number; level?: InspectionLevel }): SamplingPlan {
  const level = input.level ?? 'II';
  const codeLetter = codeLetterFor(input.lot, level);
  const column = aqlColumn(input.aql);
  let row: number = CODE_LETTERS.indexOf(codeLetter);
  for (;;) {
    const c = cell(row, column);
    if (c.kind === 'plan') {
      const planLetter = CODE_LETTERS[row]!;
      const sampleSize = SAMPLE_SIZES[planLetter];
      return {
        codeLetter,
        planLetter,
        sampleSize,
        accept: c.ac,
        reject: c.re,
        aql: AQL_VALUES[column]!,
        level,
        lot: input.lot,
        inspectAll: sampleSize >= input.lot,
      };
    }
    row += c.kind === 'down' ? 1 : -1;
  }
}
