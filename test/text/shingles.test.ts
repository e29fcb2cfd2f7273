import { describe, expect, it } from 'vitest';
import { fnv1a, murmur3Words } from '../../src/text/hash.js';
import { normalizeForHash } from '../../src/text/normalize.js';
import {
  classify,
  classTable,
  Shingler,
  segmenterWords,
  shingleSet,
  shingles,
  sortedUnique,
} from '../../src/text/shingles.js';

const words = (text: string) => new Shingler().words(normalizeForHash(text));

describe('word shingles', () => {
  it('hashes each run of n words: MurmurHash3 over the FNV-1a hashes of the words', () => {
    const text = 'one two three four five six seven';
    const h = shingles(text);
    expect(h.length).toBe(3);
    const w = new Uint32Array(['one', 'two', 'three', 'four', 'five', 'six', 'seven'].map((x) => fnv1a(x)));
    expect([...h]).toEqual([0, 1, 2].map((i) => murmur3Words(w, i, 5)));
    expect(shingles(text, { ngram: 2 }).length).toBe(6);
    expect(shingles(text, { ngram: 1 }).length).toBe(7);
  });

  it('handles texts longer than its buffers', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const h = shingles(long);
    expect(h.length).toBe(2996);
    expect(new Set(h).size).toBe(2996);
    expect(shingleSet(long).length).toBe(2996);
  });

  it('gives a text shorter than n one shingle of all its words, and an empty text none', () => {
    expect(shingles('just three words').length).toBe(1);
    expect(shingles('just three words')[0]).not.toBe(shingles('just three')[0]);
    expect(shingles('').length).toBe(0);
    expect(shingles(' ... !!! ').length).toBe(0);
  });

  it('is blind to case, punctuation and spacing, not to word order', () => {
    const a = shingleSet('The cat sat on the mat, and then it slept.');
    expect([...shingleSet('the CAT sat on the mat and then   it slept')]).toEqual([...a]);
    expect([...shingleSet('the mat sat on the cat and then it slept')]).not.toEqual([...a]);
  });

  it('keeps repeats in order and sortedUnique makes a set', () => {
    const h = shingles('a b a b a b a', { ngram: 2 });
    expect(h.length).toBe(6);
    expect(shingleSet('a b a b a b a', { ngram: 2 }).length).toBe(2);
    expect([...sortedUnique(new Uint32Array([5, 1, 5, 3, 1]))]).toEqual([1, 3, 5]);
  });

  it('rejects a bad n', () => {
    expect(() => new Shingler(0)).toThrow(RangeError);
  });
});

