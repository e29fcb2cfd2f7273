/**
 * The diversity summary of a generation run, over a stream of rows in bounded memory:
 *
 *  - distinct-n (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural Conversation
 *    Models"): distinct n-grams / total n-grams, for n = 1, 2, 3, over all rows. Distinct counts come from
 *    HyperLogLog sketches (16 KiB each by default); totals are plain counters. n-grams do not cross rows.
 *  - near-duplicate share: near-duplicate detection (findNearDuplicatesSync) over a uniform reservoir
 *    sample of the rows. It measures duplication *within the sample*: while every row fits in the sample
 *    that is exact, but beyond it a row only counts when one of its near-duplicates was sampled too. A
 *    template repeated in many rows is still caught, while rows that come in pairs are undercounted by
 *    about the sampling fraction (20% of rows with one near-copy each read as ~5% on a quarter sample).
 *
 * Tokens: the lower-cased text split into runs of letters, marks and digits, as /[\p{L}\p{M}\p{N}]+/gu
 * would split it (marks, so that Indic words stay whole). Texts mostly in a script written without spaces
 * (Han, kana, Thai, …; decided as for shingles, by `Shingler.textMode`) count each letter, mark or digit
 * as a token instead.
 */

import { type Random, seededRandom } from '../../core/random.js';
import { findNearDuplicatesSync, resolveOptions } from '../../text/dedup.js';
import { FNV_OFFSET, FNV_PRIME, murmur3Words } from '../../text/hash.js';
import { DEFAULT_PRECISION, HyperLogLog } from '../../text/hyperloglog.js';
import { Shingler, type TokenMode } from '../../text/shingles.js';

export const DEFAULT_DIVERSITY_SAMPLE = 5000;
export const DEFAULT_DIVERSITY_THRESHOLD = 0.8;
const DEFAULT_SEED = 1;
/** The n-gram orders measured: 1, 2 and 3. */
const MAX_ORDER = 3;

export interface DiversityOptions {
  /** Rows kept for the near-duplicate measurement (default 5,000; 0 turns it off). */
  sampleSize?: number;
  /** Jaccard similarity at or above which two rows are near-duplicates (default 0.8). */
  threshold?: number;
  /** Seed of the reservoir's random choices (default 1): the same rows and seed give the same sample. */
  seed?: number;
  /** HyperLogLog precision of the n-gram sketches (default 14: 16,384 registers, ~0.8% error). */
  precision?: number;
}

export interface DiversitySummary {
  rows: number;
  /** Total tokens (1-grams) over all rows. */
  tokens: number;
  /** Estimated distinct n-grams / total n-grams, in [0, 1]; 0 when there are no n-grams of that order. */
  distinct1: number;
  distinct2: number;
  distinct3: number;
  /** Sampled rows that are near-duplicates of another sampled row (all but one of each cluster) / sample. */
  nearDuplicateShare: number;
  /** Rows the share was measured on: min(rows, sample size). */
  nearDuplicateSample: number;
  threshold: number;
}

/** Algorithm R (Vitter 1985): after any number of offers, every row offered is held with equal chance. */
class Reservoir {
  readonly items: string[] = [];
  private seen = 0;

  constructor(
    readonly capacity: number,
    private readonly random: Random,
  ) {}

  offer(item: string): void {
    this.seen++;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    const j = this.random.below(this.seen);
    if (j < this.capacity) this.items[j] = item;
  }
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const NON_ASCII = /[\u0080-\uffff]/;
let wordChars: Uint8Array | undefined;
/** Only for `textMode`; built on first non-ASCII text, as its class table takes a moment to build. */
let modeFinder: Shingler | undefined;

/** 1 for each BMP code unit that is a letter, mark or digit: one regex pass, not one per character. */
function wordCharTable(): Uint8Array {
  if (wordChars) return wordChars;
  const table = new Uint8Array(0x10000);
  let all = '';
  const units = new Uint16Array(4096);
  for (let c = 0; c < 0x10000; c += 4096) {
    // Surrogates become 0 (not a word character) so that no two of them pair up.
    for (let j = 0; j < 4096; j++) units[j] = c + j >= 0xd800 && c + j <= 0xdfff ? 0 : c + j;
    all += String.fromCharCode(...units);
  }
  for (const m of all.matchAll(new RegExp(WORD_CHAR.source, 'gu'))) table[m.index] = 1;
  wordChars = table;
  return table;
}

function tokenMode(lower: string): TokenMode {
  if (!NON_ASCII.test(lower)) return 'words';
  modeFinder ??= new Shingler();
  return modeFinder.textMode(lower);
}

/**
 * Token hashes of a lower-cased text into out[0, t); returns t. Words are what /[\p{L}\p{M}\p{N}]+/gu
 * matches, hashed by FNV-1a over their UTF-16 units (a table scan: 2–3 times faster than the regex);
 * characters hash to their code points. `out` must hold s.length values.
 */
function tokenHashes(s: string, mode: TokenMode, out: Uint32Array): number {
  const table = wordCharTable();
  const n = s.length;
  let t = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const low = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    const astral = c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
    const cp = astral ? ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000 : c;
    // Astral letters (and emoji, which are not) are rare enough to test one by one.
    if (astral ? !WORD_CHAR.test(String.fromCodePoint(cp)) : table[c] === 0) {
      if (inWord) out[t++] = h >>> 0;
      inWord = false;
    } else if (mode === 'chars') {
      out[t++] = cp;
    } else {
      if (!inWord) h = FNV_OFFSET;
      inWord = true;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (astral) h = Math.imul(h ^ low, FNV_PRIME);
    }
    if (astral) i++;
  }
  if (inWord) out[t++] = h >>> 0;
  return t;
}

