/**
 * LOCATION: street addresses in the word order of the languages other than English (English-style
 * "12 Oak Street" addresses are in address.ts).
 *
 * - German and Dutch: a street word ending in a street suffix, then the house number
 *   ("Lindenstraße 12", "Goethestr. 5a", "Kerkstraat 12", "Am Markt 3"), optionally ", 10115 Berlin" or
 *   ", 1017 GC Amsterdam".
 * - French: number, street type, name ("12 rue Victor Hugo", "5 bis avenue de la République"),
 *   optionally ", 75011 Paris".
 * - Spanish, Italian, Portuguese: street type, name, number ("Calle Mayor 5", "Via Roma 10",
 *   "Rua Augusta, 100", "Avenida de la Constitución, nº 3"), optionally ", 28013 Madrid" or " - Lisboa".
 * - Japanese: prefecture/city/ward then block numbers (東京都新宿区西新宿2-8-1, …1丁目2番3号).
 * - Chinese: province/city/district, road and number (北京市朝阳区建国路88号).
 * - Arabic: شارع and a name, a number, optionally a city after a comma.
 * - Hindi: a number, then words ending in मार्ग/रोड/नगर/गली/…, optionally a city after a comma.
 *
 * Scores: 0.8; with a postcode or a city after it 0.95 (so that a city inside the address does not win
 * over the whole address).
 */

import { escapeRegExp } from '../escape-regexp.js';
import { NATIVE_CITY_NAMES } from './data/places.js';
import { ASCII_DIGIT, chars, type GatePattern, one, pattern, some, word } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

/** Han-script city names: a Chinese address found after other Han text starts at the first of them. */
const HAN_CITIES = NATIVE_CITY_NAMES.trim()
  .split(/\s+/)
  .filter((n) => /^\p{Script=Han}+$/u.test(n));

/** The offset of the first known city name in the first few characters of `s`, else 0. */
function cityStart(s: string): number {
  for (let k = 1; k <= 4 && k < s.length; k++) if (HAN_CITIES.some((c) => s.startsWith(c, k))) return k;
  return 0;
}

export const STREET_INTL_SCORE = 0.8;
export const FULL_INTL_SCORE = 0.95;

const CAP = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
const NUM = '\\d{1,4}(?:\\s?[a-zA-Z](?![\\p{L}]))?(?:[-/]\\d{1,4})?';
/** ", 10115 Berlin", ", 1017 GC Amsterdam", ", 75011 Paris", " - Lisboa", ", Roma". */
const CITY_AFTER = `(?:(?:,\\s*|\\s+-\\s+)(?:\\d{4,5}(?:[ \\u00a0][A-Z]{2})?[ \\u00a0]+|\\d{4}-\\d{3}[ \\u00a0]+)?${CAP}(?:[ \\u00a0-](?:(?:de|do|da|am|an|der|di|sur)[ \\u00a0])?${CAP}){0,2})?`;

/** Word lists as a regex alternation "(?:a|b|…)". */
const alternation = (words: readonly string[]) => `(?:${words.map(escapeRegExp).join('|')})`;

const GERMANIC_SUFFIXES = [
  ...['straße', 'strasse', 'str.', 'weg', 'allee', 'platz', 'gasse', 'ring', 'damm', 'ufer', 'chaussee'],
  ...['steig', 'pfad', 'markt', 'straat', 'laan', 'gracht', 'plein', 'kade', 'singel', 'dijk', 'steeg'],
  ...['hof', 'dreef', 'park'],
];
const GERMANIC_SUFFIX = alternation(GERMANIC_SUFFIXES);
const GERMANIC_LEADS = ['Am', 'An der', 'Auf der', 'Im', 'In der', 'Zum', 'Zur'];
const GERMANIC = `(?:${CAP}${GERMANIC_SUFFIX}|${alternation(GERMANIC_LEADS)}[ \\u00a0]+${CAP})[ \\u00a0]+${NUM}(?![\\d.,]\\d)`;

const FR_TYPES = [
  ...['rue', 'avenue', 'av.', 'boulevard', 'bd', 'place', 'impasse', 'allée', 'chemin', 'quai', 'cours'],
  ...['route', 'square', 'passage', 'voie', 'sentier', 'rond-point', 'faubourg'],
];
const FR_TYPE = alternation(FR_TYPES);
const FR_LINK = "(?:(?:de la|de l['’]|du|des|de|d['’]|la|le|les|l['’])[ \\u00a0]*)";
const FRENCH = `(?<![\\d.,])\\d{1,4}(?:[ \\u00a0]?(?:bis|ter))?,?[ \\u00a0]+${FR_TYPE}[ \\u00a0]+${FR_LINK}?${CAP}(?:[ \\u00a0-]+${FR_LINK}?${CAP}){0,4}`;

