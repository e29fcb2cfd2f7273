import { badInput } from '../../../core/errors.js';
import type { Random } from '../../../core/random.js';
import {
  type BinomialSpec,
  type DatetimeSpec,
  type GaussianSpec,
  TIME_UNITS,
  type TimedeltaSpec,
  type UniformSpec,
} from './schema.js';

const TWO_32 = 4294967296;
const DAY_MS = 86_400_000;

/** Rounded through toFixed, so 0.1 + 0.2 at 2 decimals is 0.3 and not 0.30000000000000004. */
const round = (x: number, decimals: number | undefined): number =>
  decimals === undefined ? x : Number(x.toFixed(decimals));

/** A uniform whole number in [lo, hi]; exact below 2^32 values, 53-bit float scaling above. */
function integerBetween(lo: number, hi: number, random: Random): number {
  const span = hi - lo + 1;
  return lo + (span <= TWO_32 ? random.below(span) : Math.floor(random.float() * span));
}

export function sampleUniform(spec: UniformSpec, random: Random): number {
  if (spec.integer) return integerBetween(spec.min, spec.max, random);
  return round(spec.min + random.float() * (spec.max - spec.min), spec.decimals);
}

/** Box–Muller on two uniforms from the row's stream; 1 − u keeps the logarithm's argument in (0, 1]. */
export function sampleGaussian(spec: GaussianSpec, random: Random): number {
  const u1 = 1 - random.float();
  const u2 = random.float();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  let x = spec.mean + spec.stddev * z;
  if (spec.min !== undefined && x < spec.min) x = spec.min;
  if (spec.max !== undefined && x > spec.max) x = spec.max;
  return round(x, spec.decimals);
}

/**
 * An instant uniform between start and end. Whole days for `date` (so every day in the range is as
 * likely, the last one included), whole seconds otherwise.
 */
export function sampleDatetime(spec: DatetimeSpec, random: Random): string | number {
  const start = Date.parse(spec.start);
  const end = Date.parse(spec.end);
  const format = spec.format ?? 'iso';
  if (format === 'date') {
    const day = integerBetween(Math.floor(start / DAY_MS), Math.floor(end / DAY_MS), random);
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  const lo = Math.ceil(start / 1000);
  const seconds = integerBetween(lo, Math.max(lo, Math.floor(end / 1000)), random);
  if (format === 'unix') return seconds;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A whole number of units in [min, max]; with `from`, the row's instant in that column moved by it.
 * The result keeps the instant's form (unix seconds stay a number, a date stays a date) unless
 * `format` asks for another, so a chain of offsets reads like its start.
 */
export function sampleTimedelta(
  spec: TimedeltaSpec,
  row: Readonly<Record<string, unknown>>,
  random: Random,
): number | string {
  const units = integerBetween(spec.min, spec.max, random);
  if (spec.from === undefined) return units;
  const base = row[spec.from];
  const ms =
    typeof base === 'number' ? base * 1000 : typeof base === 'string' ? Date.parse(base) : Number.NaN;
  if (!Number.isFinite(ms))
    throw badInput(`timedelta from '${spec.from}': the row's value is not a date or an instant`);
  const at = new Date(ms + units * TIME_UNITS[spec.unit] * 1000);
  const format =
    spec.format ??
    (typeof base === 'number' ? 'unix' : /^\d{4}-\d{2}-\d{2}$/.test(base as string) ? 'date' : 'iso');
  if (format === 'unix') return Math.floor(at.getTime() / 1000);
  if (format === 'date') return at.toISOString().slice(0, 10);
  return at.toISOString().replace('.000Z', 'Z');
}

/** One uniform against p; p = 1 is always true, p = 0 never. */
export function sampleBernoulli(p: number, random: Random): boolean {
  return random.float() < p;
}

/** n Bernoulli trials: exact, and n is at most 10,000 by the schema. */
export function sampleBinomial(spec: BinomialSpec, random: Random): number {
  let k = 0;
  for (let i = 0; i < spec.n; i++) if (random.float() < spec.p) k++;
  return k;
}

/**
 * Knuth's multiplication method for small means; above 30, where e^-mean loses precision and the
 * loop grows, a normal approximation rounded and clipped at 0 (the schema caps the mean at 1,000).
 */
export function samplePoisson(mean: number, random: Random): number {
  if (mean > 30) {
    const u1 = 1 - random.float();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.float());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random.float();
  while (product > limit) {
    k++;
    product *= random.float();
  }
  return k;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** A version 4 UUID (RFC 9562) built from 128 bits of the row's stream, so a rerun gives the same one. */
export function sampleUuid(random: Random): string {
  const a = hex8(random.uint32());
  const b = hex8(((random.uint32() & 0xffff0fff) | 0x00004000) >>> 0); // version 4
  const c = hex8(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0); // variant 10
  const d = hex8(random.uint32());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
