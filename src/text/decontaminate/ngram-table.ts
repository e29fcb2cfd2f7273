/**
 * An open-addressing hash table (linear probing, load ≤ 0.75) from 64-bit n-gram keys to the
 * evaluation items holding them, in one Int32Array: V8's Map and Set stop at 2^24 entries, and
 * 100,000 items × 200 words are ~19M n-grams. 12 bytes a slot.
 */
import { fmix32 } from './words.js';

export class NgramTable {
  /** Per slot: key low, key high, value (0 empty; i + 1 for item i; −(l + 1) for shared list l). */
  slots = new Int32Array(3 * 1024);
  mask = 1023;
  count = 0;
  shared: number[][] = [];

  private slotOf(g1: number, g2: number): number {
    return fmix32(g1 ^ Math.imul(g2, 0x27d4eb2d)) & this.mask;
  }

  /**
   * A one-hash bit filter over the keys, 8–16 bits per key (so it fits in cache far better than
   * the table): most n-grams of a training text are in no evaluation item, and 88–94% of those
   * are turned away here without touching the table. Built lazily, dropped when keys are added.
   */
  private filter: Int32Array | undefined;
  private filterMask = 0;

  private buildFilter(): Int32Array {
    let bits = 1024;
    while (bits < this.count * 8) bits *= 2;
    const filter = new Int32Array(bits >>> 5);
    this.filterMask = bits - 1;
    const s = this.slots;
    for (let j = 0; j < s.length; j += 3) {
      if (s[j + 2] === 0) continue;
      const b = this.filterBit(s[j]!, s[j + 1]!);
      filter[b >>> 5]! |= 1 << (b & 31);
    }
    this.filter = filter;
    return filter;
  }

  private filterBit(g1: number, g2: number): number {
    return fmix32(g2 ^ Math.imul(g1, 0x165667b1)) & this.filterMask;
  }

  find(g1: number, g2: number): number {
    const filter = this.filter ?? this.buildFilter();
    const b = this.filterBit(g1, g2);
    if ((filter[b >>> 5]! & (1 << (b & 31))) === 0) return 0;
    const s = this.slots;
    for (let i = this.slotOf(g1, g2); ; i = (i + 1) & this.mask) {
      const v = s[3 * i + 2]!;
      if (v === 0) return 0;
      if (s[3 * i] === g1 && s[3 * i + 1] === g2) return v;
    }
  }

  /** Associates the key with the item; false if it already was. */
  add(g1: number, g2: number, item: number): boolean {
    this.filter = undefined;
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const s = this.slots;
    for (let i = this.slotOf(g1, g2); ; i = (i + 1) & this.mask) {
      const v = s[3 * i + 2]!;
      if (v === 0) {
        s[3 * i] = g1;
        s[3 * i + 1] = g2;
        s[3 * i + 2] = item + 1;
        this.count++;
        return true;
      }
      if (s[3 * i] !== g1 || s[3 * i + 1] !== g2) continue;
      if (v > 0) {
        if (v === item + 1) return false;
        this.shared.push([v - 1, item]);
        s[3 * i + 2] = -this.shared.length;
        return true;
      }
      // Items are added one at a time, so this item is on the list only if it is the last.
      const list = this.shared[-v - 1]!;
      if (list[list.length - 1] === item) return false;
      list.push(item);
      return true;
    }
  }

  items(v: number): readonly number[] {
    return v > 0 ? [v - 1] : this.shared[-v - 1]!;
  }

  /** Makes room for `count` keys without growing again. */
  reserve(count: number): void {
    let capacity = this.mask + 1;
    while (count * 4 > capacity * 3) capacity *= 2;
    if (capacity > this.mask + 1) this.grow(capacity);
  }

  private grow(capacity = (this.mask + 1) * 2): void {
    const old = this.slots;
    this.slots = new Int32Array(3 * capacity);
    this.mask = capacity - 1;
    for (let j = 0; j < old.length; j += 3) {
      const v = old[j + 2]!;
      if (v === 0) continue;
      const g1 = old[j]!;
      const g2 = old[j + 1]!;
      let i = this.slotOf(g1, g2);
      while (this.slots[3 * i + 2] !== 0) i = (i + 1) & this.mask;
      this.slots[3 * i] = g1;
      this.slots[3 * i + 1] = g2;
      this.slots[3 * i + 2] = v;
    }
  }
}
