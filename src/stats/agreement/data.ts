/**
 * The input of every agreement metric: judgements (item, annotator, value) turned once into a sparse
 * reliability matrix of integer codes in typed arrays. Units (items) are rows; each row lists the
 * annotators who gave a value and the value's code. Missing values are simply absent.
 */

import { badInput } from '../../core/errors.js';

/** Levels of measurement (Krippendorff): which differences between values count, and how much. */
export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const LEVELS: readonly Level[] = ['nominal', 'ordinal', 'interval', 'ratio'];

export type Key = string | number;
export type Value = string | number | boolean;

/** One annotator's value for one item. `null` (or undefined) means missing and is skipped. */
export interface Judgement {
  item: Key;
  annotator: Key;
  value: Value | null | undefined;
}

export interface ReliabilityData {
  /** Item names, one per unit, in order of first appearance. */
  readonly items: readonly string[];
  /** Annotator names in order of first appearance. */
  readonly annotators: readonly string[];
  /** Value labels per code. Numbers come first in numeric order, then other labels in string order. */
  readonly categories: readonly string[];
  /** How many leading categories are numbers (every occurrence a JSON number). */
  readonly numericCount: number;
  /** The numeric value of each code when every value in the data is a number; otherwise null. */
  readonly scores: Float64Array | null;
  /** Unit u's values are at positions [unitStart[u], unitStart[u + 1]) of `annotator` and `code`. */
  readonly unitStart: Int32Array;
  readonly annotator: Int32Array;
  readonly code: Int32Array;
}

const keyOf = (k: Key) => (typeof k === 'string' ? k : String(k));

/**
 * Collects judgements one at a time (so a file can be streamed) and builds the reliability data.
 * Item and annotator names compare as strings (1 and "1" are the same item); so do values, whose
 * label is their string form. A value is numeric only if every occurrence of it is a JSON number.
 */
export class ReliabilityBuilder {
  private readonly itemIds = new Map<string, number>();
  private readonly itemNames: string[] = [];
  private readonly annotatorIds = new Map<string, number>();
  private readonly annotatorNames: string[] = [];
  private readonly valueIds = new Map<string, number>();
  private readonly valueLabels: string[] = [];
  /** NaN once any occurrence of the value is not a number. */
  private readonly valueNumbers: number[] = [];
  private item = new Int32Array(1024);
  private annotator = new Int32Array(1024);
  private value = new Int32Array(1024);
  private source = new Float64Array(1024);
  private size = 0;
  private added = 0;

  /**
   * Adds one judgement. `source` names where it came from (a line number) for error messages;
   * by default its 1-based position among the judgements added.
   */
  add(item: Key, annotator: Key, value: Value | null | undefined, source?: number): void {
    this.added++;
    if (value === null || value === undefined) return;
    if (typeof value === 'number' && !Number.isFinite(value))
      throw badInput(`value of item '${item}' by '${annotator}' is ${value}; expected a finite number`);
    if (this.size === this.item.length) this.grow();
    const i = this.size++;
    this.item[i] = this.id(this.itemIds, this.itemNames, keyOf(item));
    this.annotator[i] = this.id(this.annotatorIds, this.annotatorNames, keyOf(annotator));
    const label = typeof value === 'string' ? value : String(value);
    let v = this.valueIds.get(label);
    if (v === undefined) {
      v = this.valueLabels.length;
      this.valueIds.set(label, v);
      this.valueLabels.push(label);
      this.valueNumbers.push(typeof value === 'number' ? value : Number.NaN);
    } else if (typeof value !== 'number') this.valueNumbers[v] = Number.NaN;
    this.value[i] = v;
    this.source[i] = source ?? this.added;
  }

