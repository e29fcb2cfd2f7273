/**
 * LOCATION: countries and cities by name, in any language Tandem generates.
 *
 * - Countries: every region name ICU has (Intl.DisplayNames) in PLACE_LOCALES, plus "USA", "UK".
 * - Cities: GeoNames' cities of 50,000 people or more (data/cities.ts), and the endonyms, exonyms and
 *   non-Latin spellings of large cities in data/places.ts.
 * - Regions: first-level subdivisions (states, Länder, régions, comunidades, prefectures…) of the
 *   countries whose languages Tandem generates, in English (CLDR) and in their ISO 3166-2 local names
 *   (data/regions.ts).
 *
 * Latin-script names are matched on runs of capitalised words (up to four, with de/del/am/sur… inside),
 * longest first; names in Han, kana, Hangul, Arabic and Devanagari script by one alternation, with word
 * boundaries where the script has spaces (an Arabic prefix و/ب/ل/ف is allowed before the name).
 *
 * Scores: a country 0.6; a city of a million or more 0.55, 200,000 or more 0.5, a region 0.5, smaller 0.4; a name that
 * is also a given name or a common capitalised word ("Victoria", "Jordan", "Essen", "Nice") 0.3; a
 * place word or preposition just before ("in", "from", "nach", "à", "en", "em", "naar", "live in") adds
 * 0.35. A Latin name followed by another capitalised word ("Paris Hilton", "Victoria Station") is part
 * of something else and is not reported; a CJK place name that starts an organisation's name (中国银行)
 * neither.
 */

import { boosted, contextPattern, hasContext } from './context.js';
import { BIG_CITIES, MID_CITIES, SMALL_CITIES } from './data/cities.js';
import { FIRST_NAMES } from './data/first-names.js';
import { ICU_COUNTRIES } from './data/icu-names.js';
import { LATIN_CITY_NAMES, NATIVE_CITY_NAMES } from './data/places.js';
import { REGION_NAMES } from './data/regions.js';
import { type GatePattern, one, pattern } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

export const COUNTRY_SCORE = 0.6;
export const BIG_CITY_SCORE = 0.55;
export const MID_CITY_SCORE = 0.5;
/** A state, province or region (data/regions.ts): as sure as a large city. */
export const REGION_SCORE = 0.5;
export const SMALL_CITY_SCORE = 0.4;
export const AMBIGUOUS_PLACE_SCORE = 0.3;

export { PLACE_LOCALES } from './icu-lists.js';

/** Capitalised words that are place names somewhere but mostly something else in running text. */
const AMBIGUOUS = new Set(
  `Nice Mobile Reading Bath Split Orange Essen Mission Surprise Independence Enterprise Temple Normal Best
  Hope Florence Victoria Lincoln Jackson Jordan Georgia Chad Austin Charlotte Madison Aurora Phoenix Marion
  Hamilton Columbus Chester Warren Bristol Salem Troy Eugene Lafayette Jersey Man Sale Bury Wells Deal Poole
  Union Paradise Spring Garden Grove Irvine Carmel Fargo Miller Boulder Pueblo Laredo Flint Concord Avon
  Gold Coast Cork Luton Crawley Bangor Derby Durham Kent Lancaster Worcester Sunderland Preston Hull March
  May Said Aden Ur Ede Emmen Zeist Born Hoorn Dam Bergen Tours Sens Pau Vienne Cannes Grasse Brest Metz Nancy
  Troyes Lens Orleans Angers Dole Bar Gap Foix Mende Vannes Auch Agen Albi Rodez Tarbes Dax Marl Hamm Gera
  Bochum Hagen Moers Witten Herne Neuss Kassel Halle Celle Goslar Trier Worms Speyer Landau Hof Suhl Weimar
  Jena Plauen Zwickau Riesa Rheine Bocholt Borken Emden Leer Aurich Norden Detroit Ottawa Sydney Perth
  Darwin Nelson Wellington Auckland Hastings Stirling Inverness Kingston Georgetown Washington Lima Santiago
  Sofia Alexandria Elizabeth Arlington Cambridge Oxford Stanford Princeton Dallas Denver Houston Chelsea Kerry
  Turkey Guinea Niger Jersey Carrefour Santander Mercedes Santos Pereira Franco Castro Medina Mendoza Toledo
  Soria Lugo León Leon Barbosa Aguilar Salazar Montero Cardoso Moreira Salvador`.split(/\s+/),
);

