/**
 * The analyzer: runs every recognizer on a text, drops entities under the score threshold and resolves
 * overlaps (the higher score wins, then the longer span, then the earlier one). Pure and synchronous;
 * all regexes are compiled once, at module load.
 */

import { isSupportedCountry } from 'libphonenumber-js/max';
import { addressRecognizer } from './address.js';
import { intlAddressRecognizer } from './address-intl.js';
import { creditCardRecognizer } from './credit-card.js';
import { dateRecognizer } from './date.js';
import { emailRecognizer } from './email.js';
import { scanGates } from './gates.js';
import { ibanRecognizer } from './iban.js';
import { locationRecognizer } from './location.js';
import { nationalIdRecognizer } from './national-ids.js';
import { ipRecognizer, urlRecognizer } from './network.js';
import { personRecognizer } from './person.js';
import { scriptPersonRecognizer } from './person-scripts.js';
import { phoneRecognizer } from './phone.js';
import { secretRecognizer } from './secrets.js';
import {
  type AnalyzeOptions,
  type Entity,
  type EntityType,
  GATE,
  type Recognizer,
  type ResolvedOptions,
  type ScanContext,
} from './types.js';

export const RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer,
  phoneRecognizer,
  creditCardRecognizer,
  ibanRecognizer,
  ipRecognizer,
  urlRecognizer,
  nationalIdRecognizer,
  dateRecognizer,
  secretRecognizer,
  addressRecognizer,
  intlAddressRecognizer,
  locationRecognizer,
  personRecognizer,
  scriptPersonRecognizer,
];

export const DEFAULT_MIN_SCORE = 0.5;
export const DEFAULT_REGION = 'US';
export const DEFAULT_PHONE_REGIONS: readonly string[] = [
  'GB',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'IN',
  'BR',
  'MX',
  'JP',
  'AU',
  'CA',
  'PT',
  'AT',
  'CH',
  'BE',
  'PL',
  'SE',
  'TR',
  'CN',
  'KR',
  'IL',
  'EG',
  'SA',
  'AE',
  'MA',
  'AR',
  'CO',
  'ZA',
  'NG',
];
export const DEFAULT_CONTEXT_WORDS = 5;

function checkRegion(r: string): string {
  const up = r.toUpperCase();
  if (!isSupportedCountry(up))
    throw new RangeError(`unknown region '${r}'; expected a country code like US, GB, DE`);
  return up;
}

/** Options with defaults applied and checked; throws RangeError on an unknown region or a bad number. */
export function resolveOptions(options: AnalyzeOptions = {}): ResolvedOptions {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  if (!(minScore >= 0 && minScore <= 1)) throw new RangeError(`minScore must be in [0, 1], got ${minScore}`);
  const contextWords = options.contextWords ?? DEFAULT_CONTEXT_WORDS;
  if (!Number.isInteger(contextWords) || contextWords < 0) {
    throw new RangeError(`contextWords must be a whole number ≥ 0, got ${contextWords}`);
  }
  return {
    region: checkRegion(options.region ?? DEFAULT_REGION),
    phoneRegions: (options.phoneRegions ?? DEFAULT_PHONE_REGIONS).map(checkRegion),
    minScore,
    contextWords,
  };
}

/**
 * Keeps the best of overlapping entities: higher score first, then the longer span, then the earlier
 * start. Returns the kept entities in text order.
 */
export function resolveOverlaps(entities: readonly Entity[]): Entity[] {
  if (entities.length < 2) return [...entities];
  const ranked = [...entities].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // Accepted spans, sorted by start and disjoint; a binary search finds the neighbours of a candidate.
  const kept: Entity[] = [];
  for (const e of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < e.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > e.start) || (after && after.start < e.end)) continue;
    kept.splice(lo, 0, e);
  }
  return kept;
}

