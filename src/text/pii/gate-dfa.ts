/**
 * The DFA behind GateAutomaton: the patterns as an NFA, code units split into classes, and subset
 * construction done lazily, one state at a time, when a scan first reaches the state.
 */

import type { CharSet, Element, GatePattern } from './gate-pattern.js';

const MAX_UNIT = 0xffff;
/** The gate-bits slot of a row not yet worked out. */
const UNFILLED = -1;

interface Nfa {
  /** Per NFA state: the set its element reads, or undefined for a pattern's accepting state. */
  sets: (CharSet | undefined)[];
  times: Element['times'][];
  /** Per NFA state: the gate bit it accepts (0 unless accepting). */
  accepts: number[];
  /** Per NFA state: itself and the states reachable by skipping optional and repeated elements. */
  closure: number[][];
  /** The closures of every pattern's first state. */
  starts: number[];
}

function buildNfa(patterns: readonly GatePattern[]): Nfa {
  const nfa: Nfa = { sets: [], times: [], accepts: [], closure: [], starts: [] };
  for (const p of patterns) {
    const base = nfa.sets.length;
    for (const e of p.elements) {
      nfa.sets.push(e.set);
      nfa.times.push(e.times);
      nfa.accepts.push(0);
    }
    nfa.sets.push(undefined);
    nfa.times.push('one');
    nfa.accepts.push(p.gate);
    // Worked out from the end, then appended in order (writing past an array's end makes it sparse).
    const n = p.elements.length;
    const closures: number[][] = [];
    closures[n] = [base + n];
    for (let i = n - 1; i >= 0; i--) {
      closures[i] = nfa.times[base + i] === 'one' ? [base + i] : [base + i, ...closures[i + 1]!];
    }
    for (const c of closures) nfa.closure.push(c);
    // Each pattern's states are its own, so no start is pushed twice.
    for (const id of closures[0]!) nfa.starts.push(id);
  }
  return nfa;
}

/** Splits the code units into classes by which NFA states' sets hold them. */
function classify(sets: readonly (CharSet | undefined)[]): {
  classOf: Uint8Array | Uint16Array;
  classes: number;
  member: Uint8Array[];
  /** Per class: the NFA states whose set holds it. */
  holders: number[][];
} {
  const points = new Set<number>([0, MAX_UNIT + 1]);
  for (const set of sets) {
    if (!set) continue;
    for (let k = 0; k < set.length; k += 2) {
      points.add(set[k]!);
      points.add(set[k + 1]! + 1);
    }
  }
  const bounds = [...points].sort((a, b) => a - b);
  const at = new Map(bounds.map((b, i) => [b, i]));
  // Per interval [bounds[t], bounds[t + 1]): the NFA states whose set holds it, in increasing order.
  const holders: number[][] = bounds.map(() => []);
  sets.forEach((set, id) => {
    if (!set) return;
    for (let k = 0; k < set.length; k += 2) {
      for (let t = at.get(set[k]!)!; bounds[t]! <= set[k + 1]!; t++) {
        if (holders[t]!.at(-1) !== id) holders[t]!.push(id);
      }
    }
  });
  const byKey = new Map<string, number>([['', 0]]);
  const classHolders: number[][] = [[]];
  const interval: number[] = [];
  for (let t = 0; t + 1 < bounds.length; t++) {
    const key = holders[t]!.join(',');
    let c = byKey.get(key);
    if (c === undefined) {
      c = classHolders.length;
      byKey.set(key, c);
      classHolders.push(holders[t]!);
    }
    interval.push(c);
  }
  const classOf = classHolders.length <= 256 ? new Uint8Array(MAX_UNIT + 1) : new Uint16Array(MAX_UNIT + 1);
  for (let t = 0; t + 1 < bounds.length; t++) classOf.fill(interval[t]!, bounds[t]!, bounds[t + 1]!);
  const member = classHolders.map((ids) => {
    const m = new Uint8Array(sets.length);
    for (const id of ids) m[id] = 1;
    return m;
  });
  return { classOf, classes: classHolders.length, member, holders: classHolders };
}

/**
 * States are sets of NFA states (the start states of every pattern implicitly present at every
 * position: a match may begin anywhere), kept sorted and keyed by their members as one string. A
 * state's row is `classes` next-row offsets, then its gate bits, UNFILLED until `fill` works it out.
 * Most states read most classes as the empty set does (no pattern under way continues on them), so a
 * row starts as a copy of the empty set's and only the classes some member reads are worked out.
 */
