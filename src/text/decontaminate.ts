/**
 * N-gram overlap decontamination (Brown et al. 2020, "Language Models are Few-Shot Learners",
 * appendix C: a training document is contaminated by an evaluation item when they share a
 * 13-gram of normalised words). Build an index from the evaluation items the user supplies
 * (e.g. a benchmark's test split), then scan training texts; each hit names the evaluation item.
 *
 * Normalisation: NFKC, lower case, words are runs of letters, digits and marks (punctuation and
 * apostrophes separate words: "don't" → "don", "t"); in scripts written without spaces (Han,
 * kana, Thai, Lao, Khmer, Myanmar) every character is a word, so a 13-gram is 13 characters there.
 *
 * Speed: words are hashed while scanning (two independent 32-bit hashes per word), n-grams are
 * two rolling polynomial hashes (a 64-bit key, no BigInt; decontaminate/words.ts), and the index
 * is an open-addressing table in one Int32Array with a bit filter in front of it
 * (decontaminate/ngram-table.ts). A hash hit is confirmed against the evaluation item's words
 * before it is reported, so a hash collision cannot produce a false report.
 *
 * Items with fewer than n words produce no n-gram and are listed in `skipped` (GPT-3 lowered n
 * for such datasets; build a second index with a smaller n for them).
 */
import { NgramTable } from './decontaminate/ngram-table.js';
import { Ngrams, normalise, normalizedWords, Words } from './decontaminate/words.js';

export { normalizedWords } from './decontaminate/words.js';

export interface EvalItem {
  id: string;
  text: string;
}

export interface Contamination {
  /** The evaluation item's id. */
  evalId: string;
  /** The first shared n-gram, as normalised words joined by single spaces. */
  ngram: string;
  /** How many distinct n-grams of the text the item shares. */
  overlap: number;
  /** overlap / the item's distinct n-grams: 1 means the whole item is in the text. */
  fraction: number;
}

export interface DecontaminationOptions {
  /** Words per n-gram. Default 13. */
  n?: number;
}

export class ContaminationIndex {
  readonly n: number;
  /** Ids of items with fewer than n words (nothing of them is indexed). */
  readonly skipped: string[] = [];
  private readonly ids: string[] = [];
  private readonly texts: string[] = [];
  private readonly ngramCounts: number[] = [];
  private readonly table = new NgramTable();
  private readonly words = new Words();
  private readonly ngrams: Ngrams;
  /** Normalised words of recently verified items, joined and padded with spaces. */
  private readonly verified = new Map<number, string>();

  constructor(options: DecontaminationOptions = {}) {
    const n = options.n ?? 13;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
    this.n = n;
    this.ngrams = new Ngrams(n);
  }

  /** Distinct n-grams indexed. */
  get size(): number {
    return this.table.count;
  }

  /** Items indexed (not counting skipped ones). */
  get items(): number {
    return this.ids.length;
  }

  add(item: EvalItem): void {
    const w = this.words;
    w.scan(normalise(item.text));
    if (w.length < this.n) {
      this.skipped.push(item.id);
      return;
    }
    const index = this.ids.length;
    this.ids.push(item.id);
    this.texts.push(item.text);
    const g = this.ngrams;
    g.compute(w);
    let distinct = 0;
    for (let i = 0; i < g.length; i++) if (this.table.add(g.g1[i]!, g.g2[i]!, index)) distinct++;
    this.ngramCounts.push(distinct);
  }

  addAll(items: Iterable<EvalItem>): this {
    if (Array.isArray(items)) {
      // Size the table once (about one n-gram per 5.5 characters of English) instead of doubling.
      let chars = 0;
      for (const item of items as readonly EvalItem[]) chars += item.text.length;
      this.table.reserve(this.table.count + chars / 5.5);
    }
    for (const item of items) this.add(item);
    return this;
  }

  /** Evaluation items sharing at least `minOverlap` (default 1) n-grams with the text, most first. */
  findContamination(text: string, options: { minOverlap?: number } = {}): Contamination[] {
    const norm = normalise(text);
    const w = this.words;
    w.scan(norm);
    const hits = new Map<number, { ngram: string; keys: Set<string> }>();
    const g = this.ngrams;
    g.compute(w);
    for (let first = 0; first < g.length; first++) {
      const v = this.table.find(g.g1[first]!, g.g2[first]!);
      if (v === 0) continue;
      const parts: string[] = [];
      for (let k = first; k < first + this.n; k++) parts.push(norm.slice(w.start[k], w.end[k]));
      const ngram = parts.join(' ').toLowerCase();
      for (const item of this.table.items(v)) {
        if (!this.itemContains(item, ngram)) continue; // a hash collision
        let hit = hits.get(item);
        if (!hit) {
          hit = { ngram, keys: new Set() };
          hits.set(item, hit);
        }
        hit.keys.add(ngram);
      }
    }
    const minOverlap = options.minOverlap ?? 1;
    const out: Contamination[] = [];
    for (const [item, hit] of hits) {
      if (hit.keys.size < minOverlap) continue;
      out.push({
        evalId: this.ids[item]!,
        ngram: hit.ngram,
        overlap: hit.keys.size,
        fraction: hit.keys.size / this.ngramCounts[item]!,
      });
    }
    return out.sort(
      (a, b) => b.overlap - a.overlap || (a.evalId < b.evalId ? -1 : a.evalId > b.evalId ? 1 : 0),
    );
  }

  private itemContains(item: number, ngram: string): boolean {
    let joined = this.verified.get(item);
    if (joined === undefined) {
      joined = ` ${normalizedWords(this.texts[item]!).join(' ')} `;
      if (this.verified.size >= 256) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(item, joined);
    }
    return joined.includes(` ${ngram} `);
  }
}

/** An index of the evaluation items, ready for `findContamination(text)`. */
export function buildContaminationIndex(
  items: Iterable<EvalItem>,
  options: DecontaminationOptions = {},
): ContaminationIndex {
  return new ContaminationIndex(options).addAll(items);
}
