import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LARGE_BUCKET } from '../../src/text/cluster.js';
import { findNearDuplicates, findNearDuplicatesSync, resolveOptions } from '../../src/text/dedup.js';
import { sortedJaccard } from '../../src/text/jaccard.js';
import { shingleSet } from '../../src/text/shingles.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r = prng(99);
const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
const word = () => vocabulary[Math.floor(r() * vocabulary.length)]!;
const doc = (n = 100) => Array.from({ length: n }, word);
/** `edits` substitutions at distinct interior positions. */
function edit(words: string[], edits: number): string[] {
  const out = [...words];
  for (let k = 0; k < edits; k++) out[10 + Math.floor(((k + 0.5) * (out.length - 20)) / edits)] = `zz${k}`;
  return out;
}
const text = (w: string[]) => w.join(' ');
const jaccard = (a: string, b: string) => sortedJaccard(shingleSet(a), shingleSet(b));

// A set with known answers: every near pair is far from the 0.8 threshold on its side.
const bases = Array.from({ length: 8 }, () => doc());
const texts = [
  text(bases[0]!), // 0 ┐ one substitution: J ≈ 0.90
  text(bases[1]!), // 1   unrelated
  text(edit(bases[0]!, 1)), // 2 ┘
  text(bases[2]!), // 3 ┐ same text after normalisation
  text(bases[3]!), // 4 ┐ eight substitutions: J ≈ 0.43, not duplicates
  `  ${text(bases[2]!).toUpperCase().replaceAll(' ', ', ')}!`, // 5 ┘
  text(edit(bases[3]!, 8)), // 6 ┘
  text(bases[4]!), // 7 ┐ two substitutions: J ≈ 0.82… see the check below
  text(edit(bases[4]!, 1)), // 8 ┤ a chain: 7~8, 8~9
  text(edit(edit(bases[4]!, 1), 1).concat(' tail')), // 9 ┘
  text(bases[5]!), // 10 unrelated
];

