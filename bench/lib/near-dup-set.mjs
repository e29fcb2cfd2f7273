// A near-duplicate test set with known answers: documents of ~100 words drawn from a vocabulary with a
// seeded PRNG (Zipf-distributed, like real text), some unrelated, some in pairs whose second member is
// the first with random word substitutions, insertions and deletions (true Jaccard of 5-shingle sets
// spread over 0.5–1.0), some in pairs that differ only in case, punctuation and spacing (exact
// duplicates after normalisation). Every document is a pure function of (seed, group, member), so the
// truth can be recomputed without keeping the texts.

import { rng } from './rng.mjs';
import { writeLines } from './write-lines.mjs';

const ONSETS = 'b c d f g h j k l m n p r s t v w z br ch cl dr fl gr kr pl pr sh st th tr'.split(' ');
const VOWELS = 'a e i o u ai au ea ee ie oo ou'.split(' ');
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 'nd', 'st', 'ck'];

/** `size` distinct lower-case pseudo-words of 1–4 syllables. */
export function vocabulary(size, seed = 7) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const words = new Set();
  while (words.size < size) {
    const syllables = 1 + Math.floor(r() * 4);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS);
    words.add(w + pick(CODAS));
  }
  // Frequent words are short, as in real text (Zipf ranks follow this order).
  return [...words].sort((a, b) => a.length - b.length);
}

const KINDS = { single: 0, near: 1, exact: 2 };

/**
 * The plan of a set of n documents: groups (single, near pair, exact pair) and a shuffled order.
 * Shares: 40% singles, 50% in near-duplicate pairs, 10% in exact-duplicate pairs.
 */
export function nearDupSet(n, { seed = 42, ngram = 5, vocabularySize = 20_000 } = {}) {
  const words = vocabulary(vocabularySize, seed ^ 0x5bd1e995);
  // Zipf(1) over the vocabulary: cumulative weights for binary search.
  const cdf = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cdf[i] = sum += 1 / (i + 1);
  for (let i = 0; i < cdf.length; i++) cdf[i] /= sum;
  const zipf = (r) => {
    const u = r();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const kinds = [];
  const nearPairs = Math.floor((n * 0.5) / 2);
  const exactPairs = Math.floor((n * 0.1) / 2);
  for (let g = 0; g < nearPairs; g++) kinds.push(KINDS.near);
  for (let g = 0; g < exactPairs; g++) kinds.push(KINDS.exact);
  const singles = n - 2 * (nearPairs + exactPairs);
  for (let g = 0; g < singles; g++) kinds.push(KINDS.single);
  // Slots: (group, member); shuffled so duplicates are far apart.
  const slots = new Int32Array(n);
  let k = 0;
  for (let g = 0; g < kinds.length; g++) {
    slots[k++] = 2 * g;
    if (kinds[g] !== KINDS.single) slots[k++] = 2 * g + 1;
  }
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const position = new Int32Array(2 * kinds.length).fill(-1);
  for (let i = 0; i < n; i++) position[slots[i]] = i;

  const base = (g) => {
    const rb = rng(seed * 7919 + g * 2 + 1);
    const len = 80 + Math.floor(rb() * 41);
    const t = new Array(len);
    for (let i = 0; i < len; i++) t[i] = zipf(rb);
    return t;
  };
  /** The word ids of a document. */
  const tokens = (g, member) => {
    const t = base(g);
    if (member === 0 || kinds[g] !== KINDS.near) return t;
    const re = rng(seed * 104729 + g);
    // Aim at a Jaccard similarity uniform in [0.45, 1): about d = S(1−J)/(1+J) shingles must change on
    // each side; an interior edit changes about n, an edit k words from an end changes k.
    const target = 0.45 + 0.55 * re();
    let d = Math.round(((t.length - ngram + 1) * (1 - target)) / (1 + target));
    while (d >= ngram) {
      const at = ngram + Math.floor(re() * (t.length - 2 * ngram));
      const op = re();
      if (op < 0.34) t[at] = zipf(re);
      else if (op < 0.67) t.splice(at, 0, zipf(re));
      else t.splice(at, 1);
      d -= ngram;
    }
    if (d > 0) t[t.length - d] = zipf(re);
    return t;
  };
  /** The text of a document: sentences with capitals, commas and full stops, varied per member. */
  const text = (g, member) => {
    const t = tokens(g, member);
    const rt = rng(seed * 31337 + g * 2 + member);
    let out = '';
    let start = true;
    for (let i = 0; i < t.length; i++) {
      let w = words[t[i]];
      if (start || rt() < 0.02) w = w[0].toUpperCase() + w.slice(1);
      start = false;
      out += w;
      if (i === t.length - 1) out += '.';
      else if (rt() < 0.08) {
        out += rt() < 0.5 ? '. ' : rt() < 0.5 ? '.\n' : '!  ';
        start = true;
      } else out += rt() < 0.06 ? ', ' : ' ';
    }
    return out;
  };

  /** Known pairs: [position a, position b, true Jaccard]. */
  const pairs = () => {
    const out = [];
    for (let g = 0; g < kinds.length; g++) {
      if (kinds[g] === KINDS.single) continue;
      const j = kinds[g] === KINDS.exact ? 1 : jaccard(tokens(g, 0), tokens(g, 1), ngram);
      const a = position[2 * g];
      const b = position[2 * g + 1];
      out.push([Math.min(a, b), Math.max(a, b), j]);
    }
    return out;
  };
  /** Word ids of the document at a position. */
  const tokensAt = (i) => tokens(slots[i] >> 1, slots[i] & 1);
  const textAt = (i) => text(slots[i] >> 1, slots[i] & 1);
  return { n, ngram, textAt, tokensAt, pairs };
}

/** Exact Jaccard similarity of the n-shingle sets of two word-id sequences (ids below 0xd800). */
export function jaccard(a, b, n) {
  const set = (t) => {
    const s = new Set();
    if (t.length < n) s.add(String.fromCharCode(...t));
    for (let i = 0; i + n <= t.length; i++) s.add(String.fromCharCode(...t.slice(i, i + n)));
    return s;
  };
  const sa = set(a);
  const sb = set(b);
  let both = 0;
  for (const x of sa) if (sb.has(x)) both++;
  return both / (sa.size + sb.size - both);
}

/** Writes the set as JSONL ({"id", "text"}), resolving with the byte count. */
export function writeNearDupSet(set, path) {
  return writeLines(path, set.n, (i) => JSON.stringify({ id: i, text: set.textAt(i) }));
}
