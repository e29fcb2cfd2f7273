/**
 * Offensive-language flags from maintained word lists, with offsets so a reviewer sees why.
 *
 * Sources:
 * - obscenity (npm, MIT): a curated English dataset (~70 words with their variants and
 *   whitelisted look-alikes such as "Scunthorpe", "cockney", "analysis") matched with its
 *   recommended transformers, so leetspeak ("sh1t", "a$$"), repeated letters ("fuuuck"),
 *   confusable and styled Unicode ("ƒυ𝐜𝐤") are caught.
 * - naughty-words (npm, CC-BY-4.0): the "List of Dirty, Naughty, Obscene or Otherwise Bad Words"
 *   (LDNOOBW) in 28 languages, the list C4 filtered with. Literal terms, case-insensitive.
 *
 * Which lists run: obscenity always (English profanity turns up in text of every language);
 * naughty-words for the text's language (`language`, BCP 47, primary subtag; 'fr-CA' adds the
 * Quebec list), English when no language is given, every list with `language: '*'`. Checking all
 * 28 lists on text of unknown language is off by default because the lists collide with ordinary
 * words of other languages (the Japanese list has "sm" and "xx", the Chinese one "乳").
 *
 * Matching: in spaced scripts a list term must stand as a whole word (no letter, digit or mark on
 * either side: "ass" does not fire inside "class"); terms in scripts written without spaces
 * (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar) match as substrings. Offsets are UTF-16 code
 * unit indexes into the text as given, `end` exclusive (`text.slice(start, end)`).
 *
 * allowList: each entry suppresses (a) any match lying inside an occurrence of the entry in the
 * text (case-insensitive): "cockpit" stops obscenity's "cock" firing on it; and (b) every match of
 * the same canonical term: "sex" allows "sex" and its leetspeak spellings.
 */
import { createRequire } from 'node:module';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { escapeRegExp } from './escape-regexp.js';

export type OffensiveSource = 'obscenity' | 'naughty-words';

export interface OffensiveMatch {
  /** The canonical term: obscenity's word or the list entry. */
  term: string;
  start: number;
  end: number;
  /** The matched text, `text.slice(start, end)`. */
  match: string;
  /** The language of the list that matched ('en' for obscenity). */
  language: string;
  source: OffensiveSource;
}

export interface OffensiveOptions {
  /** The text's language (BCP 47) choosing the naughty-words list; '*' for every list. Default 'en'. */
  language?: string;
  allowList?: readonly string[];
  /** Default both. */
  sources?: readonly OffensiveSource[];
}

const require = createRequire(import.meta.url);
let naughtyLists: Record<string, readonly string[]> | undefined;

function lists(): Record<string, readonly string[]> {
  naughtyLists ??= require('naughty-words') as Record<string, readonly string[]>;
  return naughtyLists;
}

/** The language codes naughty-words has a list for. */
export function naughtyWordsLanguages(): string[] {
  return Object.keys(lists());
}

const UNSPACED =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/** A term as a pattern: regex-escaped, any run of whitespace matching any run of whitespace. */
function termPattern(term: string): string {
  return term.trim().split(/\s+/u).map(escapeRegExp).join('\\s+');
}

/** Lower-cased with whitespace collapsed: how a matched text is looked up to its list entry. */
function key(s: string): string {
  return s.toLowerCase().replace(/\s+/gu, ' ').trim();
}

interface CompiledList {
  regex: RegExp;
  terms: Map<string, string>;
}

const compiled = new Map<string, CompiledList>();

