/**
 * A small seeded pseudo-random generator, so resampling statistics (the bootstrap) give the same
 * answer for the same seed on every machine. xoshiro128** (Blackman & Vigna) seeded through
 * splitmix32: fast in 32-bit integer arithmetic, period 2^128 − 1, good statistical quality. Not for
 * anything secret.
 */

export interface Random {
  /** The next 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform integer in [0, n), without modulo bias. `n` is a whole number in [1, 2^32]. */
  below(n: number): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number;
  /** Fills `out` with uniform integers in [0, n), n ≤ 2^31, as `below(n)` would one by one, only faster. */
  indices(out: Int32Array, n: number): void;
}

const TWO_32 = 4294967296;
/** Below this, x · n is exact in a double for any 32-bit x, so Lemire's multiply-shift applies. */
const TWO_21 = 2097152;

function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** A generator seeded with any safe integer; the same seed always gives the same sequence. */
export function seededRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  // s0 is a bijection of the low 32 bits of the seed and s3 of the high bits, so distinct seeds give
  // distinct states; s1 (which the first output reads) depends on both.
  const low = splitmix32(seed % TWO_32);
  const high = splitmix32(Math.floor(seed / TWO_32));
  let s0 = low();
  let s3 = high();
  let s1 = low() ^ high();
  let s2 = low();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one xoshiro cannot leave

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const checkRange = (n: number) => {
    if (!(n >= 1 && n <= TWO_32 && Number.isInteger(n))) throw new RangeError(`below(n) needs 1 ≤ n ≤ 2^32`);
  };
  // Reject the top sliver of the 32-bit range that would make some results more likely.
  const below = (n: number): number => {
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = uint32();
      if (x < limit) return x % n;
    }
  };

  return {
    uint32,
    below(n: number): number {
      checkRange(n);
      return below(n);
    },
    indices(out: Int32Array, n: number): void {
      checkRange(n);
      if (n > 2147483648) throw new RangeError('indices(out, n) needs n ≤ 2^31, what an Int32Array holds');
      if (n >= TWO_21) {
        for (let i = 0; i < out.length; i++) out[i] = below(n);
        return;
      }
      // Lemire's multiply-shift with rejection (exact): floor(x · n / 2^32), redrawn when the low
      // part of x · n falls below 2^32 mod n. The generator runs on locals, which makes this fast.
      const threshold = TWO_32 % n;
      let a = s0;
      let b = s1;
      let c = s2;
      let d = s3;
      for (let i = 0; i < out.length; ) {
        const x = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = rotl(d, 11);
        const m = x * n;
        const hi = Math.floor(m / TWO_32);
        if (m - hi * TWO_32 >= threshold) out[i++] = hi;
      }
      s0 = a;
      s1 = b;
      s2 = c;
      s3 = d;
    },
    float(): number {
      return ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
    },
  };
}
