/**
 * Many "could this text hold X?" tests in one pass over the text. Each recognizer guards its costly
 * patterns with a cheap test (a street word, a key prefix, a digit); run one by one, the regex engine
 * scanned the whole text once per test, and tests that are alternations of words starting with many
 * different letters cost as much as the patterns they guard. Here the tests are small patterns —
 * literal words, character sets, optional and repeated elements — compiled once into one DFA over
 * UTF-16 code units; `scan` reads each code unit once and returns the bits of the gates whose patterns
 * occur anywhere in the text.
 *
 * A gate's patterns must match wherever the test they replace could: exactly the same texts, or more
 * (then the recognizer still runs its own test when the gate passes).
 */

/** A set of UTF-16 code units as inclusive [lo, hi] pairs. */
export type CharSet = readonly number[];

/** One step of a pattern: a code unit from `set`, once, optionally, or any number of times. */
export interface Element {
  readonly set: CharSet;
  readonly times: 'one' | 'optional' | 'many';
}

/** Sets `gate` (one bit) when the elements match, in order, anywhere in the text. */
export interface GatePattern {
  readonly gate: number;
  readonly elements: readonly Element[];
}

/** Each code unit of `s`. */
export function chars(s: string): CharSet {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i), s.charCodeAt(i));
  return out;
}

/** The code units from `lo` to `hi`, both included. */
export function range(lo: number, hi: number): CharSet {
  return [lo, hi];
}

export function union(...sets: CharSet[]): CharSet {
  return sets.flat();
}

/** 0-9 (what `\d` reads in a regex). */
export const ASCII_DIGIT: CharSet = [0x30, 0x39];
/** A-Z. */
export const ASCII_CAPITAL: CharSet = [0x41, 0x5a];
/**
 * A run of at least `n` digits, with at most one separator from `separators` between two digits: the
 * gate of the patterns for numbers written in groups.
 */
export function digitRun(n: number, separators: string): Element[] {
  const out: Element[] = [one(ASCII_DIGIT)];
  for (let i = 1; i < n; i++) out.push(optional(chars(separators)), one(ASCII_DIGIT));
  return out;
}

export const one = (set: CharSet): Element => ({ set, times: 'one' });
export const optional = (set: CharSet): Element => ({ set, times: 'optional' });
export const many = (set: CharSet): Element => ({ set, times: 'many' });
/** One or more: `set` once, then any number of times. */
export const some = (set: CharSet): Element[] => [one(set), many(set)];

/**
 * The non-ASCII code units that have a case mapping or are one (Latin, Greek, Cyrillic, Armenian,
 * Georgian, Cherokee, Glagolitic, Coptic, letterlike and circled symbols, full-width Latin): outside
 * them no character matches another under a regex's `i` flag. test/text/pii-gate-automaton.test.ts
 * checks this against all 65,536 code units.
 */
export const CASED_RANGES: readonly number[] = [
  ...[0xb5, 0x29e, 0x345, 0x586, 0x10a0, 0x10ff, 0x13a0, 0x13fd, 0x1c80, 0x1cbf, 0x1d79, 0x1ffb],
  ...[0x2132, 0x2184, 0x24b6, 0x24e9, 0x2c00, 0x2d2d, 0xa640, 0xa69b, 0xa722, 0xa7f6, 0xab53, 0xabbf],
  ...[0xff21, 0xff5a],
];

/**
 * How a regex without the `u` flag compares code units under `i` (ECMA-262 Canonicalize): by upper
 * case, unless that is more than one unit or takes a non-ASCII character to an ASCII one.
 */
export function canonicalize(c: number): number {
  const upper = String.fromCharCode(c).toUpperCase();
  if (upper.length !== 1) return c;
  const u = upper.charCodeAt(0);
  return c >= 0x80 && u < 0x80 ? c : u;
}

/** The cased non-ASCII code units by their canonical form, built on first need. */
let casedByCanon: Map<number, number[]> | undefined;

/** Every code unit a regex without the `u` flag matches for `c` under `i`. */
function caseSet(c: number): CharSet {
  if (casedByCanon === undefined) {
    casedByCanon = new Map();
    for (let k = 0; k < CASED_RANGES.length; k += 2) {
      for (let d = CASED_RANGES[k]!; d <= CASED_RANGES[k + 1]!; d++) {
        const key = canonicalize(d);
        const list = casedByCanon.get(key);
        if (list) list.push(d);
        else casedByCanon.set(key, [d]);
      }
    }
  }
  const key = canonicalize(c);
  const same = new Set([c, ...(casedByCanon.get(key) ?? [])]);
  // An ASCII letter's other case is ASCII too (no non-ASCII unit canonicalizes to ASCII).
  if (c < 0x80) for (let d = 0; d < 0x80; d++) if (canonicalize(d) === key) same.add(d);
  return [...same].flatMap((d) => [d, d]);
}

/** The literal `s`, one element per code unit; with `ignoreCase`, as a regex's `i` flag (no `u`) reads it. */
export function word(s: string, ignoreCase = false): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(one(ignoreCase ? caseSet(c) : [c, c]));
  }
  return out;
}

/** What `\s` reads in a regex. */
export const WHITESPACE: CharSet = union(
  chars('\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff'),
  range(0x2000, 0x200a),
);

/**
 * The alternatives of a small regex source as element sequences, for gates that stand for word lists
 * kept as regex sources. It reads literal characters, classes of single characters ("[Mm]", "['’]"),
 * non-capturing groups with alternatives, "?" after a group and "\\s" with "*"; anything else throws,
 * so that a list edited to use more syntax fails when the module loads rather than passing a gate
 * that no longer covers it.
 */
export function alternatives(source: string): Element[][] {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`gate source '${source}': ${what} at ${i}`);
  };
  const sequence = (): Element[][] => {
    let seqs: Element[][] = [[]];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      let alts: Element[][];
      const c = source[i]!;
      if (c === '(') {
        if (!source.startsWith('(?:', i)) fail('only (?: groups');
        i += 3;
        alts = alternation();
        if (source[i] !== ')') fail('an unclosed group');
        i++;
        if (source[i] === '?') {
          i++;
          alts = [[], ...alts];
        }
      } else if (c === '[') {
        const end = source.indexOf(']', i);
        const body = source.slice(i + 1, end);
        if (end < 0 || /[-\\^]/.test(body)) fail('only classes of plain characters');
        alts = [[one(chars(body))]];
        i = end + 1;
      } else if (c === '\\') {
        if (source.slice(i, i + 3) !== '\\s*') fail('only \\s* among escapes');
        alts = [[many(WHITESPACE)]];
        i += 3;
      } else if ('.*+?{}^$'.includes(c)) {
        fail(`'${c}'`);
      } else {
        alts = [[one(chars(c))]];
        i++;
      }
      seqs = seqs.flatMap((seq) => alts.map((alt) => [...seq, ...alt]));
    }
    return seqs;
  };
  const alternation = (): Element[][] => {
    const all = sequence();
    while (source[i] === '|') {
      i++;
      all.push(...sequence());
    }
    return all;
  };
  const all = alternation();
  if (i !== source.length) fail('an unmatched )');
  return all;
}

export function pattern(gate: number, ...parts: (Element | readonly Element[])[]): GatePattern {
  const elements = parts.flat();
  if (!elements.some((e) => e.times === 'one'))
    throw new Error('a gate pattern must match at least one character');
  if (gate === 0 || (gate & (gate - 1)) !== 0) throw new Error(`a gate is one bit, got ${gate}`);
  return { gate, elements };
}
