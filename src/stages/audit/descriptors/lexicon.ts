import { dataFile } from '../../../core/data-files.js';
import { badInput } from '../../../core/errors.js';
import { checkLanguage, readTsvText, tsvRows } from '../../../io/tsv-table.js';

/**
 * A lexicon of identity terms (data/lexicons/identity-terms.tsv, or a file of the same shape): one
 * term a line with its axis, language and source, tab-separated, under a header line. Lines starting
 * with `#` and blank lines are comments. A bad line stops the audit and is named by file and line.
 */

export const AXES = [
  'gender',
  'age',
  'nationality_ethnicity',
  'religion',
  'disability',
  'sexual_orientation',
] as const;
export type Axis = (typeof AXES)[number];

export interface LexiconTerm {
  axis: Axis;
  /** As written in the file. */
  term: string;
  /** Lower-cased words, hyphens and apostrophes as spaces: what matching compares with. */
  words: string[];
  language: string;
  source: string;
  line: number;
}

export interface Lexicon {
  file: string;
  terms: LexiconTerm[];
}

const HEADER = ['axis', 'term', 'language', 'source'];
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text as matching sees them (lower case, letters and digits). */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

export function parseLexicon(text: string, file: string): Lexicon {
  const seen = new Map<string, number>();
  const terms: LexiconTerm[] = [];
  for (const { cells, line, where } of tsvRows(text, file, HEADER, 'the lexicon')) {
    const [axis, term, language, source] = cells as [string, string, string, string];
    if (!(AXES as readonly string[]).includes(axis))
      throw badInput(`unknown axis '${axis}': one of ${AXES.join(', ')}`, where);
    const words = wordsOf(term);
    if (words.length === 0 || words.length > 4)
      throw badInput(`term '${term}' must have 1 to 4 words of letters or digits`, where);
    checkLanguage(language, where);
    if (source === '') throw badInput(`term '${term}' names no source`, where);
    const key = `${language}\u0001${words.join(' ')}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw badInput(`term '${term}' (${language}) is listed twice (first at line ${earlier})`, where);
    seen.set(key, line);
    terms.push({ axis: axis as Axis, term, words, language, source, line });
  }
  return { file, terms };
}

/** The lexicon shipped with Tandem. */
export const DEFAULT_LEXICON = dataFile('lexicons/identity-terms.tsv');

export function readLexicon(file = DEFAULT_LEXICON): Lexicon {
  return parseLexicon(readTsvText(file, 'the lexicon'), file);
}