export class LazyDfa {
  readonly classOf: Uint8Array | Uint16Array;
  readonly classes: number;
  /** Rows of `classes + 1` entries; offsets, not state numbers, so a scan needs no multiplication. */
  table: Int32Array;
  readonly #stride: number;
  readonly #nfa: Nfa;
  readonly #member: readonly Uint8Array[];
  /** The classes each NFA state reads. */
  readonly #reads: number[][];
  /** Per class: the NFA states the starts reach on it, and the offset of that DFA state. */
  readonly #fromStart: number[][] = [];
  readonly #startRow: number[] = [];
  readonly #ids = new Map<string, number>();
  readonly #sets: number[][] = [];
  /** Per class: the offset of the row `fill` last worked it out for. */
  readonly #doneFor: Int32Array;
  // Scratch for one successor set: its members, and a stamp per NFA state that says it is in.
  readonly #stamp: Int32Array;
  #generation = 0;
  #out: number[] = [];

  constructor(patterns: readonly GatePattern[]) {
    this.#nfa = buildNfa(patterns);
    const { classOf, classes, member, holders } = classify(this.#nfa.sets);
    this.classOf = classOf;
    this.classes = classes;
    this.#member = member;
    this.#stride = classes + 1;
    this.table = new Int32Array(256 * this.#stride);
    this.#stamp = new Int32Array(this.#nfa.sets.length);
    const reads: number[][] = [];
    for (let id = 0; id < this.#nfa.sets.length; id++) reads.push([]);
    holders.forEach((ids, c) => {
      for (const id of ids) reads[id]!.push(c);
    });
    this.#reads = reads;
    this.#doneFor = new Int32Array(classes).fill(-1);
    const isStart = new Uint8Array(this.#nfa.sets.length);
    for (const id of this.#nfa.starts) isStart[id] = 1;
    this.#begin();
    this.#finish(); // the empty set: state 0, offset 0
    for (let c = 0; c < classes; c++) {
      this.#begin();
      // Only the start states that read c: the NFA states holding c, less those that are not starts.
      this.#advance(
        holders[c]!.filter((id) => isStart[id] === 1),
        c,
      );
      this.#fromStart.push(this.#out);
      this.#startRow.push(this.#finish());
    }
    this.fill(0);
  }

  get states(): number {
    return this.#sets.length;
  }

  /** Works out the row at `offset`; returns the table, which may have been reallocated. */
  fill(offset: number): Int32Array {
    const states = this.#sets[offset / this.#stride]!;
    const next = this.#startRow.slice();
    let gates = 0;
    const done = this.#doneFor;
    for (const id of states) {
      gates |= this.#nfa.accepts[id]!;
      for (const c of this.#reads[id]!) {
        if (done[c] === offset) continue;
        done[c] = offset;
        this.#begin();
        for (const start of this.#fromStart[c]!) this.#add(start);
        this.#advance(states, c);
        next[c] = this.#finish();
      }
    }
    const table = this.table; // after #finish, which may grow it
    for (let c = 0; c < this.classes; c++) table[offset + c] = next[c]!;
    table[offset + this.classes] = gates;
    return table;
  }

  #begin(): void {
    this.#generation++;
    this.#out = [];
  }

  #add(id: number): void {
    if (this.#stamp[id] === this.#generation) return;
    this.#stamp[id] = this.#generation;
    // Insertion keeps the set sorted: sets hold a few states.
    const out = this.#out;
    let i = out.length;
    out.push(id);
    while (i > 0 && out[i - 1]! > id) {
      out[i] = out[i - 1]!;
      i--;
    }
    out[i] = id;
  }

  /** Adds the NFA states reached from `from` by reading a unit of class `c`. */
  #advance(from: readonly number[], c: number): void {
    const m = this.#member[c]!;
    const nfa = this.#nfa;
    for (const id of from) {
      if (m[id] !== 1) continue;
      for (const next of nfa.times[id] === 'many' ? nfa.closure[id]! : nfa.closure[id + 1]!) this.#add(next);
    }
  }

  /** The offset of the DFA state for the set being built, a new unfilled row if it is new. */
  #finish(): number {
    const out = this.#out;
    const key = out.join(',');
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#sets.length;
      this.#ids.set(key, id);
      this.#sets.push(out);
      const offset = id * this.#stride;
      if (offset + this.#stride > this.table.length) {
        const grown = new Int32Array(this.table.length * 2);
        grown.set(this.table);
        this.table = grown;
      }
      this.table[offset + this.classes] = UNFILLED;
    }
    return id * this.#stride;
  }
}