export class DiversityMeter {
  private rows = 0;
  /** totals[n − 1]: n-grams of order n seen over all rows. */
  private readonly totals = new Float64Array(MAX_ORDER);
  private readonly sketches: HyperLogLog[];
  private readonly reservoir: Reservoir;
  private readonly threshold: number;
  /** Token hashes of the current row (reused; grows to the longest row). */
  private tokens = new Uint32Array(256);
  private cachedShare?: { rows: number; share: number };

  constructor(options: DiversityOptions = {}) {
    const sampleSize = options.sampleSize ?? DEFAULT_DIVERSITY_SAMPLE;
    if (!Number.isInteger(sampleSize) || sampleSize < 0) {
      throw new RangeError(`sampleSize must be a whole number, got ${sampleSize}`);
    }
    this.threshold = options.threshold ?? DEFAULT_DIVERSITY_THRESHOLD;
    resolveOptions({ threshold: this.threshold }); // fail now rather than at summary time
    const precision = options.precision ?? DEFAULT_PRECISION;
    this.sketches = Array.from({ length: MAX_ORDER }, () => new HyperLogLog(precision));
    this.reservoir = new Reservoir(sampleSize, seededRandom(options.seed ?? DEFAULT_SEED));
  }

  /** Counts one row: its generated fields joined into one text. */
  add(text: string): void {
    this.rows++;
    this.reservoir.offer(text);
    const t = this.tokenize(text);
    const tokens = this.tokens;
    for (let n = 1; n <= MAX_ORDER && n <= t; n++) {
      const sketch = this.sketches[n - 1]!;
      const count = t - n + 1;
      this.totals[n - 1]! += count;
      for (let i = 0; i < count; i++) sketch.add(murmur3Words(tokens, i, n));
    }
  }

  /** The rows currently held for the near-duplicate measurement (at most the sample size). */
  get sample(): readonly string[] {
    return this.reservoir.items;
  }

  summary(): DiversitySummary {
    const distinct = (n: number): number => {
      const total = this.totals[n - 1]!;
      // The estimate may overshoot by its error; there cannot be more distinct n-grams than n-grams.
      return total === 0 ? 0 : Math.min(this.sketches[n - 1]!.estimate(), total) / total;
    };
    return {
      rows: this.rows,
      tokens: this.totals[0]!,
      distinct1: distinct(1),
      distinct2: distinct(2),
      distinct3: distinct(3),
      nearDuplicateShare: this.nearDuplicateShare(),
      nearDuplicateSample: this.reservoir.items.length,
      threshold: this.threshold,
    };
  }

  /** Non-kept members of near-duplicate clusters in the sample / its size (kept until the next add). */
  private nearDuplicateShare(): number {
    const sample = this.reservoir.items;
    if (sample.length === 0) return 0;
    if (this.cachedShare?.rows !== this.rows) {
      const { duplicates } = findNearDuplicatesSync(sample, { threshold: this.threshold });
      this.cachedShare = { rows: this.rows, share: duplicates / sample.length };
    }
    return this.cachedShare.share;
  }

  /** Hashes the row's tokens into tokens[0, t); returns t. */
  private tokenize(text: string): number {
    const lower = text.toLowerCase();
    if (this.tokens.length < lower.length) this.tokens = new Uint32Array(lower.length + 256);
    return tokenHashes(lower, tokenMode(lower), this.tokens);
  }
}

const count = (n: number): string => n.toLocaleString('en-US');
const rowsOf = (n: number): string => `${count(n)} row${n === 1 ? '' : 's'}`;

/** Two lines for the end of a run, e.g. "distinct n-grams: 1-gram 0.41 · 2-gram 0.78 · 3-gram 0.91 (…)". */
export function formatDiversity(s: DiversitySummary): string[] {
  if (s.rows === 0) return ['diversity: no rows'];
  const ratio = (x: number) => x.toFixed(2);
  const distinct = [s.distinct1, s.distinct2, s.distinct3].map((d, i) => `${i + 1}-gram ${ratio(d)}`);
  const share = `${(100 * s.nearDuplicateShare).toFixed(1)}%`;
  const sample =
    s.nearDuplicateSample === s.rows
      ? `all ${rowsOf(s.rows)}`
      : `a ${count(s.nearDuplicateSample)}-row sample of ${rowsOf(s.rows)}`;
  return [
    `distinct n-grams: ${distinct.join(' · ')} (of ${count(s.tokens)} tokens)`,
    s.nearDuplicateSample === 0
      ? 'near-duplicates: not measured'
      : `near-duplicates: ${share} of ${sample} (Jaccard ≥ ${s.threshold})`,
  ];
}
