import { type BootstrapOptions, bootstrapInterval } from './intervals.js';

/**
 * The mean of paired differences (a judge's score on a swapped text minus its score on the
 * original) with a seeded percentile-bootstrap interval over the pairs: no normality assumed, which
 * matters because judge scores are coarse (a few integer steps) and most differences are 0.
 * `shifted` says the interval excludes 0: the swap moves the score, beyond what chance would.
 */
export interface PairedShift {
  n: number;
  mean: number;
  lo: number;
  hi: number;
  level: number;
  /** Pairs whose difference is not 0. */
  changed: number;
  shifted: boolean;
}

export function pairedShift(
  differences: ArrayLike<number>,
  options: BootstrapOptions = {},
): PairedShift | null {
  const n = differences.length;
  if (n === 0) return null;
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const d = differences[i]!;
    if (!Number.isFinite(d)) throw new RangeError(`difference ${i} is not a finite number: ${d}`);
    sum += d;
    if (d !== 0) changed++;
  }
  const mean = sum / n;
  const level = options.level ?? 0.95;
  if (changed === 0) return { n, mean: 0, lo: 0, hi: 0, level, changed, shifted: false };
  const b = bootstrapInterval(
    (w) => {
      let s = 0;
      let t = 0;
      for (let i = 0; i < n; i++) {
        s += w[i]! * differences[i]!;
        t += w[i]!;
      }
      return s / t;
    },
    n,
    options,
  );
  // One pair cannot tell a shift from noise, whatever its resamples say.
  const shifted = n >= 2 && (b.low > 0 || b.high < 0);
  return { n, mean, lo: b.low, hi: b.high, level, changed, shifted };
}