const PLACE_CONTEXT = contextPattern([
  'in',
  'from',
  'to',
  'at',
  'near',
  'visit*',
  'live*',
  'living',
  'moved',
  'city',
  'town',
  'nach',
  'aus',
  'von',
  'bei',
  'im',
  'wohne*',
  'stadt',
  'à',
  'au',
  'aux',
  'en',
  'de',
  'vers',
  'habite',
  'ville',
  'desde',
  'a',
  'vivo',
  'ciudad',
  'em',
  'no',
  'na',
  'para',
  'moro',
  'cidade',
  'naar',
  'uit',
  'te',
  'woon*',
  'da',
  'per',
  'abito',
  'città',
]);

interface Place {
  score: number;
}

/** Latin-script names → base score; non-Latin names are collected for one alternation. */
function buildGazetteer(): { latin: Map<string, Place>; native: string[] } {
  const latin = new Map<string, Place>();
  const native = new Set<string>();
  const put = (name: string, score: number) => {
    const n = name.normalize('NFC');
    if (/^\p{Script=Latin}/u.test(n)) {
      const s =
        AMBIGUOUS.has(n) || FIRST_NAMES.has(n.toLowerCase()) ? Math.min(score, AMBIGUOUS_PLACE_SCORE) : score;
      const old = latin.get(n);
      if (!old || old.score < s) latin.set(n, { score: s });
    } else if (n.length >= 2) native.add(n);
  };
  for (const [list, score] of [
    [SMALL_CITIES, SMALL_CITY_SCORE],
    [MID_CITIES, MID_CITY_SCORE],
    [BIG_CITIES, BIG_CITY_SCORE],
  ] as const) {
    for (const n of list.split('|')) put(n, score);
  }
  for (const n of LATIN_CITY_NAMES.trim().split(/\s+/)) put(n.replace(/\|/g, ' '), BIG_CITY_SCORE);
  for (const n of REGION_NAMES.split('|')) put(n, REGION_SCORE);
  for (const n of NATIVE_CITY_NAMES.trim().split(/\s+/)) put(n.replace(/\|/g, ' '), BIG_CITY_SCORE);
  // ICU's country names in PLACE_LOCALES (data/icu-names.ts, see icu-lists.ts).
  for (const n of ICU_COUNTRIES.split('|')) put(n, COUNTRY_SCORE);
  for (const n of ['USA', 'U.S.A.', 'UK', 'U.K.', 'EAU', 'EUA', 'VAE']) put(n, COUNTRY_SCORE);
  return { latin, native: [...native].sort((a, b) => b.length - a.length) };
}

const { latin: LATIN, native: NATIVE } = buildGazetteer();
/** First words of the Latin names: most capitalised words start none, and are passed over with one lookup. */
const FIRST_WORDS = new Set([...LATIN.keys()].map((n) => n.split(' ')[0]!));

