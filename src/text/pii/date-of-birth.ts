/**
 * DATE_TIME, restricted to dates of birth: a date counts only when a birth context word ("born on",
 * "DOB", "date of birth", "fecha de nacimiento", "né le", "geboren am", "data di nascita", …) ends at
 * most five words before it. The type keeps Presidio's name, DATE_TIME; other dates are not
 * reported. Score 0.85: a date pattern (0.5) with its required context (+0.35).
 *
 * The context words are searched first (rare in most text), then a date in the next few words:
 * numeric (12/03/1985, 1985-03-12, 12.03.85) or written out in English, Spanish, French, German,
 * Italian or Portuguese ("12 March 1985", "March 12, 1985", "12 de marzo de 1985", "3. März 1985"),
 * or Japanese 1985年3月12日. A year alone, or a month and year, is not a date of birth here.
 */

import { CONTEXT_BOOST } from './context.js';
import type { Entity, Recognizer, ScanContext } from './types.js';

export const DOB_SCORE = Math.round((0.5 + CONTEXT_BOOST) * 100) / 100;

/** Birth words in English, Spanish, French, German, Italian, Portuguese and Japanese. */
const KEYWORD_LIST = [
  'born(?:\\s+on)?',
  'date\\s+of\\s+birth',
  'birth\\s*date',
  'birthday',
  'd\\.?o\\.?b\\.?',
  'fecha\\s+de\\s+nacimiento',
  'f\\.\\s*nac\\.?',
  'nacid[oa]\\s+el',
  'naci[óo]\\s+el',
  'n[ée]e?\\s+le',
  'date\\s+de\\s+naissance',
  'geboren(?:\\s+am)?',
  'geburtsdatum',
  'geb\\.',
  'data\\s+di\\s+nascita',
  'nat[oa]\\s+il',
  'data\\s+de\\s+nascimento',
  'nascid[oa]\\s+em',
];
const KEYWORDS = new RegExp(
  `(?:\\b(?:${KEYWORD_LIST.join('|')})|生年月日|誕生日)(?![a-z0-9\\u00c0-\\u024f])`,
  'gi',
);

const MONTHS = [
  'january|jan|enero|ene|janvier|janv|januar|jän|jänner|gennaio|gen|janeiro',
  'february|feb|febrero|février|fevrier|févr|fév|februar|febbraio|fevereiro|fev',
  'march|mar|marzo|mars|märz|marz|março|marco',
  'april|apr|abril|abr|avril|avr|aprile',
  'may|mayo|mai|maggio|maio|mag',
  'june|jun|junio|juin|juni|giugno|giu|junho',
  'july|jul|julio|juillet|juil|juli|luglio|lug|julho',
  'august|aug|agosto|ago|août|aout',
  'september|sept|sep|septiembre|setiembre|septembre|settembre|set|setembro',
  'october|oct|octubre|octobre|oktober|okt|ottobre|ott|outubro|out',
  'november|nov|noviembre|novembre|novembro',
  'december|dec|diciembre|dic|décembre|decembre|déc|dezember|dez|dicembre|dezembro',
];
const MONTH = `(?:${MONTHS.join('|')})(?!\\p{L})\\.?`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|er|º|°|\\.)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';

const DATE = new RegExp(
  [
    `(?:19|20)\\d\\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])`,
    `\\d{1,2}([-/.])\\d{1,2}\\1(?:${YEAR}|\\d\\d)`,
    `${DAY}\\s*(?:of\\s+|de\\s+)?${MONTH}(?:\\s+de)?,?\\s*${YEAR}`,
    `${MONTH}\\s+${DAY},?\\s*${YEAR}`,
    `${YEAR}年\\s*\\d{1,2}月\\s*\\d{1,2}日`,
  ]
    .map((p) => `(?<!\\d)(?:${p})(?!\\d)`)
    .join('|'),
  'iu',
);

/** Numeric dates must name a real day and month in one of the orders people use (d/m/y or m/d/y). */
function plausible(s: string): boolean {
  const nums = s.match(/\d+/g);
  if (nums?.length !== 3 || nums[0]!.length === 4 || /[\p{L}年]/u.test(s)) return true;
  const [a, b] = nums.map(Number) as [number, number];
  return (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
}

export const dateOfBirthRecognizer: Recognizer = {
  name: 'date-of-birth',
  entities: ['DATE_TIME'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!ctx.hasDigits) return;
    KEYWORDS.lastIndex = 0;
    for (let k = KEYWORDS.exec(text); k; k = KEYWORDS.exec(text)) {
      const from = k.index + k[0].length;
      const window = text.slice(from, from + 80);
      const d = DATE.exec(window);
      if (!d) continue;
      // At most `contextWords` words between the keyword and the date ("DOB (dd/mm/yyyy): 12/03/1985").
      const between = window.slice(0, d.index).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
      if (between > ctx.contextWords || !plausible(d[0])) continue;
      const start = from + d.index;
      out.push({ type: 'DATE_TIME', start, end: start + d[0].length, text: d[0], score: DOB_SCORE });
      KEYWORDS.lastIndex = start + d[0].length;
    }
  },
};
