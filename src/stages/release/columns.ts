import { murmur3x128Units } from '../../text/hash.js';

/**
 * Growable typed columns for planning a release: a million candidates fit in a few megabytes, in
 * buffers the garbage collector never traces (a million small objects or strings on the heap cost
 * their size several times over in RSS, as V8 lets the heap grow in proportion to what it holds).
 */

export class Column<T extends Float64Array | Int32Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  get view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/**
 * Strings (records' external ids) packed as UTF-16 code units, so every string survives unchanged
 * (lone surrogates included) and hashes and compares exactly as the JavaScript string would.
 */
export class KeyColumn {
  #units = new Uint16Array(1 << 16);
  #used = 0;
  readonly #ends = new Column((n) => new Float64Array(n));
  readonly #hash = new Uint32Array(4);

  get length(): number {
    return this.#ends.length;
  }

  push(s: string): void {
    const need = this.#used + s.length;
    if (need > this.#units.length) {
      let cap = this.#units.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint16Array(cap);
      next.set(this.#units.subarray(0, this.#used));
      this.#units = next;
    }
    const u = this.#units;
    for (let j = 0, at = this.#used; j < s.length; j++, at++) u[at] = s.charCodeAt(j);
    this.#used = need;
    this.#ends.push(need);
  }

  #start(i: number): number {
    return i === 0 ? 0 : this.#ends.data[i - 1]!;
  }

  get(i: number): string {
    const start = this.#start(i);
    const end = this.#ends.data[i]!;
    let s = '';
    // In chunks: fromCharCode takes its units as arguments.
    for (let at = start; at < end; at += 4096)
      s += String.fromCharCode(...this.#units.subarray(at, Math.min(end, at + 4096)));
    return s;
  }

  /** As `<` orders the two strings: by code unit, a prefix first. */
  compare(a: number, b: number): number {
    const u = this.#units;
    const sa = this.#start(a);
    const sb = this.#start(b);
    const na = this.#ends.data[a]! - sa;
    const nb = this.#ends.data[b]! - sb;
    const n = Math.min(na, nb);
    for (let j = 0; j < n; j++) {
      const d = u[sa + j]! - u[sb + j]!;
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return na === nb ? 0 : na < nb ? -1 : 1;
  }

  /** The 128-bit MurmurHash3 of string i, as `murmur3x128String` gives it (shared buffer: copy it). */
  hash(i: number): Uint32Array {
    const start = this.#start(i);
    const end = this.#ends.data[i]!;
    murmur3x128Units(this.#units.subarray(start, end), end - start, 0, this.#hash, 0);
    return this.#hash;
  }
}
