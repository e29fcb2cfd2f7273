import { dataFile } from '../../../core/data-files.js';
import { badInput } from '../../../core/errors.js';
import { checkLanguage, readTsvText, tsvRows } from '../../../io/tsv-table.js';

/**
 * The paired swap lists of the counterfactual probe (data/lexicons/counterfactual-swaps.tsv, or a
 * file of the same shape): `type, language, x, y, source` a line under a header, `#` lines and blank
 * lines comments. A bad line stops the probe before any model is called, named by file and line.
 */

export const SWAP_TYPES = ['names', 'pronouns', 'groups'] as const;
export type SwapType = (typeof SWAP_TYPES)[number];

export interface SwapPair {
  type: SwapType;
  language: string;
  x: string;
  y: string;
  source: string;
  line: number;
}

export interface SwapList {
  file: string;
  pairs: SwapPair[];
}

const HEADER = ['type', 'language', 'x', 'y', 'source'];
const TERM = /^[\p{L}\p{N}]+(?:[ '-][\p{L}\p{N}]+){0,3}$/u;

export function parseSwapList(text: string, file: string): SwapList {
  const seen = new Map<string, number>();
  const pairs: SwapPair[] = [];
  for (const { cells, line, where } of tsvRows(text, file, HEADER, 'the swap list')) {
    const [type, language, x, y, source] = cells as [string, string, string, string, string];
    if (!(SWAP_TYPES as readonly string[]).includes(type))
      throw badInput(`unknown swap type '${type}': one of ${SWAP_TYPES.join(', ')}`, where);
    checkLanguage(language, where);
    for (const t of [x, y])
      if (!TERM.test(t)) throw badInput(`term '${t}' must be 1 to 4 words of letters or digits`, where);
    if (x.toLowerCase() === y.toLowerCase()) throw badInput(`'${x}' is swapped with itself`, where);
    if (source === '') throw badInput(`the pair '${x}' / '${y}' names no source`, where);
    const key = `${type}\u0001${language}\u0001${x.toLowerCase()}\u0001${y.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw badInput(`the pair '${x}' / '${y}' is listed twice (first at line ${earlier})`, where);
    seen.set(key, line);
    pairs.push({ type: type as SwapType, language, x, y, source, line });
  }
  return { file, pairs };
}

/** The swap lists shipped with Tandem. */
export const DEFAULT_SWAP_LIST = dataFile('lexicons/counterfactual-swaps.tsv');

export function readSwapList(file = DEFAULT_SWAP_LIST): SwapList {
  return parseSwapList(readTsvText(file, 'the swap list'), file);
}
