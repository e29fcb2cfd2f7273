/**
 * HyperLogLog (Flajolet, Fusy, Gandouet & Meunier 2007): the number of distinct values in a stream,
 * estimated from 2^p one-byte registers whatever the stream's length. Standard error ≈ 1.04 / √(2^p):
 * 0.81% at the default p = 14 (16 KiB).
 *
 * Values arrive as 32-bit hashes (murmur3String / fmix32 from hash.ts). The top p bits pick a register;
 * the register keeps the largest rank (leading zeros + 1) seen among the remaining q = 32 − p bits.
 *
 * The estimate is Ertl's "improved estimator" (arXiv:1702.01284, 2017), not the original's raw estimate
 * with its two switches. It has the same two corrections built in, without switching: σ over the empty
 * registers is linear counting for small cardinalities, τ over the saturated ones (rank q + 1) is the
 * large-range correction for 32-bit hashes. The original switches to its raw estimate at 2.5 · 2^p, where
 * that is still biased: at p = 14, measured +1.4% bias and 2.4% RMS error at 40,000 distinct values
 * (0.8% here), which is where the distinct words of a generation run often fall.
 *
 * Range: meant for up to ~10^8 distinct values. With 32-bit hashes n distinct values hit only about
 * n · (1 − n / 2^33) distinct hashes; τ accounts for that on average (within 0.5% at 10^8 with random
 * hashes), but the registers fill up as n nears 2^32, so beyond ~10^8 use a 64-bit hash instead.
 */

import { murmur3String } from './hash.js';

export const DEFAULT_PRECISION = 14;
const MIN_PRECISION = 4;
const MAX_PRECISION = 16;

/** σ(x) = x + Σ_{k≥1} x^(2^k) · 2^(k−1): Ertl's small-range term (x: the share of empty registers). */
function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  let previous: number;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z !== previous);
  return z;
}

/** τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² · 2^−k) / 3: the large-range term (x: share not saturated). */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  do {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  } while (z !== previous);
  return z / 3;
}

export class HyperLogLog {
  /** One register per bucket: the largest rank seen in it (0: none yet). */
  readonly registers: Uint8Array;
  private readonly shift: number;
  /** Ones in the low p bits, so a rank never exceeds 32 − p + 1 even for an all-zero remainder. */
  private readonly fill: number;

  constructor(readonly precision = DEFAULT_PRECISION) {
    if (!Number.isInteger(precision) || precision < MIN_PRECISION || precision > MAX_PRECISION) {
      throw new RangeError(
        `precision must be an integer in [${MIN_PRECISION}, ${MAX_PRECISION}], got ${precision}`,
      );
    }
    this.registers = new Uint8Array(1 << precision);
    this.shift = 32 - precision;
    this.fill = (1 << precision) - 1;
  }

  /** Counts a value given as its 32-bit hash (only the low 32 bits are used). */
  add(hash32: number): void {
    const index = hash32 >>> this.shift;
    const rank = Math.clz32((hash32 << this.precision) | this.fill) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** Counts a string by its MurmurHash3 (UTF-16LE, seed 0). */
  addString(s: string): void {
    this.add(murmur3String(s));
  }

  /** The estimated number of distinct values added (0 for none). */
  estimate(): number {
    const m = this.registers.length;
    const q = 32 - this.precision; // hash bits left for the rank: ranks run 0 … q + 1
    const counts = new Float64Array(q + 2);
    for (const r of this.registers) counts[r]!++;
    let z = m * tau(1 - counts[q + 1]! / m);
    for (let k = q; k >= 1; k--) z = 0.5 * (z + counts[k]!);
    z += m * sigma(counts[0]! / m);
    return (m * m) / (2 * Math.LN2 * z);
  }

  /** Folds in another sketch of the same precision: afterwards this sketch counts the union of both. */
  merge(other: HyperLogLog): this {
    if (other.precision !== this.precision) {
      throw new RangeError(`cannot merge precision ${other.precision} into precision ${this.precision}`);
    }
    const a = this.registers;
    const b = other.registers;
    for (let i = 0; i < a.length; i++) if (b[i]! > a[i]!) a[i] = b[i]!;
    return this;
  }
}
