/**
 * Many "could this text hold X?" tests in one pass over the text (the tests themselves are described
 * in gate-pattern.ts).
 */

import { LazyDfa } from './gate-dfa.js';
import type { GatePattern } from './gate-pattern.js';

/**
 * The compiled gates: a DFA over classes of code units (gate-dfa.ts), its states worked out on first
 * visit, so a text only pays for the states it reaches (a few hundred on Latin-script chat text, of
 * some thousand in all).
 */
export class GateAutomaton {
  readonly #dfa: LazyDfa;

  constructor(patterns: readonly GatePattern[]) {
    this.#dfa = new LazyDfa(patterns);
  }

  /** DFA states worked out so far. */
  get states(): number {
    return this.#dfa.states;
  }

  /** The bits of every gate with a pattern somewhere in `text`. */
  scan(text: string): number {
    const dfa = this.#dfa;
    const classOf = dfa.classOf;
    const k = dfa.classes;
    let table = dfa.table;
    let s = 0;
    let gates = 0;
    for (let i = 0; i < text.length; i++) {
      s = table[s + classOf[text.charCodeAt(i)]!]!;
      let g = table[s + k]!;
      if (g < 0) {
        table = dfa.fill(s);
        g = table[s + k]!;
      }
      gates |= g;
    }
    return gates;
  }
}