  /** Builds the data; throws bad_input when an annotator judged one item twice. */
  build(): ReliabilityData {
    const n = this.size;
    const units = this.itemNames.length;
    const nAnnotators = this.annotatorNames.length;
    const { categories, numericCount, scores, recode } = this.orderCategories();

    // Counting sort by unit, stable: within a unit, values keep their input order.
    const unitStart = new Int32Array(units + 1);
    for (let i = 0; i < n; i++) unitStart[this.item[i]! + 1]!++;
    for (let u = 0; u < units; u++) unitStart[u + 1]! += unitStart[u]!;
    const next = unitStart.slice(0, units);
    const annotator = new Int32Array(n);
    const code = new Int32Array(n);
    const origin = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const at = next[this.item[i]!]!++;
      annotator[at] = this.annotator[i]!;
      code[at] = recode[this.value[i]!]!;
      origin[at] = i;
    }

    const seenIn = new Int32Array(nAnnotators).fill(-1);
    const seenAt = new Int32Array(nAnnotators);
    for (let u = 0; u < units; u++) {
      for (let j = unitStart[u]!; j < unitStart[u + 1]!; j++) {
        const a = annotator[j]!;
        if (seenIn[a] === u) {
          const first = this.source[origin[seenAt[a]!]!]!;
          const second = this.source[origin[j]!]!;
          throw badInput(
            `annotator '${this.annotatorNames[a]}' judged item '${this.itemNames[u]}' more than once`,
            undefined,
            { item: this.itemNames[u], annotator: this.annotatorNames[a], first, second },
          );
        }
        seenIn[a] = u;
        seenAt[a] = j;
      }
    }
    return {
      items: this.itemNames,
      annotators: this.annotatorNames,
      categories,
      numericCount,
      scores,
      unitStart,
      annotator,
      code,
    };
  }

  private orderCategories(): {
    categories: string[];
    numericCount: number;
    scores: Float64Array | null;
    recode: Int32Array;
  } {
    const k = this.valueLabels.length;
    const order = Array.from({ length: k }, (_, i) => i);
    const num = this.valueNumbers;
    order.sort((a, b) => {
      const x = num[a]!;
      const y = num[b]!;
      const xn = !Number.isNaN(x);
      const yn = !Number.isNaN(y);
      if (xn && yn) return x - y;
      if (xn !== yn) return xn ? -1 : 1;
      const s = this.valueLabels[a]!;
      const t = this.valueLabels[b]!;
      return s < t ? -1 : s > t ? 1 : 0;
    });
    const recode = new Int32Array(k);
    order.forEach((old, rank) => {
      recode[old] = rank;
    });
    const categories = order.map((i) => this.valueLabels[i]!);
    const numericCount = order.filter((i) => !Number.isNaN(num[i]!)).length;
    const scores = numericCount === k ? Float64Array.from(order, (i) => num[i]!) : null;
    return { categories, numericCount, scores, recode };
  }

  private id(map: Map<string, number>, names: string[], key: string): number {
    let id = map.get(key);
    if (id === undefined) {
      id = names.length;
      map.set(key, id);
      names.push(key);
    }
    return id;
  }

  private grow(): void {
    const cap = this.item.length * 2;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.item = grow32(this.item);
    this.annotator = grow32(this.annotator);
    this.value = grow32(this.value);
    const s = new Float64Array(cap);
    s.set(this.source);
    this.source = s;
  }
}

/** Builds reliability data from an array of judgements. */
export function reliabilityData(judgements: Iterable<Judgement>): ReliabilityData {
  const b = new ReliabilityBuilder();
  for (const j of judgements) b.add(j.item, j.annotator, j.value);
  return b.build();
}

/**
 * The numeric scores a level needs (ordinal, interval and ratio compare values as numbers), or a
 * bad_input error naming a value that is not a number. Ratio also needs values ≥ 0.
 */
export function numericScores(data: ReliabilityData, level: Level, what: string): Float64Array {
  if (!data.scores) {
    const label = data.categories[data.numericCount];
    throw badInput(
      `${what} at the ${level} level needs numbers, but the value '${label}' is not a JSON number; use the nominal level, or code the scale as numbers`,
    );
  }
  if (level === 'ratio' && data.scores.length > 0 && data.scores[0]! < 0)
    throw badInput(
      `${what} at the ratio level needs values ≥ 0 (a scale with a true zero), but the data holds ${data.scores[0]}`,
    );
  return data.scores;
}