/** A run of capitalised words, with short lowercase connectors inside ("Rio de Janeiro", "Frankfurt am Main"). */
const RUN =
  /\p{Lu}(?<![\p{L}\p{M}\p{N}'’-]\p{Lu})[\p{L}\p{M}'’.-]*(?:[ \u00a0](?:(?:de|do|da|del|della|di|dos|das|des|du|la|le|am|der|sur|upon)[ \u00a0])?\p{Lu}[\p{L}\p{M}'’.-]*){0,4}/gu;

/**
 * The words of the run `text[from, to)` (split at single spaces and no-break spaces) as [start, end]
 * pairs, each without a trailing '.' or "'s" (a sentence end or a possessive is not part of the name).
 * A loop over the characters: a regex per word and a replace per word cost more than the lookups.
 */
function runWords(text: string, from: number, to: number): Array<[number, number]> {
  const words: Array<[number, number]> = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 32;
    if (c !== 32 && c !== 0xa0) continue;
    if (i > start) {
      let end = i;
      const last = text.charCodeAt(end - 1);
      const quote = (q: number) => q === 39 || q === 0x2019;
      if (last === 115 && end - 2 >= start && quote(text.charCodeAt(end - 2))) end -= 2;
      else if (last === 46 || quote(last)) end -= 1;
      words.push([start, end]);
    }
    start = i + 1;
  }
  return words;
}
/** Nothing, or sentence-ending punctuation or a line break, before the first word of a run. */
const SENTENCE_START = /(?:^|[.!?:;\n¡¿"“«]\s*)$/u;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Non-Latin names. Spaced scripts (Arabic, Devanagari, Cyrillic…) need boundaries; CJK does not. */
const NATIVE_RE = new RegExp(
  `(?<![\\p{Script=Arabic}\\p{Script=Devanagari}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Hangul}\\p{M}](?<![\\s\\p{P}][وبلف]))(?:${NATIVE.map(esc).join('|')})(?![\\p{Script=Arabic}\\p{Script=Devanagari}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{M}])`,
  'gu',
);
/** Scripts the native alternation is for: skip it on texts without any. */
export const LOCATION_GATES: readonly GatePattern[] = [
  pattern(
    GATE.PLACE_SCRIPT,
    one([0x400, 0x6ff, 0x900, 0x97f, 0x3040, 0x30ff, 0x3400, 0x9fff, 0xac00, 0xd7af]),
  ),
];
/** A CJK place name at the start of an organisation's name: 中国银行, 日本航空, 北京大学. */
const ORG_AFTER =
  /^(?:银行|銀行|移动|移動|电信|電信|联通|航空|大学|大學|公司|集团|集團|株式会社|証券|证券|电力|電力|石油|铁路|鉄道|日報|日报|新闻|新聞|医院|病院|ホテル|酒店)/;

function emit(text: string, start: number, end: number, base: number, ctx: ScanContext, out: Entity[]) {
  const score = boosted(base, hasContext(text, start, PLACE_CONTEXT, Math.min(2, ctx.contextWords)));
  if (score < ctx.minScore) return;
  out.push({ type: 'LOCATION', start, end, text: text.slice(start, end), score });
}

/** Runs already looked at by mayHoldPlace: the same capitalised words ("Thanks", "Your") come back in text after text. */
const placeLike = new Map<string, boolean>();

/**
 * Whether any word of the run `run` can start a place name (is in FIRST_WORDS): most runs have none,
 * and for those the word split and the lookups are skipped.
 */
function mayHoldPlace(run: string): boolean {
  let yes = placeLike.get(run);
  if (yes === undefined) {
    yes = runWords(run, 0, run.length).some(([s, e]) => FIRST_WORDS.has(run.slice(s, e)));
    if (placeLike.size >= 100_000) placeLike.clear();
    placeLike.set(run, yes);
  }
  return yes;
}

export const locationRecognizer: Recognizer = {
  name: 'location',
  entities: ['LOCATION'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
      if (!mayHoldPlace(m[0])) continue;
      const words = runWords(text, m.index, m.index + m[0].length);
      let i = 0;
      while (i < words.length) {
        if (!FIRST_WORDS.has(text.slice(words[i]![0], words[i]![1]))) {
          i++;
          continue;
        }
        let hit = false;
        for (let j = Math.min(words.length, i + 5); j > i; j--) {
          const name = text.slice(words[i]![0], words[j - 1]![1]);
          const place = LATIN.get(name);
          if (!place) continue;
          // Followed by another capitalised word of the same run: part of a longer name.
          const tail = j < words.length && /^\p{Lu}/u.test(text.slice(words[j]![0]));
          // Preceded by a capitalised word of the same run that does not start a sentence: "Air France",
          // "Banco do Brasil", "Sparkasse Köln" are organisations.
          const head = i > 1 || (i === 1 && !SENTENCE_START.test(text.slice(0, words[0]![0])));
          if (!tail && !head) emit(text, words[i]![0], words[j - 1]![1], place.score, ctx, out);
          i = j;
          hit = true;
          break;
        }
        if (!hit) i++;
      }
    }
    if (!(ctx.gates & GATE.PLACE_SCRIPT)) return;
    NATIVE_RE.lastIndex = 0;
    for (let m = NATIVE_RE.exec(text); m; m = NATIVE_RE.exec(text)) {
      const end = m.index + m[0].length;
      if (/^\p{Script=Han}/u.test(m[0]) && ORG_AFTER.test(text.slice(end, end + 4))) continue;
      out.push({ type: 'LOCATION', start: m.index, end, text: m[0], score: COUNTRY_SCORE });
    }
  },
};
