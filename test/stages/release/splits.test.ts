import { describe, expect, it } from 'vitest';
import { assignSplits, type GroupInput, parseSplits } from '../../../src/stages/release/splits.js';
import { nextMinor, parseRef, parseVersion } from '../../../src/stages/release/version.js';

const specs = parseSplits('train=0.8,validation=0.1,test=0.1');
const group = (i: number, o: Partial<GroupInput> = {}): GroupInput => ({
  size: 1,
  stratum: 0,
  order: (i * 2654435761) % 2 ** 32,
  key: `g${i}`,
  pin: -1,
  ...o,
});

describe('assignSplits', () => {
  it('meets the proportions exactly in each stratum, whatever the order groups arrive in', () => {
    const groups = Array.from({ length: 1000 }, (_, i) => group(i, { stratum: i % 2 }));
    const a = assignSplits(groups, specs, 2);
    const counts = [0, 1].map((s) =>
      [0, 1, 2].map((k) => groups.filter((g, i) => g.stratum === s && a[i] === k).length),
    );
    expect(counts).toEqual([
      [400, 50, 50],
      [400, 50, 50],
    ]);
    const reversed = [...groups].reverse();
    const b = assignSplits(reversed, specs, 2);
    const byKey = (gs: GroupInput[], out: Int32Array) => new Map(gs.map((g, i) => [g.key, out[i]]));
    expect(byKey(reversed, b)).toEqual(byKey(groups, a));
  });

  it('keeps pinned groups where they were and counts them toward the shares', () => {
    const groups = Array.from({ length: 100 }, (_, i) => group(i, { pin: i < 20 ? 2 : -1 }));
    const a = assignSplits(groups, specs, 1);
    for (let i = 0; i < 20; i++) expect(a[i]).toBe(2);
    expect([...a].filter((s) => s === 2)).toHaveLength(20);
    // The 80 others split 8 : 1 as train and validation do.
    expect([...a].filter((s) => s === 0)).toHaveLength(71);
  });

  it('puts a large group in one split and stays within one group of the target', () => {
    const groups = [group(0, { size: 30 }), ...Array.from({ length: 70 }, (_, i) => group(i + 1))];
    const a = assignSplits(groups, specs, 1);
    const records = [0, 1, 2].map((k) => groups.reduce((n, g, i) => n + (a[i] === k ? g.size : 0), 0));
    expect(records.reduce((x, y) => x + y)).toBe(100);
    expect(Math.abs(records[0]! - 80)).toBeLessThanOrEqual(30);
  });
});

describe('versions and refs', () => {
  it('parses semver and DATASET@VERSION, and refuses anything else', () => {
    expect(parseVersion('1.2.0')).toBe('1.2.0');
    expect(nextMinor('1.2.3')).toBe('1.3.0');
    expect(parseRef('support@1.10.0')).toEqual({ dataset: 'support', version: '1.10.0' });
    expect(() => parseVersion('1.2')).toThrow(/not a semantic version/);
    expect(() => parseRef('support')).toThrow(/DATASET@VERSION/);
  });
});
