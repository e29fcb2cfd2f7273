import { describe, expect, it } from 'vitest';
import { sketchAscii } from '../../src/text/ascii.js';
import { exactKeyInto, normalizeForHash } from '../../src/text/normalize.js';
import { Shingler } from '../../src/text/shingles.js';

/** The general path: normalise, key, shingle. */
function general(text: string, ngram: number): { key: number[]; hashes: number[] } {
  const norm = normalizeForHash(text);
  const key = new Uint32Array(4);
  exactKeyInto(norm, key, 0);
  const sh = new Shingler(ngram);
  const n = sh.run(norm);
  return { key: [...key], hashes: [...sh.hashes.subarray(0, n)] };
}

function fast(text: string, ngram: number): { key: number[]; hashes: number[] } | undefined {
  const key = new Uint32Array(6);
  const sh = new Shingler(ngram);
  const n = sketchAscii(text, sh, key, 2);
  if (n < 0) return undefined;
  expect([key[0], key[1]]).toEqual([0, 0]);
  return { key: [...key.subarray(2)], hashes: [...sh.hashes.subarray(0, n)] };
}

describe('sketchAscii', () => {
  it('equals normalise + exact key + shingles on random ASCII text, every character included', () => {
    let seed = 17;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    const common = 'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789      ';
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = next() % 80;
      for (let i = 0; i < len; i++) {
        s += next() % 3 === 0 ? String.fromCharCode(next() % 128) : common[next() % common.length];
      }
      const ngram = 1 + (k % 6);
      expect(fast(s, ngram), JSON.stringify(s)).toEqual(general(s, ngram));
    }
    for (const s of ['', ' ', "Don't  STOP, e.g. 3.14!", '$5 + tax', 'a|b~c', 'x'.repeat(3000)]) {
      expect(fast(s, 5), s).toEqual(general(s, 5));
    }
  });

  it('declines text that is not all ASCII', () => {
    expect(fast('café', 5)).toBeUndefined();
    expect(fast('plain text, then an emoji 👍', 5)).toBeUndefined();
  });
});
