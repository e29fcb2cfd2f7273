import { type Random, seededRandom } from '../../../core/random.js';

/**
 * cyrb53 (bryc, public domain): two 32-bit multiply–xorshift lanes folded into 53 bits, the most a
 * seed for `seededRandom` can hold. Fast and well mixed; not cryptographic, nothing here is secret.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (0x1fffff & h2) + (h1 >>> 0);
}

/**
 * The random stream of one cell. It depends only on (seed, row, column), never on the order rows are
 * computed in or which process computes them, so a resumed or parallel run draws exactly what a
 * single pass would have drawn.
 */
export function rowRandom(seed: number, rowIndex: number, column: string): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!(Number.isSafeInteger(rowIndex) && rowIndex >= 0))
    throw new RangeError(`row index must be a whole number ≥ 0, got ${rowIndex}`);
  return seededRandom(hash53(`${seed}:${rowIndex}:${column}`));
}

/** A stream for a whole-run purpose (the coverage plan's permutation), apart from every cell's stream. */
export function runRandom(seed: number, purpose: string): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  return seededRandom(hash53(`${seed}:run:${purpose}`));
}
