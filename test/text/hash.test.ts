import { describe, expect, it } from 'vitest';
import {
  fnv1a,
  murmur3Bytes,
  murmur3String,
  murmur3Words,
  murmur3x128Bytes,
  murmur3x128String,
} from '../../src/text/hash.js';
import { exactKey } from '../../src/text/normalize.js';
import { shingles } from '../../src/text/shingles.js';

/** SMHasher's VerificationTest: hash {}, {0}, {0,1}, … {0..254} with seed 256−i, then hash the hashes. */
function smhasherVerification(hash: (b: Uint8Array, seed: number) => Uint32Array): number {
  const key = new Uint8Array(256);
  let width = 0;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 256; i++) {
    key[i] = i;
    const h = hash(key.subarray(0, i), 256 - i);
    width = h.length * 4;
    parts.push(leBytes(h));
  }
  const all = new Uint8Array(width * 256);
  for (const [i, p] of parts.entries()) all.set(p, i * width);
  const final = leBytes(hash(all, 0));
  return (final[0]! | (final[1]! << 8) | (final[2]! << 16) | (final[3]! << 24)) >>> 0;
}

function leBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  for (const [i, w] of words.entries()) view.setUint32(4 * i, w, true);
  return out;
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return out;
}

function randomString(r: () => number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const k = r();
    s +=
      k < 0.5
        ? String.fromCharCode(32 + Math.floor(r() * 95))
        : k < 0.8
          ? String.fromCharCode(0xa0 + Math.floor(r() * 0x5000))
          : String.fromCodePoint(0x1f300 + Math.floor(r() * 0x300));
  }
  return s;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('MurmurHash3', () => {
  it('matches the published verification values (SMHasher) and test vectors', () => {
    expect(smhasherVerification((b, s) => new Uint32Array([murmur3Bytes(b, s)]))).toBe(0xb0f57ee3);
    expect(smhasherVerification(murmur3x128Bytes)).toBe(0xb3ece62a);
    const fox = new TextEncoder().encode('The quick brown fox jumps over the lazy dog');
    expect(murmur3Bytes(fox, 0)).toBe(0x2e4ff723);
    expect(murmur3Bytes(new Uint8Array(0), 1)).toBe(0x514e28b7);
  });

  it('hashes strings as their UTF-16LE bytes, and words as their little-endian bytes', () => {
    const r = prng(1);
    for (let n = 0; n < 300; n++) {
      const s = randomString(r, n % 41);
      expect(murmur3String(s, n)).toBe(murmur3Bytes(utf16le(s), n));
      expect([...murmur3x128String(s, n)]).toEqual([...murmur3x128Bytes(utf16le(s), n)]);
      const words = new Uint32Array(n % 13).map(() => Math.floor(r() * 2 ** 32));
      expect(murmur3Words(words, 0, words.length, n)).toBe(murmur3Bytes(leBytes(words), n));
    }
    const words = new Uint32Array([1, 2, 3, 4, 5]);
    expect(murmur3Words(words, 1, 3)).toBe(murmur3Bytes(leBytes(words.subarray(1, 4))));
  });

  it('writes the 128-bit hash at an offset', () => {
    const out = new Uint32Array(8);
    murmur3x128String('abc', 7, out, 4);
    expect([...out.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...out.subarray(4)]).toEqual([...murmur3x128String('abc', 7)]);
  });
});

describe('FNV-1a', () => {
  it('matches the reference values for ASCII (where UTF-16 units equal bytes)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(fnv1a('xfoobarx', 1, 7)).toBe(0xbf9cf968);
  });
});

describe('hash stability', () => {
  // Stored sketches and results stay comparable only if these never change.
  it('gives the same shingle hashes and exact keys as when they were recorded', () => {
    expect([...shingles('The quick brown fox jumps over the lazy dog.')]).toEqual([
      4080365838, 1197812611, 2408090324, 2796367816, 2117931625,
    ]);
    expect([...shingles('我们今天去公园玩', { ngram: 3 })]).toEqual([
      3412045114, 2025795025, 4289517584, 830622604, 4169718591, 2814963301,
    ]);
    expect(exactKey('The quick brown fox jumps over the lazy dog.')).toBe('4ece63f6428e28ffb0bf61c02056223d');
  });
});
