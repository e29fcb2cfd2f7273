import type { AuditRow } from '../../../store/audit-reads.js';
import { textsOf } from '../dimensions.js';
import { AXES, type Axis, type Lexicon, type LexiconTerm, wordsOf } from './lexicon.js';
import { WordCounts } from './word-counts.js';
import { isAscii, WordIds } from './word-ids.js';

/**
 * Demographic descriptors, as the Hugging Face Data Measurements Tool reports them: how often each
 * identity term of the lexicon occurs (records containing it), and which words it comes with,
 * measured by normalised pointwise mutual information over records:
 *
 *   nPMI(t, w) = ln(p(t, w) / (p(t) p(w))) / −ln p(t, w)
 *
 * where p(t) is the share of records containing t, p(w) those containing w, and p(t, w) those where
 * w occurs within WINDOW words of t. nPMI runs from −1 (never together) through 0 (independent) to 1
 * (always together). A term whose top words have a high nPMI is tied to particular words (skewed);
 * for the two most frequent terms of an axis (e.g. "woman" and "man"), the words whose nPMI differs
 * most between them show what the dataset says about one group and not the other.
 */

const WINDOW = 10;
const TOP_WORDS = 10;

export interface WordAssociation {
  word: string;
  /** Records where the word occurs near the term. */
  count: number;
  npmi: number;
}

export interface TermResult {
  axis: Axis;
  term: string;
  language: string;
  source: string;
  records: number;
  occurrences: number;
  share: number;
  topWords: WordAssociation[];
  /** Mean nPMI of the top words: how strongly the term is tied to particular words. */
  skew: number | null;
}

export interface Contrast {
  axis: Axis;
  language: string;
  a: string;
  b: string;
  /** Words most associated with `a` rather than `b` (largest nPMI(a) − nPMI(b)) and the reverse. */
  towardA: { word: string; difference: number }[];
  towardB: { word: string; difference: number }[];
}

export interface DescriptorResults {
  lexicon: { file: string; terms: number };
  records: number;
  minCount: number;
  axes: { axis: Axis; records: number; share: number }[];
  /** Terms found at least once, most frequent first. */
  terms: TermResult[];
  /** The terms most tied to particular words. */
  mostSkewed: { term: string; language: string; axis: Axis; skew: number }[];
  contrasts: Contrast[];
}

interface TermState {
  term: LexiconTerm;
  /** The term's words as word ids (the lexicon's words have the first ids). */
  wordIds: Int32Array;
  axis: number;
  records: number;
  occurrences: number;
  /** word id → records where it occurred near the term. */
  cooc: WordCounts;
}

/**
 * The tally runs over every record of a dataset (a million and more), so its per-record work
 * allocates next to nothing: each word is looked up once (its id), the lexicon's words have the
 * first ids so finding the terms that start at a word is an array read, and "once per record"
 * (document frequency, a term's records, its words nearby) is kept by stamps in reused arrays
 * instead of per-record sets.
 */
export class DescriptorTally {
  readonly #lexicon: Lexicon;
  readonly #terms: TermState[];
  /** language → first word's id → terms starting with it; '*' holds every language (records of unknown language). */
  readonly #byFirst = new Map<string, (number[] | undefined)[]>();
  readonly #wordIds = new WordIds();
  readonly #words = this.#wordIds.words;
  /** Word ids below this are words of the lexicon's terms. */
  readonly #lexiconWords: number;
  #df = new Int32Array(1 << 16);
  #seen = new Int32Array(1 << 16);
  /** Per word id, the stamp of the (record, term) whose nearby words last counted it. */
  #near = new Int32Array(1 << 16);
  #nearStamp = 0;
  /** The current record's word ids (reused). */
  #ids = new Int32Array(1 << 10);
  /** The current record's term occurrences as term index × 2^32 + occurrence number (reused). */
  #found = new Float64Array(64);
  #starts = new Int32Array(64);
  /** Words in #ids of the current record. */
  #n = 0;
  #records = 0;
  readonly #axisRecords = new Int32Array(AXES.length);
  readonly #axisSeen = new Int32Array(AXES.length);