function compileList(code: string): CompiledList | undefined {
  const hit = compiled.get(code);
  if (hit) return hit;
  const words = lists()[code];
  if (!words) return undefined;
  const terms = new Map<string, string>();
  for (const w of words) if (w.trim() !== '') terms.set(key(w.normalize('NFC')), w);
  // Longest first, so at one position "asshole" wins over "ass".
  const sorted = [...terms.keys()].sort((a, b) => b.length - a.length);
  const spaced = sorted.filter((t) => !UNSPACED.test(t)).map(termPattern);
  const unspaced = sorted.filter((t) => UNSPACED.test(t)).map(termPattern);
  const parts: string[] = [];
  if (spaced.length) parts.push(`(?<![\\p{L}\\p{N}\\p{M}])(?:${spaced.join('|')})(?![\\p{L}\\p{N}\\p{M}])`);
  if (unspaced.length) parts.push(`(?:${unspaced.join('|')})`);
  const list = { regex: new RegExp(parts.join('|') || '(?!)', 'giu'), terms };
  compiled.set(code, list);
  return list;
}

/** The naughty-words lists for a language tag. */
function listCodes(language: string): string[] {
  const all = naughtyWordsLanguages();
  if (language === '*') return all;
  const tag = language.toLowerCase();
  const primary = tag.split(/[-_]/)[0] ?? tag;
  const codes = all.filter((c) => c === primary);
  if (primary === 'fr' && /^fr[-_]ca\b/.test(tag)) codes.push('fr-CA-u-sd-caqc');
  return codes;
}

let matcher: RegExpMatcher | undefined;

function obscenityMatches(text: string): OffensiveMatch[] {
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return matcher.getAllMatches(text, true).map((m) => {
    const { phraseMetadata, startIndex, endIndex } = englishDataset.getPayloadWithPhraseMetadata(m);
    // obscenity's endIndex is inclusive (the low surrogate of an astral last character).
    const end = endIndex + 1;
    return {
      term: phraseMetadata?.originalWord ?? text.slice(startIndex, end).toLowerCase(),
      start: startIndex,
      end,
      match: text.slice(startIndex, end),
      language: 'en',
      source: 'obscenity' as const,
    };
  });
}

function listMatches(text: string, code: string): OffensiveMatch[] {
  const list = compileList(code);
  if (!list) return [];
  const out: OffensiveMatch[] = [];
  for (const m of text.matchAll(list.regex)) {
    const start = m.index;
    const end = start + m[0].length;
    out.push({
      term: list.terms.get(key(m[0].normalize('NFC'))) ?? m[0],
      start,
      end,
      match: m[0],
      language: code,
      source: 'naughty-words',
    });
  }
  return out;
}

/** Spans of the text covered by allow-listed phrases. */
function allowedSpans(text: string, allowList: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const entry of allowList) {
    if (entry.trim() === '') continue;
    for (const m of text.matchAll(new RegExp(termPattern(entry), 'giu'))) {
      spans.push([m.index, m.index + m[0].length]);
    }
  }
  return spans;
}

/** Offensive terms in a text, sorted by position; empty when there are none. */
export function findOffensive(text: string, options: OffensiveOptions = {}): OffensiveMatch[] {
  const sources = options.sources ?? ['obscenity', 'naughty-words'];
  let found: OffensiveMatch[] = [];
  if (sources.includes('obscenity')) found.push(...obscenityMatches(text));
  if (sources.includes('naughty-words')) {
    for (const code of listCodes(options.language ?? 'en')) found.push(...listMatches(text, code));
  }
  const allowList = options.allowList ?? [];
  if (allowList.length > 0) {
    const allowedTerms = new Set(allowList.map(key));
    const spans = allowedSpans(text, allowList);
    found = found.filter(
      (f) => !allowedTerms.has(key(f.term)) && !spans.some(([s, e]) => s <= f.start && f.end <= e),
    );
  }
  // obscenity reports a match once per pattern that fires (e.g. "sh1t" twice).
  const seen = new Set<string>();
  found = found.filter((f) => {
    const id = `${f.source}\u0000${f.language}\u0000${f.start}\u0000${f.end}\u0000${f.term}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return found.sort((a, b) => a.start - b.start || a.end - b.end || a.source.localeCompare(b.source));
}
