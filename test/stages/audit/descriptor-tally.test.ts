import { describe, expect, it } from 'vitest';
import { parseLexicon, wordsOf } from '../../../src/stages/audit/descriptors/lexicon.js';
import { DescriptorTally } from '../../../src/stages/audit/descriptors/tally.js';
import { WordCounts } from '../../../src/stages/audit/descriptors/word-counts.js';
import { isAscii, WordIds } from '../../../src/stages/audit/descriptors/word-ids.js';

/**
 * The descriptor tally's counting, exactly: multi-word and overlapping terms, a term repeated in a
 * record (one record, each occurrence counted), words near a term once per record, document
 * frequency once per record, the language's terms (and every language's when the record has none or
 * one the lexicon lacks), and non-ASCII text (which takes the other way to word ids).
 */

const lexicon = parseLexicon(
  [
    'axis\tterm\tlanguage\tsource',
    'gender\twoman\ten\tt',
    'gender\ttrans woman\ten\tt',
    'age\told\ten\tt',
    'religion\tMuslim\tde\tt',
    'gender\tFrau\tde\tt',
  ].join('\n'),
  'test.tsv',
);

function tally() {
  const t = new DescriptorTally(lexicon, 1);
  t.addTexts('en', ['A trans woman met a woman.', 'Old, OLD friends!']);
  t.addTexts('de', ['Die Frau ist Muslim; die frau.']);
  t.addTexts(null, ['woman Frau']);
  t.addTexts('xx', ['woman']);
  t.addTexts('en', ['Straße woman Äpfel']);
  return t.results();
}

describe('descriptor tally', () => {
  it('counts records and occurrences per term and records per axis', () => {
    const r = tally();
    const counts = Object.fromEntries(r.terms.map((t) => [t.term, [t.records, t.occurrences]]));
    expect(counts).toEqual({
      woman: [4, 5],
      Frau: [2, 3],
      'trans woman': [1, 1],
      old: [1, 2],
      Muslim: [1, 1],
    });
    expect(r.records).toBe(5);
    expect(Object.fromEntries(r.axes.map((a) => [a.axis, a.records]))).toMatchObject({
      gender: 5,
      age: 1,
      religion: 1,
      disability: 0,
    });
  });

  it('counts the words near a term once per record, and each word once per record for nPMI', () => {
    const r = tally();
    const old = r.terms.find((t) => t.term === 'old')!;
    // Both occurrences' windows: the other 'old' is near the first; 'a' (twice) counts once.
    expect(old.topWords.map((w) => w.word).sort()).toEqual(['a', 'friends', 'met', 'old', 'trans', 'woman']);
    expect(old.topWords.every((w) => w.count === 1)).toBe(true);
    // p(old, a) = p(old) = p(a) = 1/5: always together, nPMI 1 (document frequency of 'a' is 1, not 2).
    expect(old.topWords.find((w) => w.word === 'a')!.npmi).toBeCloseTo(1, 12);
    // 'woman' is in 4 of 5 records: ln(5/4) / ln 5.
    expect(old.topWords.find((w) => w.word === 'woman')!.npmi).toBeCloseTo(Math.log(5 / 4) / Math.log(5), 12);
    const woman = r.terms.find((t) => t.term === 'woman')!;
    expect(woman.topWords.map((w) => w.word).sort()).toEqual(
      ['a', 'friends', 'frau', 'met', 'old', 'straße', 'trans', 'woman', 'äpfel'].sort(),
    );
  });
});

describe('word ids', () => {
  it('gives ASCII text the words and ids wordsOf and idOf give, whichever way saw a word first', () => {
    const ids = new WordIds();
    const texts = [
      'Hello, WORLD! hello world 42 x1y2 -- a_b',
      'ÇA va? Straße world',
      "it's over-due (really) HELLO",
      '',
      '   ...   ',
    ];
    for (const t of texts) {
      const byStrings = wordsOf(t).map((w) => ids.idOf(w));
      if (!isAscii(t)) continue;
      const byChars: number[] = [];
      ids.eachAscii(t, (id) => byChars.push(id));
      expect(byChars).toEqual(byStrings);
      expect(byChars.map((id) => ids.words[id])).toEqual(wordsOf(t));
    }
    // New words met first in ASCII text become strings, and idOf finds them.
    const seen: number[] = [];
    ids.eachAscii('Brand NEW words', (id) => seen.push(id));
    expect(seen.map((id) => ids.words[id])).toEqual(['brand', 'new', 'words']);
    expect(ids.idOf('new')).toBe(seen[1]);
    expect(isAscii('Straße')).toBe(false);
  });

  it('keeps every id while the table grows', () => {
    const ids = new WordIds();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    const first = words.map((w) => ids.idOf(w));
    expect(first).toEqual(words.map((_, i) => i));
    const again: number[] = [];
    ids.eachAscii(words.join(' ').toUpperCase(), (id) => again.push(id));
    expect(again).toEqual(first);
  });
});

describe('word counts', () => {
  it('counts per word id and iterates in first-counted order, as a Map would, while it grows', () => {
    const counts = new WordCounts();
    const map = new Map<number, number>();
    let x = 7;
    for (let k = 0; k < 50_000; k++) {
      x = (x * 48271) % 2147483647;
      const id = x % 3000;
      counts.increment(id);
      map.set(id, (map.get(id) ?? 0) + 1);
    }
    expect([...counts]).toEqual([...map]);
    expect(counts.size).toBe(map.size);
    expect(counts.get(map.keys().next().value!)).toBe(map.values().next().value);
    expect(counts.get(3001)).toBe(0);
  });
});
