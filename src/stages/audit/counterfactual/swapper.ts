import { escapeRegExp } from '../../../text/escape-regexp.js';
import type { SwapPair, SwapType } from './swap-list.js';

/**
 * Swaps the terms of one swap type in a text, x ↔ y in one pass (so "he told her" becomes "she told
 * him", never "she told she"), whole words only, keeping the case of each occurrence. A term listed
 * with two partners swaps to the first one. Which way the text went matters for the sign of the
 * shift, so each swap counts how many x terms became y terms (`toY`) and how many went back (`toX`).
 */

export interface Swapped {
  text: string;
  toY: number;
  toX: number;
  /** The pairs used, as `x→y` keys, for the per-pair breakdown. */
  pairs: string[];
}

function keepCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase())
    return replacement.toUpperCase();
  const first = original[0]!;
  if (first === first.toUpperCase() && first !== first.toLowerCase())
    return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

export class Swapper {
  readonly #pattern: RegExp | null;
  /** Lower-cased term → its partner, which side it is on, and its pair's key. */
  readonly #to = new Map<string, { partner: string; side: 'x' | 'y'; pair: string }>();

  constructor(pairs: readonly SwapPair[]) {
    for (const p of pairs) {
      const pair = `${p.x}→${p.y}`;
      const x = p.x.toLowerCase();
      const y = p.y.toLowerCase();
      if (!this.#to.has(x)) this.#to.set(x, { partner: p.y, side: 'x', pair });
      if (!this.#to.has(y)) this.#to.set(y, { partner: p.x, side: 'y', pair });
    }
    // Longest terms first, so "grandfather" is not read as "grand" + "father".
    const terms = [...this.#to.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.#pattern = terms.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : null;
  }

  swap(text: string): Swapped {
    let toY = 0;
    let toX = 0;
    const pairs = new Set<string>();
    if (!this.#pattern) return { text, toY, toX, pairs: [] };
    const out = text.replace(this.#pattern, (m) => {
      const t = this.#to.get(m.toLowerCase());
      if (!t) return m;
      if (t.side === 'x') toY++;
      else toX++;
      pairs.add(t.pair);
      return keepCase(m, t.partner);
    });
    return { text: out, toY, toX, pairs: [...pairs] };
  }
}

/** One swapper per swap type and language (`*` for records of no known language: every language's pairs). */
export function swappers(pairs: readonly SwapPair[], types: readonly SwapType[]): Map<string, Swapper> {
  const out = new Map<string, Swapper>();
  for (const type of types) {
    const ofType = pairs.filter((p) => p.type === type);
    for (const lang of new Set(ofType.map((p) => p.language)))
      out.set(`${type}:${lang}`, new Swapper(ofType.filter((p) => p.language === lang)));
    out.set(`${type}:*`, new Swapper(ofType));
  }
  return out;
}
