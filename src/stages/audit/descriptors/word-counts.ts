/**
 * A count per word id, for the words near a term: the descriptor tally adds to them tens of millions
 * of times, and a Map takes two lookups per addition (get, then set) where this open-addressing
 * table takes one. Iterates in the order words were first counted, as a Map would.
 */
export class WordCounts {
  /** Index + 1 into #ids and #counts per slot; 0 is empty. */
  #slots = new Int32Array(16);
  readonly #ids: number[] = [];
  readonly #counts: number[] = [];

  get size(): number {
    return this.#ids.length;
  }

  #slotOf(id: number, slots: Int32Array): number {
    const mask = slots.length - 1;
    let h = Math.imul(id, 0x9e3779b1);
    h ^= h >>> 15;
    let slot = h & mask;
    for (let s = slots[slot]!; s !== 0 && this.#ids[s - 1] !== id; s = slots[slot]!) slot = (slot + 1) & mask;
    return slot;
  }

  /** Adds one to the word's count. */
  increment(id: number): void {
    const slot = this.#slotOf(id, this.#slots);
    const s = this.#slots[slot]!;
    if (s !== 0) {
      this.#counts[s - 1]!++;
      return;
    }
    this.#ids.push(id);
    this.#counts.push(1);
    this.#slots[slot] = this.#ids.length;
    // At most half full, so probes stay short.
    if (this.#ids.length * 2 > this.#slots.length) {
      const slots = new Int32Array(this.#slots.length * 2);
      for (let k = 0; k < this.#ids.length; k++) slots[this.#slotOf(this.#ids[k]!, slots)] = k + 1;
      this.#slots = slots;
    }
  }

  /** The word's count (0 when never counted). */
  get(id: number): number {
    const s = this.#slots[this.#slotOf(id, this.#slots)]!;
    return s === 0 ? 0 : this.#counts[s - 1]!;
  }

  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let k = 0; k < this.#ids.length; k++) yield [this.#ids[k]!, this.#counts[k]!];
  }
}
