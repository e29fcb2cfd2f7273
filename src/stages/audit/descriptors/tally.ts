import type { AuditRow } from '../../../store/audit-reads.js';
import { textsOf } from '../dimensions.js';
import { AXES, type Axis, type Lexicon, type LexiconTerm, wordsOf } from './lexicon.js';

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
  records: number;
  occurrences: number;
  /** word id → records where it occurred near the term. */
  cooc: Map<number, number>;
}

export class DescriptorTally {
  readonly #lexicon: Lexicon;
  readonly #terms: TermState[];
  /** language → first word → terms starting with it; '*' holds every language (records of unknown language). */
  readonly #byFirst = new Map<string, Map<string, number[]>>();
  readonly #wordIds = new Map<string, number>();
  readonly #words: string[] = [];
  #df = new Int32Array(1 << 16);
  #seen = new Int32Array(1 << 16);
  #records = 0;
  readonly #axisRecords = new Map<Axis, number>();

  constructor(
    lexicon: Lexicon,
    private readonly minCount = 5,
  ) {
    this.#lexicon = lexicon;
    this.#terms = lexicon.terms.map((term) => ({ term, records: 0, occurrences: 0, cooc: new Map() }));
    lexicon.terms.forEach((t, i) => {
      for (const lang of [t.language, '*']) {
        let m = this.#byFirst.get(lang);
        if (!m) {
          m = new Map();
          this.#byFirst.set(lang, m);
        }
        const first = t.words[0]!;
        const list = m.get(first);
        if (list) list.push(i);
        else m.set(first, [i]);
      }
    });
  }

  #id(word: string): number {
    let id = this.#wordIds.get(word);
    if (id === undefined) {
      id = this.#words.length;
      this.#wordIds.set(word, id);
      this.#words.push(word);
      if (id >= this.#df.length) {
        const df = new Int32Array(this.#df.length * 2);
        df.set(this.#df);
        this.#df = df;
        const seen = new Int32Array(this.#seen.length * 2);
        seen.set(this.#seen);
        this.#seen = seen;
      }
    }
    return id;
  }

  add(row: AuditRow): void {
    const stamp = ++this.#records;
    const words: string[] = [];
    for (const t of textsOf(row.fields)) for (const w of wordsOf(t)) words.push(w);
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const id = this.#id(words[i]!);
      ids[i] = id;
      if (this.#seen[id] !== stamp) {
        this.#seen[id] = stamp;
        this.#df[id]!++;
      }
    }
    const matcher = this.#byFirst.get(row.language ?? '*') ?? this.#byFirst.get('*');
    if (!matcher) return;
    let found: Map<number, Set<number>> | undefined;
    for (let i = 0; i < words.length; i++) {
      const candidates = matcher.get(words[i]!);
      if (!candidates) continue;
      for (const ti of candidates) {
        const tw = this.#terms[ti]!.term.words;
        let ok = true;
        for (let k = 1; k < tw.length && ok; k++) ok = words[i + k] === tw[k];
        if (!ok) continue;
        const state = this.#terms[ti]!;
        state.occurrences++;
        found ??= new Map();
        let near = found.get(ti);
        if (!near) {
          near = new Set();
          found.set(ti, near);
        }
        const end = i + tw.length;
        for (let j = Math.max(0, i - WINDOW); j < Math.min(words.length, end + WINDOW); j++)
          if (j < i || j >= end) near.add(ids[j]!);
      }
    }
    if (!found) return;
    const axes = new Set<Axis>();
    for (const [ti, near] of found) {
      const state = this.#terms[ti]!;
      state.records++;
      axes.add(state.term.axis);
      for (const w of near) state.cooc.set(w, (state.cooc.get(w) ?? 0) + 1);
    }
    for (const a of axes) this.#axisRecords.set(a, (this.#axisRecords.get(a) ?? 0) + 1);
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
      axes: AXES.map((axis) => {
        const r = this.#axisRecords.get(axis) ?? 0;
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
        const ca = a.cooc.get(w) ?? 0;
        const cb = b.cooc.get(w) ?? 0;
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