const ROMANCE_TYPES = [
  ...['Calle', 'C/', 'Avenida', 'Avda.', 'Av.', 'Paseo', 'Plaza', 'Ronda', 'Camino', 'Carrera', 'Carrer'],
  ...['Travesía', 'Glorieta', 'Via', 'Viale', 'Corso', 'Piazza', 'Piazzale', 'Largo', 'Vicolo', 'Strada'],
  ...['Lungomare', 'Rua', 'Travessa', 'Praça', 'Alameda', 'Estrada', 'Rodovia', 'Avenue'],
];
const ROMANCE_TYPE = alternation(ROMANCE_TYPES);
const ROMANCE_LINK =
  "(?:(?:de la|de los|de las|del|de|dei|degli|della|delle|dello|del|di|do|da|dos|das|d['’])[ \\u00a0]+)";
const ROMANCE = `${ROMANCE_TYPE}[ \\u00a0]+${ROMANCE_LINK}?(?:${CAP}|\\d{1,2}(?: de ${CAP})?)(?:[ \\u00a0]+${ROMANCE_LINK}?${CAP}){0,4},?[ \\u00a0]*(?:n[º°o.]{1,2}[ \\u00a0]*)?${NUM}(?![\\d.,]\\d)`;

const LATIN_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(?:${GERMANIC}|${FRENCH}|${ROMANCE})(?![\\p{L}\\p{M}])`,
  'gu',
);
const CITY_AFTER_RE = new RegExp(CITY_AFTER, 'uy');
const SPACE = chars(' \u00a0');
/**
 * The gate before the Latin address pattern: what each of its branches must contain, as
 * case-sensitive as the pattern itself (a case-insensitive test passed on "during", "park" and
 * "offering" in half of all chat texts). A street suffix then spaces and a digit; a German lead, a
 * French or a Romance street type then a space.
 */
const STREET_GATES = [
  ...GERMANIC_SUFFIXES.map((w) => pattern(GATE.STREET, word(w), some(SPACE), one(ASCII_DIGIT))),
  ...[...GERMANIC_LEADS, ...FR_TYPES, ...ROMANCE_TYPES].map((w) => pattern(GATE.STREET, word(w), one(SPACE))),
];

const HAN = '[\\p{Script=Han}々ヶ]';
const JAPANESE = new RegExp(
  `(?:${HAN}{2,3}[都道府県])?${HAN}{1,5}[市区町村郡](?:${HAN}{1,5}[区町村])?[\\p{Script=Han}\\p{Script=Katakana}ー]{0,8}?(?:\\d{1,4}(?:[-−－]\\d{1,4}){1,3}|\\d{1,3}丁目(?:\\d{1,4}番(?:地)?)?(?:\\d{1,4}号)?)`,
  'gu',
);
const CHINESE = new RegExp(
  `(?:${HAN}{2,3}[省市])?(?:${HAN}{1,5}?[市区县])+${HAN}{1,8}?[路街道巷弄](?:\\d{1,4}[弄巷])?\\d{1,5}号(?:院|楼)?`,
  'gu',
);
const ARABIC =
  /(?<![\p{Script=Arabic}])(?:شارع|طريق|ميدان|حي)(?:\s+[\p{Script=Arabic}]+){1,3}\s+\d{1,4}(?:[،,]\s*[\p{Script=Arabic}]+(?:\s[\p{Script=Arabic}]+)?)?/gu;
const HINDI =
  /(?<![\p{N}])\d{1,4},?\s+(?:[\p{Script=Devanagari}\p{M}]+\s+){1,3}(?:मार्ग|रोड|नगर|गली|कॉलोनी|चौक|बाज़ार|बाजार|विहार|एन्क्लेव|लेन)(?![\p{L}\p{M}])(?:,\s*[\p{Script=Devanagari}\p{M}]+(?:\s[\p{Script=Devanagari}\p{M}]+)?)?/gu;
/** Arabic, Devanagari, Han: the scripts of the patterns after the Latin one. */
const NON_LATIN = [0x600, 0x6ff, 0x900, 0x97f, 0x3400, 0x9fff];

export const ADDRESS_GATES: readonly GatePattern[] = [
  ...STREET_GATES,
  pattern(GATE.ADDRESS_SCRIPT, one(NON_LATIN)),
];

function push(out: Entity[], text: string, start: number, end: number, score: number) {
  out.push({ type: 'LOCATION', start, end, text: text.slice(start, end), score });
}

export const intlAddressRecognizer: Recognizer = {
  name: 'address-intl',
  entities: ['LOCATION'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.DIGIT)) return;
    LATIN_ADDRESS.lastIndex = 0;
    if (ctx.gates & GATE.STREET)
      for (let m = LATIN_ADDRESS.exec(text); m; m = LATIN_ADDRESS.exec(text)) {
        let end = m.index + m[0].length;
        CITY_AFTER_RE.lastIndex = end;
        const city = CITY_AFTER_RE.exec(text);
        const full = city !== null && city[0].length > 0;
        if (full) end += city[0].length;
        push(out, text, m.index, end, full ? FULL_INTL_SCORE : STREET_INTL_SCORE);
        LATIN_ADDRESS.lastIndex = end;
      }
    if (!(ctx.gates & GATE.ADDRESS_SCRIPT)) return;
    for (const re of [JAPANESE, CHINESE, ARABIC, HINDI]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const s = m[0].replace(/[\s،,]+$/, '');
        const k = re === CHINESE ? cityStart(s) : 0;
        push(out, text, m.index + k, m.index + s.length, FULL_INTL_SCORE);
      }
    }
  },
};