describe('words: the scanner agrees with Intl.Segmenter', () => {
  it('splits words as the segmenter does, marks and emoji included', () => {
    expect(words('Hello, wörld! naïve café Ωmega привет мир')).toEqual([
      'hello',
      'wörld',
      'naïve',
      'café',
      'ωmega',
      'привет',
      'мир',
    ]);
    // Emoji are not words (the segmenter does not call them word-like): they only separate.
    expect(words('great 👍 job 👨‍👩‍👧 ok ❤️ 🇫🇷 fr')).toEqual(['great', 'job', 'ok', 'fr']);
    expect(words('a👍b')).toEqual(['a', 'b']);
    // A keycap (digit + U+FE0F + U+20E3) is one word, as for the segmenter.
    expect(words('1️⃣ x')).toEqual(segmenterWords(normalizeForHash('1️⃣ x')));
    expect(words('한국어 텍스트 abc가')).toEqual(['한국어', '텍스트', 'abc', '가']);
  });

  it('has the class table equal to classify at every BMP code point', () => {
    const t = classTable();
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (t[c] !== classify(c)) expect.fail(`U+${c.toString(16)}: table ${t[c]}, classify ${classify(c)}`);
    }
  });

  it('matches the segmenter for every BMP code point the scanner accepts, in three contexts', () => {
    const sh = new Shingler();
    let scanned = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [`ab${ch}cd`, `1${ch}2`, `x ${ch}y`]) {
        const norm = normalizeForHash(text);
        const fast = sh.scannedWords(norm);
        if (fast === undefined) continue;
        scanned++;
        const slow = segmenterWords(norm);
        if (fast.join('|') !== slow.join('|'))
          expect.fail(`U+${c.toString(16)} in ${text}: ${fast} vs ${slow}`);
      }
    }
    expect(scanned).toBeGreaterThan(80_000); // most code points take the fast path
  }, 60_000);

  it('matches the segmenter on random mixed-script strings', () => {
    const alphabet = [
      ..."aZ09 .,'$+^`|~:;!?é ñßøαΩжЯحمَדשאक्षि가나ㄱᄀ\u0301\u0308👍🏻❤\ufe0f\u200d🇫🇷\u00ad\u00a0ﬁＡ１ԱაሀΣς±→€©™½²\u2044\u200b\t\n",
      '👨‍👩‍👧',
      '1️⃣',
      '𝐀',
    ];
    const sh = new Shingler();
    let seed = 11;
    let fastCount = 0;
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const len = 1 + ((seed >>> 8) % 12);
      for (let i = 0; i < len; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        s += alphabet[(seed >>> 8) % alphabet.length];
      }
      const norm = normalizeForHash(s);
      const fast = sh.scannedWords(norm);
      if (fast === undefined) continue;
      fastCount++;
      expect(fast, JSON.stringify(s)).toEqual(segmenterWords(norm));
    }
    expect(fastCount).toBeGreaterThan(10_000);
  });

  it('leaves ideographs and kana in mostly-alphabetic text to the segmenter', () => {
    const sh = new Shingler();
    const norm = normalizeForHash('We visited 東京 and ate ramen today');
    expect(sh.scannedWords(norm)).toBeUndefined();
    expect(sh.textMode(norm)).toBe('words');
    expect(sh.words(norm)).toEqual(segmenterWords(norm));
    expect(sh.words(norm)).toContain('東京');
  });
});

describe('character shingles for scripts written without spaces', () => {
  it('uses code points when at least half the letters are CJK or Thai', () => {
    const sh = new Shingler(3);
    for (const text of ['我们今天去公园玩', '東京は日本の首都です', 'สวัสดีครับ ผมชื่อ', '我们 today 去公园']) {
      expect(sh.textMode(normalizeForHash(text)), text).toBe('chars');
    }
    expect(sh.textMode(normalizeForHash('안녕하세요 세계'))).toBe('words'); // Korean is spaced
    expect(sh.textMode(normalizeForHash('I like 東京 a lot'))).toBe('words');
  });

  it('hashes n consecutive code points, spaces and punctuation skipped', () => {
    const h = shingles('我们今天。去 公园', { ngram: 3 });
    const cps = [...'我们今天去公园'].map((c) => c.codePointAt(0)!);
    expect([...h]).toEqual([0, 1, 2, 3, 4].map((i) => murmur3Words(cps, i, 3)));
  });

  it('counts an emoji as one character, never half a surrogate pair', () => {
    const h = shingles('我😀你好', { ngram: 2 });
    const cps = [...'我😀你好'].map((c) => c.codePointAt(0)!);
    expect(cps.length).toBe(4);
    expect([...h]).toEqual([0, 1, 2].map((i) => murmur3Words(cps, i, 2)));
  });

  it('keeps a one-character edit of a Chinese text similar and unrelated text apart', () => {
    const jaccard = (x: string, y: string) => {
      const a = shingleSet(x);
      const b = shingleSet(y);
      const both = [...a].filter((v) => b.includes(v)).length;
      return both / (a.length + b.length - both);
    };
    const text = '今天天气很好我们一起去公园散步吧然后去附近的饭店吃饭晚上回家看电视早点睡觉明天还要上班';
    // 43 characters, 39 distinct shingles: deleting one removes 5 and adds 4, so J = 34/43.
    expect(jaccard(text, text.replace('吧', ''))).toBeCloseTo(34 / 43, 10);
    expect(jaccard(text, '机器学习需要大量高质量的训练数据和人工审核来保证准确性')).toBeLessThan(0.05);
  });
});