  constructor(
    lexicon: Lexicon,
    private readonly minCount = 5,
  ) {
    this.#lexicon = lexicon;
    this.#terms = lexicon.terms.map((term) => ({
      term,
      wordIds: Int32Array.from(term.words, (w) => this.#id(w)),
      axis: AXES.indexOf(term.axis),
      records: 0,
      occurrences: 0,
      cooc: new WordCounts(),
    }));
    this.#lexiconWords = this.#words.length;
    this.#terms.forEach((t, i) => {
      for (const lang of [t.term.language, '*']) {
        let m = this.#byFirst.get(lang);
        if (!m) {
          m = new Array(this.#lexiconWords);
          this.#byFirst.set(lang, m);
        }
        const first = t.wordIds[0]!;
        const list = m[first];
        if (list) list.push(i);
        else m[first] = [i];
      }
    });
  }

  #id(word: string): number {
    const id = this.#wordIds.idOf(word);
    if (id >= this.#df.length) this.#grow();
    return id;
  }

  #grow(): void {
    this.#df = grown(this.#df, this.#df.length * 2);
    this.#seen = grown(this.#seen, this.#seen.length * 2);
    this.#near = grown(this.#near, this.#near.length * 2);
  }

  /** Appends a word of the current record (and counts it once for the record's document frequency). */
  readonly #push = (id: number): void => {
    if (id >= this.#df.length) this.#grow();
    const n = this.#n++;
    if (n === this.#ids.length) this.#ids = grown(this.#ids, n * 2);
    this.#ids[n] = id;
    if (this.#seen[id] !== this.#records) {
      this.#seen[id] = this.#records;
      this.#df[id]!++;
    }
  };

  add(row: AuditRow): void {
    this.addTexts(row.language, textsOf(row.fields));
  }

  /** A record given by its language and the texts of its fields (`textsOf`). */
  addTexts(language: string | null, texts: readonly string[]): void {
    const stamp = ++this.#records;
    this.#n = 0;
    for (const t of texts)
      if (isAscii(t)) this.#wordIds.eachAscii(t, this.#push);
      else for (const w of wordsOf(t)) this.#push(this.#wordIds.idOf(w));
    const n = this.#n;
    const matcher = this.#byFirst.get(language ?? '*') ?? this.#byFirst.get('*');
    if (!matcher) return;
    const ids = this.#ids;
    const lexiconWords = this.#lexiconWords;
    let found = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (id >= lexiconWords) continue;
      const candidates = matcher[id];
      if (!candidates) continue;
      for (const ti of candidates) {
        const state = this.#terms[ti]!;
        const tw = state.wordIds;
        let ok = i + tw.length <= n;
        for (let k = 1; k < tw.length && ok; k++) ok = ids[i + k] === tw[k];
        if (!ok) continue;
        state.occurrences++;
        if (found === this.#found.length) {
          this.#found = grown(this.#found, found * 2);
          this.#starts = grown(this.#starts, found * 2);
        }
        this.#starts[found] = i;
        this.#found[found] = ti * 2 ** 32 + found;
        found++;
      }
    }
    if (found === 0) return;
    // Occurrences grouped by term: each term's records and nearby words count once per record.
    const byTerm = found === 1 ? this.#found : this.#found.subarray(0, found).sort();
    let current = -1;
    for (let o = 0; o < found; o++) {
      const key = byTerm[o]!;
      const ti = Math.floor(key / 2 ** 32);
      const state = this.#terms[ti]!;
      if (ti !== current) {
        current = ti;
        state.records++;
        this.#nearStamp++;
        if (this.#axisSeen[state.axis] !== stamp) {
          this.#axisSeen[state.axis] = stamp;
          this.#axisRecords[state.axis]!++;
        }
      }
      const i = this.#starts[key - ti * 2 ** 32]!;
      const end = i + state.wordIds.length;
      const near = this.#near;
      const mark = this.#nearStamp;
      for (let j = Math.max(0, i - WINDOW); j < Math.min(n, end + WINDOW); j++) {
        if (j >= i && j < end) continue;
        const w = ids[j]!;
        if (near[w] === mark) continue;
        near[w] = mark;
        state.cooc.increment(w);
      }
    }
  }

  #npmi(t: TermState, wordId: number, count: number): number {
    const n = this.#records;
    const pJoint = count / n;
    if (pJoint >= 1) return 1;
    return Math.log(pJoint / ((t.records / n) * (this.#df[wordId]! / n))) / -Math.log(pJoint);
  }

  /** nPMI of the words near a term that occurred with it in at least minCount records. */
  #associations(t: TermState): WordAssociation[] {
    const out: WordAssociation[] = [];
    for (const [w, count] of t.cooc)
      if (count >= this.minCount) out.push({ word: this.#words[w]!, count, npmi: this.#npmi(t, w, count) });
    return out.sort((a, b) => b.npmi - a.npmi || b.count - a.count || a.word.localeCompare(b.word));
  }

  results(): DescriptorResults {
    const n = this.#records;
    const terms = this.#terms
      .filter((t) => t.records > 0)
      .map((t): TermResult => {
        const top = this.#associations(t).slice(0, TOP_WORDS);
        return {
          axis: t.term.axis,
          term: t.term.term,
          language: t.term.language,
          source: t.term.source,
          records: t.records,
          occurrences: t.occurrences,
          share: n ? t.records / n : 0,
          topWords: top,
          skew: top.length ? top.reduce((s, w) => s + w.npmi, 0) / top.length : null,
        };
      })
      .sort((a, b) => b.records - a.records || a.term.localeCompare(b.term));
    const mostSkewed = terms
      .flatMap((t) =>
        t.skew === null ? [] : [{ term: t.term, language: t.language, axis: t.axis, skew: t.skew }],
      )
      .sort((a, b) => b.skew - a.skew)
      .slice(0, 20);
    return {
      lexicon: { file: this.#lexicon.file, terms: this.#lexicon.terms.length },
      records: n,
      minCount: this.minCount,
      axes: AXES.map((axis, k) => {
        const r = this.#axisRecords[k]!;
        return { axis, records: r, share: n ? r / n : 0 };
      }),
      terms,
      mostSkewed,
      contrasts: this.#contrasts(),
    };
  }

  /** Per axis and language, the two most frequent terms against each other. */
  #contrasts(): Contrast[] {
    const groups = new Map<string, TermState[]>();
    for (const t of this.#terms) {
      if (t.records < this.minCount) continue;
      const key = `${t.term.axis}\u0001${t.term.language}`;
      const list = groups.get(key);
      if (list) list.push(t);
      else groups.set(key, [t]);
    }
    const out: Contrast[] = [];
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const [a, b] = list.sort((x, y) => y.records - x.records) as [TermState, TermState];
      const words = new Set<number>();
      for (const t of [a, b]) for (const [w, c] of t.cooc) if (c >= this.minCount) words.add(w);
      const diffs = [...words].map((w) => {
        const ca = a.cooc.get(w);
        const cb = b.cooc.get(w);
        const na = ca ? this.#npmi(a, w, ca) : -1;
        const nb = cb ? this.#npmi(b, w, cb) : -1;
        return { word: this.#words[w]!, difference: na - nb };
      });
      diffs.sort((x, y) => y.difference - x.difference || x.word.localeCompare(y.word));
      out.push({
        axis: a.term.axis,
        language: a.term.language,
        a: a.term.term,
        b: b.term.term,
        towardA: diffs.filter((d) => d.difference > 0).slice(0, TOP_WORDS),
        towardB: diffs
          .filter((d) => d.difference < 0)
          .reverse()
          .slice(0, TOP_WORDS)
          .map((d) => ({ word: d.word, difference: -d.difference })),
      });
    }
    return out;
  }
}

/** A copy of `a` with room for `length` elements. */
function grown<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