/** Finds PII in `text`. Offsets are UTF-16 code units (JavaScript string indexes). */
export function analyze(text: string, options?: AnalyzeOptions): Entity[] {
  return analyzeWith(text, resolvedFor(options), options?.entities);
}

/** Resolved options by their values, so that a loop calling analyze() checks regions once. */
const resolvedCache = new Map<string, ResolvedOptions>();

function resolvedFor(options: AnalyzeOptions | undefined): ResolvedOptions {
  const o = options ?? {};
  const key = `${o.region}|${o.phoneRegions?.join(',')}|${o.minScore}|${o.contextWords}`;
  let r = resolvedCache.get(key);
  if (!r) {
    r = resolveOptions(o);
    if (resolvedCache.size >= 64) resolvedCache.clear();
    resolvedCache.set(key, r);
  }
  return r;
}

/**
 * `analyze` with options resolved once (for callers that scan many texts). `entities` restricts the
 * types reported.
 */
export function analyzeWith(
  text: string,
  resolved: ResolvedOptions,
  entities?: readonly EntityType[],
): Entity[] {
  return analyzeMany([text], resolved, entities)[0]!;
}

/**
 * `analyzeWith` for several texts at once, with the same findings for each. The recognizers take the
 * texts in turn, each over the whole batch: on a batch of a hundred chat texts this costs about a
 * seventh less than text after text, because one recognizer's patterns and tables stay in the CPU's
 * caches instead of fourteen recognizers' taking turns on every text.
 */
export function analyzeMany(
  texts: readonly string[],
  resolved: ResolvedOptions,
  entities?: readonly EntityType[],
): Entity[][] {
  const wanted = entities ? new Set<EntityType>(entities) : undefined;
  const recognizers = wanted ? RECOGNIZERS.filter((r) => r.entities.some((t) => wanted.has(t))) : RECOGNIZERS;
  const n = texts.length;
  const scanned: string[] = [];
  const contexts: ScanContext[] = [];
  const found: Entity[][] = [];
  for (let i = 0; i < n; i++) {
    const text = texts[i]!;
    // Arabic-Indic, Eastern Arabic-Indic (Persian/Urdu) and Devanagari digits are read as ASCII
    // digits: each is one UTF-16 unit, as is its ASCII digit, so offsets into the folded text are
    // offsets into `text`, and the recognizers' patterns stay ASCII.
    let gates = scanGates(text);
    let folded = text;
    if (gates & GATE.OTHER_DIGIT) {
      folded = foldDigits(text);
      gates = scanGates(folded);
    }
    scanned.push(folded);
    // Written out, not spread from `resolved`: a spread here cost more than a microsecond a text.
    contexts.push({
      region: resolved.region,
      phoneRegions: resolved.phoneRegions,
      minScore: resolved.minScore,
      contextWords: resolved.contextWords,
      gates,
    });
    found.push([]);
  }
  for (const r of recognizers) {
    for (let i = 0; i < n; i++) if (scanned[i]!.length > 0) r.find(scanned[i]!, contexts[i]!, found[i]!);
  }
  const out: Entity[][] = [];
  for (let i = 0; i < n; i++) {
    const kept = found[i]!.filter((e) => e.score >= resolved.minScore && (!wanted || wanted.has(e.type)));
    if (scanned[i] !== texts[i]) for (const e of kept) e.text = texts[i]!.slice(e.start, e.end);
    out.push(resolveOverlaps(kept));
  }
  return out;
}

const OTHER_DIGITS_ALL = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/g;

/** `text` with ٠-٩, ۰-۹ and ०-९ replaced by 0-9 (same length). */
export function foldDigits(text: string): string {
  return text.replace(OTHER_DIGITS_ALL, (d) => {
    const c = d.charCodeAt(0);
    const zero = c >= 0x0966 ? 0x0966 : c >= 0x06f0 ? 0x06f0 : 0x0660;
    return String.fromCharCode(48 + c - zero);
  });
}
