import { describe, expect, it } from 'vitest';
import { KeyColumn } from '../../../src/stages/release/columns.js';
import { assignSplitColumns, assignSplits, parseSplits } from '../../../src/stages/release/splits.js';
import { murmur3x128String } from '../../../src/text/hash.js';

// Strings a release's plan keys by: ASCII, empty, non-Latin, astral (surrogate pairs), a lone
// surrogate (JSON may carry one), one longer than a decoding chunk, and prefixes of each other.
const samples = [
  'conv-1',
  '',
  'conv-10',
  'conv-1',
  'éé',
  '会話-7',
  '😀x',
  '\ud800',
  '\uffff',
  `${'x'.repeat(5000)}!`,
  'conv-',
];

describe('KeyColumn', () => {
  const col = new KeyColumn();
  for (const s of samples) col.push(s);

  it('gives back every string unchanged', () => {
    expect(col.length).toBe(samples.length);
    samples.forEach((s, i) => {
      expect(col.get(i)).toBe(s);
    });
  });

  it('orders keys as < orders the strings', () => {
    const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0);
    for (let a = 0; a < samples.length; a++)
      for (let b = 0; b < samples.length; b++) {
        const x = samples[a]!;
        const y = samples[b]!;
        expect(sign(col.compare(a, b))).toBe(x < y ? -1 : x > y ? 1 : 0);
      }
  });

  it('hashes each key as murmur3x128String hashes the string', () => {
    samples.forEach((s, i) => {
      expect([...col.hash(i)]).toEqual([...murmur3x128String(s)]);
    });
  });

  it('grows past its first buffer without losing keys', () => {
    const big = new KeyColumn();
    for (let i = 0; i < 20_000; i++) big.push(`record-${i}`);
    expect(big.get(0)).toBe('record-0');
    expect(big.get(12_345)).toBe('record-12345');
    expect(big.get(19_999)).toBe('record-19999');
  });
});

describe('assignSplitColumns', () => {
  it('breaks ties between equal orders by key, as the object form does', () => {
    const specs = parseSplits('train=0.5,test=0.5');
    const keys = ['b', 'a', 'd', 'c'];
    const groups = keys.map((key) => ({ size: 1, stratum: 0, order: 7, key, pin: -1 }));
    const byObjects = assignSplits(groups, specs, 1);
    const byColumns = assignSplitColumns(
      {
        length: 4,
        size: new Int32Array([1, 1, 1, 1]),
        stratum: new Int32Array(4),
        order: new Float64Array([7, 7, 7, 7]),
        pin: new Int32Array([-1, -1, -1, -1]),
        compareKeys: (a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0),
      },
      specs,
      1,
    );
    expect([...byColumns]).toEqual([...byObjects]);
    // 'a' comes first and goes to the split furthest below its share (train), then 'b' to test.
    expect(byColumns[1]).toBe(0);
    expect(byColumns[0]).toBe(1);
  });
});
