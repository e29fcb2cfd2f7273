/**
 * The DFA behind GateAutomaton: the patterns as an NFA, code units split into classes, and subset
 * construction done lazily, one state at a time, when a scan first reaches the state.
 */

import type { CharSet, GatePattern } from './gate-pattern.js';

const MAX_UNIT = 0xffff;
/** The gate-bits slot of a row not yet worked out. */
const UNFILLED = -1;

/** How an NFA state's element repeats; ACCEPT marks a pattern's end. */
const ONE = 0;
const OPTIONAL = 1;
const MANY = 2;
const ACCEPT = 3;
const TIMES = { one: ONE, optional: OPTIONAL, many: MANY } as const;

/**
 * The patterns as one NFA, state i of a pattern being "i elements read", in flat arrays: thousands of
 * small arrays per state made the first scan cost a garbage collection.
 */
interface Nfa {
  /** Per NFA state: the set its element reads, or undefined for a pattern's accepting state. */
  sets: (CharSet | undefined)[];
  times: Uint8Array;
  /** Per NFA state: the gate bit it accepts (0 unless accepting). */
  accepts: Int32Array;
  /**
   * Per NFA state: the last state of its closure, the states reached by skipping optional and
   * repeated elements. A closure is a range: a state and those after it up to the first that must
   * read a unit (or the accepting state).
   */
  closureEnd: Int32Array;
  /** The closures of every pattern's first state. */
  starts: number[];
}

function buildNfa(patterns: readonly GatePattern[]): Nfa {
  const sets: (CharSet | undefined)[] = [];
  for (const p of patterns) sets.push(...p.elements.map((e) => e.set), undefined);
  const n = sets.length;
  const nfa: Nfa = {
    sets,
    times: new Uint8Array(n),
    accepts: new Int32Array(n),
    closureEnd: new Int32Array(n),
    starts: [],
  };
  let base = 0;
  for (const p of patterns) {
    const k = p.elements.length;
    p.elements.forEach((e, i) => {
      nfa.times[base + i] = TIMES[e.times];
    });
    nfa.times[base + k] = ACCEPT;
    nfa.accepts[base + k] = p.gate;
    for (let i = k; i >= 0; i--) {
      const id = base + i;
      const t = nfa.times[id];
      nfa.closureEnd[id] = t === OPTIONAL || t === MANY ? nfa.closureEnd[id + 1]! : id;
    }
    for (let id = base; id <= nfa.closureEnd[base]!; id++) nfa.starts.push(id);
    base += k + 1;
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
  /** The classes each NFA state reads: #readClasses[#readStart[id] .. #readStart[id + 1]). */
  readonly #readStart: Int32Array;
  readonly #readClasses: Uint16Array;
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
    const n = this.#nfa.sets.length;
    this.#readStart = new Int32Array(n + 1);
    for (const ids of holders) for (const id of ids) this.#readStart[id + 1]!++;
    for (let id = 0; id < n; id++) this.#readStart[id + 1]! += this.#readStart[id]!;
    this.#readClasses = new Uint16Array(this.#readStart[n]!);
    const filled = this.#readStart.slice(0, n);
    holders.forEach((ids, c) => {
      for (const id of ids) this.#readClasses[filled[id]!++] = c;
    });
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
      for (let r = this.#readStart[id]!; r < this.#readStart[id + 1]!; r++) {
        const c = this.#readClasses[r]!;
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
      // A repeated element may read again; any other goes on to the next.
      const to = nfa.times[id] === MANY ? id : id + 1;
      for (let next = to; next <= nfa.closureEnd[to]!; next++) this.#add(next);
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
