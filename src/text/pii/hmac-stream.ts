import { createHmac } from 'node:crypto';

/** Deterministic bytes for the fake generators: HMAC-SHA256(salt, seed ‖ block counter), 32 at a time. */
export class HmacStream {
  private block = 0;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  constructor(
    private readonly salt: string,
    private readonly seed: string,
  ) {}
  private byte(): number {
    if (this.pos >= this.buf.length) {
      this.buf = createHmac('sha256', this.salt)
        .update(`${this.seed}\u0000${this.block++}`)
        .digest();
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
  /** A uniform-enough integer in [0, n), n ≤ 2^24. */
  int(n: number): number {
    return ((this.byte() << 16) | (this.byte() << 8) | this.byte()) % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  digit(from = 0): string {
    return String(from + this.int(10 - from));
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.digit();
    return s;
  }
}
