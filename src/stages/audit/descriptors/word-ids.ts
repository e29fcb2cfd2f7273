/**
 * Word ids for the descriptor tally, which looks up every word of every record (tens of millions at
 * a million records). Words are kept in an open-addressing table hashed over their characters, so a
 * word of ASCII text is found where it lies in the text, without making a string of it first; only
 * a word never seen before becomes a string. Any other text goes through `idOf` with its words as
 * strings; both ways give a word the same id.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** ASCII letters and digits: what `[\p{L}\p{N}]` matches in ASCII text. */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/** Text of ASCII characters only (where lower-casing and word characters are ASCII's). */
export const isAscii = (text: string): boolean => !/[\u0080-\uffff]/.test(text);

export class WordIds {
  /** id → word. */
  readonly words: string[] = [];
  readonly #hashes: number[] = [];
  /** id + 1 per slot; 0 is empty. */
  #slots = new Int32Array(1 << 12);

  /** The id of a word (as `wordsOf` gives it), added if new. */
  idOf(word: string): number {
    let h = FNV_OFFSET;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    for (let s = this.#slots[slot]!; s !== 0; s = this.#slots[slot]!) {
      if (this.words[s - 1] === word) return s - 1;
      slot = (slot + 1) & mask;
    }
    return this.#insert(word, h, slot);
  }

  /**
   * Calls `each` with the id of every word of an ASCII text (runs of letters and digits, lower-cased)
   * in order: the words `wordsOf(text)` gives, without making their strings.
   */
  eachAscii(text: string, each: (id: number) => void): void {
    const len = text.length;
    let i = 0;
    while (i < len) {
      let c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      while (i < len && isWordChar(c)) {
        h = Math.imul(h ^ (c <= 90 && c >= 65 ? c | 32 : c), FNV_PRIME);
        c = text.charCodeAt(++i);
      }
      each(this.#find(text, start, i, h));
    }
  }

  /** The id of the word text[start, end) (ASCII, lower-cased), added if new; `h` its hash. */
  #find(text: string, start: number, end: number, h: number): number {
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    const length = end - start;
    for (let s = this.#slots[slot]!; s !== 0; s = this.#slots[slot]!) {
      if (this.#hashes[s - 1] === h) {
        const w = this.words[s - 1]!;
        if (w.length === length) {
          let k = 0;
          while (k < length) {
            const c = text.charCodeAt(start + k);
            if ((c <= 90 && c >= 65 ? c | 32 : c) !== w.charCodeAt(k)) break;
            k++;
          }
          if (k === length) return s - 1;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.#insert(text.slice(start, end).toLowerCase(), h, slot);
  }

  #insert(word: string, h: number, slot: number): number {
    const id = this.words.length;
    this.words.push(word);
    this.#hashes.push(h);
    this.#slots[slot] = id + 1;
    // At most half full, so probes stay short.
    if (this.words.length * 2 > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.words.length; id++) {
      let slot = this.#hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#slots = slots;
  }
}