describe('findNearDuplicates', () => {
  it('finds the known clusters: near pairs above the threshold, exact copies, nothing else', async () => {
    expect(jaccard(texts[0]!, texts[2]!)).toBeGreaterThan(0.85);
    expect(jaccard(texts[4]!, texts[6]!)).toBeLessThan(0.5);
    expect(jaccard(texts[8]!, texts[9]!)).toBeGreaterThan(0.95);
    const res = await findNearDuplicates(texts);
    expect(res.clusters).toEqual([
      [0, 2],
      [3, 5],
      [7, 8, 9],
    ]);
    expect(res.duplicates).toBe(4);
    expect(res.documents).toBe(texts.length);
    expect(res.exactDuplicates).toBe(1);
    expect(res).toMatchObject({ threshold: 0.8, numPerm: 128, ngram: 5, bands: 16, rows: 8 });
  });

  it('gives the same answer synchronously, from an async stream, and in batches', async () => {
    const want = findNearDuplicatesSync(texts).clusters;
    async function* stream() {
      for (const t of texts) yield t;
    }
    async function* batches() {
      yield texts.slice(0, 4);
      yield texts.slice(4);
    }
    expect((await findNearDuplicates(stream())).clusters).toEqual(want);
    expect((await findNearDuplicates(batches(), { batchSize: 3 })).clusters).toEqual(want);
    expect(findNearDuplicatesSync(texts, { batchSize: 2 }).clusters).toEqual(want);
    let progress = 0;
    findNearDuplicatesSync(texts, { batchSize: 4, onProgress: (n) => (progress = n) });
    expect(progress).toBe(texts.length);
  });

  it('respects the threshold', () => {
    const j = jaccard(texts[0]!, texts[2]!);
    expect(findNearDuplicatesSync(texts, { threshold: Math.min(1, j + 0.02) }).clusters).not.toContainEqual([
      0, 2,
    ]);
    expect(findNearDuplicatesSync(texts, { threshold: 0.4 }).clusters).toContainEqual([4, 6]);
  });

  it('puts texts equal after normalisation together, short and empty ones included', () => {
    const res = findNearDuplicatesSync([
      'Hello, world!',
      '',
      'hello world',
      '...',
      'hello there',
      'HELLO   WORLD',
    ]);
    expect(res.clusters).toEqual([
      [0, 2, 5],
      [1, 3],
    ]);
    expect(res.exactDuplicates).toBe(3);
    expect(res.duplicates).toBe(3);
  });

  it('keeps the highest priority in each cluster, ties to the lowest index', () => {
    // Human over synthetic: priority 1 for 8, so it is kept ahead of 7.
    const byArray = findNearDuplicatesSync(texts, { priority: [0, 0, 5, 0, 0, 0, 0, 0, 1, 1, 0] });
    expect(byArray.clusters).toEqual([
      [2, 0],
      [3, 5],
      [8, 7, 9],
    ]);
    const byFunction = findNearDuplicatesSync(texts, { priority: (i) => (i === 5 ? 2 : 0) });
    expect(byFunction.clusters).toEqual([
      [0, 2],
      [5, 3],
      [7, 8, 9],
    ]);
    expect(byFunction.duplicates).toBe(4);
  });

  it('confirms by the MinHash estimate when asked', () => {
    const res = findNearDuplicatesSync(texts, { confirm: 'minhash' });
    expect(res.clusters).toEqual([
      [0, 2],
      [3, 5],
      [7, 8, 9],
    ]);
  });

  it('finds near-duplicate long texts from bottom-k sketches', () => {
    const long = doc(700);
    const res = findNearDuplicatesSync([text(long), text(doc(700)), text(edit(long, 3))], {
      maxShingles: 64,
    });
    expect(res.clusters).toEqual([[0, 2]]);
  });

  it('handles buckets too large for all pairs by comparing with leaders', () => {
    const base = doc(100);
    const many = Array.from({ length: LARGE_BUCKET + 100 }, (_, i) => `${text(base)} end${i}`);
    many.push(text(doc(100)));
    const res = findNearDuplicatesSync(many);
    expect(res.clusters.length).toBe(1);
    expect(res.clusters[0]!.length).toBe(LARGE_BUCKET + 100);
    // All pairs would be over two million comparisons.
    expect(res.candidatePairs).toBeLessThan(20 * many.length);
  });

  it('rejects bad options and non-text input', async () => {
    expect(() => resolveOptions({ threshold: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ numPerm: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ ngram: 1.5 })).toThrow(RangeError);
    expect(() => resolveOptions({ bandRows: { bands: 20, rows: 8 } })).toThrow(RangeError);
    expect(resolveOptions({ bandRows: { bands: 4, rows: 2 } }).sketch).toMatchObject({ bands: 4, rows: 2 });
    await expect(findNearDuplicates(['a', 3 as unknown as string])).rejects.toThrow(TypeError);
    await expect(findNearDuplicates('one text')).rejects.toThrow('not a string');
    expect(() => findNearDuplicatesSync('one text')).toThrow('not a string');
  });
});

// The worker threads only exist compiled: check them against this thread when dist/ is built.
const dist = fileURLToPath(new URL('../../dist/text/dedup.js', import.meta.url));
describe.skipIf(!existsSync(dist))('worker threads (dist/)', () => {
  it('give the same clusters as this thread, batches back in order', async () => {
    const built = (await import(pathToFileURL(dist).href)) as typeof import('../../src/text/dedup.js');
    const many: string[] = [];
    for (let i = 0; i < 600; i++) {
      const base = doc(100);
      many.push(text(base));
      if (i % 3 === 0) many.push(text(edit(base, 1)));
    }
    const threaded = await built.findNearDuplicates(many, { threads: 2, batchSize: 37 });
    const inline = await built.findNearDuplicates(many, { threads: 0, batchSize: 37 });
    expect(threaded.clusters.length).toBeGreaterThan(195); // 200 pairs of J ≈ 0.9
    expect(threaded.clusters).toEqual(inline.clusters);
    expect(threaded.clusters).toEqual(findNearDuplicatesSync(many).clusters);
  });
});
