/**
 * DATE_TIME and DATE_OF_BIRTH: full dates (day, month and year) in the forms people write them.
 *
 * - Written out with the month's name, in any order a language uses: "March 3, 2021", "3. März 2021",
 *   "3 de marzo de 2021", "3 de mar. de 2021", "3 مارس 2021", "3 मार्च 2021", with an optional weekday
 *   before ("Wednesday, March 3, 2021", "mercredi 3 mars 2021"). Month and weekday names, long and
 *   abbreviated, come from the ICU data Node ships (Intl.DateTimeFormat) for the languages in
 *   DATE_LOCALES, so every spelling ICU writes is read (read once at build time: data/icu-names.ts).
 * - CJK: 2021年3月3日 (with a weekday after: 水曜日, 星期三), Korean 2021년 3월 3일.
 * - Numeric: ISO 2021-03-03 (also 2021/03/03), and day-month-year or month-day-year with / . or -
 *   (03.03.2021, 3/3/21, 03-03-2021; the RTL marks ICU puts in Arabic dates are allowed); the day and
 *   month must be a real pair in one of the two orders, a two-digit year needs two-digit day and
 *   month when the separator is a dot (else "1.2.21" would be a version).
 *
 * A month and year alone, or a day and month without a year, is not reported. Scores: 0.6; a numeric
 * date with a two-digit year 0.5. A date is a DATE_OF_BIRTH (0.85 at least) when a birth word is
 * within `contextWords` words before it ("born on", "DOB", "Geburtsdatum", "né le", "nací el",
 * "生年月日", "जन्म", "تاريخ الميلاد") or just after it in the same sentence ("am 4. Dezember 2001
 * geboren", "…に生まれました", "…出生于").
 */

import { escapeRegExp } from '../escape-regexp.js';
import { boosted, CONTEXT_BOOST, contextPattern, hasContext } from './context.js';
import { ICU_MONTHS, ICU_WEEKDAYS } from './data/icu-names.js';
import { type GatePattern, pattern, word } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

export const DATE_SCORE = 0.6;
export const SHORT_YEAR_SCORE = 0.5;
export const DOB_SCORE = Math.round((0.5 + CONTEXT_BOOST) * 100) / 100;

export { DATE_LOCALES } from './icu-lists.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Month names (as written inside a date, so Polish "marca", Russian "марта") and weekday names: ICU's,
 * shipped in data/icu-names.ts (see icu-lists.ts), plus a few spellings ICU does not write.
 */
function names(): { months: string[]; monthSet: Set<string>; weekdaySet: Set<string> } {
  const months = new Set<string>(['sept', 'sep', 'mrz', ...ICU_MONTHS.split('|')]);
  const weekdays = new Set<string>(ICU_WEEKDAYS.split('|'));
  // Longest first, so that "marzo" is tried before "mar".
  const sort = (s: Set<string>) => [...s].sort((a, b) => b.length - a.length).map(escapeRe);
  return { months: sort(months), monthSet: months, weekdaySet: weekdays };
}

const { months, monthSet, weekdaySet } = names();
const NOT_LETTER = '(?![\\p{L}\\p{M}])';
const MONTH = `(?:${months.join('|')})${NOT_LETTER}[.॰]?`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|er|º|°|\\.)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
const CJK_WEEKDAY =
  '(?:\\s*[（(]?(?:[月火水木金土日]曜日?|星期[一二三四五六日天]|周[一二三四五六日]|[月火水木金土日일월화수목금토]요일)[）)]?)?';
const SEP = '\\u200f?([-/.])';
/** Letters of scripts written with spaces, and digits: a date may not touch them (CJK text has no spaces). */
const SPACED =
  '[\\p{N}\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Arabic}\\p{Script=Devanagari}]';

const END = `(?!${SPACED}|[.,/-]\\d)`;
/** A date starting at a digit run (sticky): day-month-year written out, CJK, ISO, numeric. */
const FROM_DIGIT = new RegExp(
  `(?:${[
    `${DAY}\\s*(?:de\\s+|of\\s+)?${MONTH}(?:\\s+de|,)?\\s*${YEAR}`,
    `${YEAR}\\s*[年년]\\s*\\d{1,2}\\s*[月월]\\s*\\d{1,2}\\s*[日일]${CJK_WEEKDAY}`,
    `${YEAR}([-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])(?:T\\d\\d:\\d\\d(?::\\d\\d)?(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?)?`,
    `\\d{1,2}${SEP}\\d{1,2}\\u200f?\\2(?:${YEAR}|\\d\\d)`,
  ].join('|')})${END}`,
  'iuy',
);
/** The rest of "March 3, 2021" once a month name stands right before the digit run. */
const DAY_YEAR = new RegExp(`${DAY},?\\s*${YEAR}${END}`, 'iuy');
/** What may not touch the start of a date. */
const BEFORE_START = new RegExp(`${SPACED}|[.,/-]`, 'u');

const SPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{M}.॰-]/u;

/** `/\s/` on one character, without a regex call for ASCII. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(String.fromCharCode(c));
}

/** `[\p{L}\p{M}.॰-]` on one character, without a regex call for ASCII. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46 || c === 45;
  return WORD_CHAR.test(String.fromCharCode(c));
}

/** The word right before `at` (over spaces, and one comma when `comma`), lowercased, a final dot dropped. */
function wordBefore(text: string, at: number, comma: boolean): { start: number; key: string } | undefined {
  let i = at;
  while (i > 0 && at - i < 3 && isSpace(text.charCodeAt(i - 1))) i--;
  if (comma && i > 0 && (text[i - 1] === ',' || text[i - 1] === '،')) {
    i--;
    while (i > 0 && at - i < 6 && isSpace(text.charCodeAt(i - 1))) i--;
  }
  let j = i;
  while (j > 0 && i - j < 20 && isWordChar(text.charCodeAt(j - 1))) j--;
  if (j === i) return undefined;
  return { start: j, key: text.slice(j, i).toLowerCase().replace(/[.॰]$/, '') };
}

/** The end of the run of ASCII letters from `i`, or -1 when a non-ASCII letter or mark is in it. */
function asciiWordEnd(text: string, i: number): number {
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j) | 32;
    if (c >= 97 && c <= 122) continue;
    if (text.charCodeAt(j) >= 128 && /[\p{L}\p{M}]/u.test(text[j]!)) return -1;
    break;
  }
  return j;
}

const LETTER = /[\p{L}\p{M}]/u;

/**
 * Whether FROM_DIGIT can match at the digit run `text[at, at + len)`: a necessary condition, checked
 * without the regex (most digit runs in chat text are prices, counts, times and order numbers, and the
 * regex, an alternation of a few hundred month names, was this recognizer's main cost). A day is one
 * or two digits followed by a separator, a suffix or a month name; a year four digits followed by a
 * separator or 年/년; no date starts with a run of three or of five or more digits.
 */
function mayStartDate(text: string, at: number, len: number): boolean {
  const next = text.charCodeAt(at + len);
  if (Number.isNaN(next)) return false;
  if (len === 4) {
    const a = text.charCodeAt(at);
    const b = text.charCodeAt(at + 1);
    if (!((a === 49 && (b === 56 || b === 57)) || (a === 50 && b === 48))) return false;
    return next === 45 || next === 47 || next === 46 || next === 0x5e74 || next === 0xb144 || isSpace(next);
  }
  if (len > 2) return false;
  if (next === 45 || next === 47 || next === 46 || next === 0x200f) return true;
  if (!isSpace(next)) return next === 0xba || next === 0xb0 || LETTER.test(text[at + len]!);
  // Spaces, then a month name, maybe after "de" or "of": read the word when it is plain ASCII.
  let i = at + len;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  let end = asciiWordEnd(text, i);
  if (end < 0) return true;
  let word = text.slice(i, end).toLowerCase();
  if ((word === 'de' || word === 'of') && end < text.length && isSpace(text.charCodeAt(end))) {
    if (monthSet.has(word)) return true;
    i = end;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    end = asciiWordEnd(text, i);
    if (end < 0) return true;
    word = text.slice(i, end).toLowerCase();
  }
  return monthSet.has(word);
}

/** Numeric dates must name a real day and month in one of the orders people use (d/m/y or m/d/y). */
function plausible(s: string): { ok: boolean; shortYear: boolean } {
  if (/\p{L}|[年년]/u.test(s)) return { ok: true, shortYear: false };
  const nums = s.match(/\d+/g) ?? [];
  if (nums[0]!.length === 4) return { ok: true, shortYear: false };
  const [a, b, y] = nums as [string, string, string];
  const [x, z] = [Number(a), Number(b)];
  const real = (x >= 1 && x <= 31 && z >= 1 && z <= 12) || (x >= 1 && x <= 12 && z >= 1 && z <= 31);
  const shortYear = y.length === 2;
  // "1.2.21" is a version more often than a date.
  if (shortYear && s.includes('.') && (a.length < 2 || b.length < 2)) return { ok: false, shortYear };
  return { ok: real, shortYear };
}

const BIRTH_BEFORE = contextPattern([
  'born',
  'birth*',
  'dob',
  'd.o.b',
  'date of birth',
  'nacimiento',
  'nací',
  'naci',
  'nacid*',
  'né',
  'née',
  'naissance',
  'geboren',
  'geburt*',
  'geb',
  'nascita',
  'nato',
  'nata',
  'nascimento',
  'nasci',
  'nascid*',
  'geboortedatum',
  'født',
  'född',
  'urodzon*',
  'doğum*',
  'рожден*',
  'родил*',
  '生年月日',
  '誕生日',
  '出生',
  '生日',
  'जन्म',
  'ولدت',
  'ولد',
  'الميلاد',
  'ميلاد',
  'مواليد',
]);
/** A birth word after the date, in the same sentence and within a few words. */
const BIRTH_AFTER =
  /^[^.!?。\n]{0,30}?(?:(?<![\p{L}])(?:geboren|born|nacid[oa]|né|née|nato|nata|nascid[oa])(?![\p{L}])|生まれ|出生|に誕生)/iu;

const BIRTH_STEMS = [
  ...['born', 'birth', 'dob', 'd.o.b', 'nac', 'né', 'naiss', 'geb', 'nasc', 'nato', 'nata', 'geboorte'],
  ...['født', 'född', 'urodz', 'doğum', 'рожд', 'родил', '生', '誕', 'जन्म', 'ولد', 'ميلاد', 'مواليد'],
];
/**
 * A cheap test of the whole text for anything that could start a birth word: without one, no date in
 * it is a date of birth, and the context search per date (the costliest part of this recognizer on
 * chat text full of delivery dates) is skipped. It runs only where the BIRTH_WORD gate passed.
 */
const BIRTH_HINT = new RegExp(
  BIRTH_STEMS.map((w) => (w === 'nato' || w === 'nata' ? `${w}\\b` : escapeRegExp(w))).join('|'),
  'i',
);
/** The stems alone, as case-insensitive as BIRTH_HINT: the gate passes wherever BIRTH_HINT matches. */
export const DATE_GATES: readonly GatePattern[] = BIRTH_STEMS.map((w) =>
  pattern(GATE.BIRTH_WORD, word(w, true)),
);

function emitDate(
  text: string,
  start: number,
  s: string,
  ctx: ScanContext,
  out: Entity[],
  hint: boolean,
): boolean {
  const { ok, shortYear } = plausible(s);
  if (!ok) return false;
  const end = start + s.length;
  const birth =
    hint &&
    (hasContext(text, start, BIRTH_BEFORE, ctx.contextWords) || BIRTH_AFTER.test(text.slice(end, end + 40)));
  const base = shortYear ? SHORT_YEAR_SCORE : DATE_SCORE;
  if (birth) {
    out.push({ type: 'DATE_OF_BIRTH', start, end, text: s, score: Math.max(DOB_SCORE, boosted(base, true)) });
  } else out.push({ type: 'DATE_TIME', start, end, text: s, score: base });
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const NEXT_DIGIT = /\d/g;

/** BEFORE_START on one character, without a regex call (or a string) for ASCII. */
function touchesBefore(c: number): boolean {
  if (c < 128)
    return (
      (c >= 48 && c <= 57) ||
      ((c | 32) >= 97 && (c | 32) <= 122) ||
      c === 46 ||
      c === 44 ||
      c === 47 ||
      c === 45
    );
  return BEFORE_START.test(String.fromCharCode(c));
}

/**
 * Whether DAY_YEAR can match at the digit run `text[at, at + len)`, checked without the regex (and
 * before the word in front is read, which allocated for every number after a word): one or two digits,
 * at most two suffix characters, a comma, spaces and a year's first digit; or a day and a year written
 * together (five or six digits).
 */
function mayBeDayYear(text: string, at: number, len: number): boolean {
  if (len === 5 || len === 6) return true;
  if (len > 2) return false;
  let i = at + len;
  for (let k = 0; k < 2; k++) {
    const c = text.charCodeAt(i);
    // Any non-ASCII character too: under /iu a few fold to ASCII letters ("ſ" to "s").
    if (((c | 32) >= 97 && (c | 32) <= 122) || c >= 128 || c === 46) i++;
    else break;
  }
  if (text.charCodeAt(i) === 44) i++;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  return c === 49 || c === 50;
}

export const dateRecognizer: Recognizer = {
  name: 'date',
  entities: ['DATE_TIME', 'DATE_OF_BIRTH'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.DIGIT)) return;
    // Every date has a digit: each digit run is tried once as the start of a date, or as the day after
    // a month name ("March 3, 2021"); a weekday before the date joins it. (One regex over the whole
    // text, an alternation of a few hundred names tried at every position, cost five times more.)
    let done = 0;
    let hint: boolean | undefined;
    // NEXT_DIGIT.test finds each digit run's first digit without allocating a match (a /\d+/g exec
    // allocated one per run, and a character loop in JS was slower than the regex engine's scan).
    NEXT_DIGIT.lastIndex = 0;
    for (let at = 0, len = 0; NEXT_DIGIT.test(text); NEXT_DIGIT.lastIndex = at + len) {
      at = NEXT_DIGIT.lastIndex - 1;
      len = 1;
      while (isDigit(text.charCodeAt(at + len))) len++;
      if (at < done || (at > 0 && touchesBefore(text.charCodeAt(at - 1)))) continue;
      let start = at;
      let end = -1;
      const month = mayBeDayYear(text, at, len) ? wordBefore(text, at, false) : undefined;
      if (month && monthSet.has(month.key)) {
        DAY_YEAR.lastIndex = at;
        if (DAY_YEAR.test(text)) {
          start = month.start;
          end = DAY_YEAR.lastIndex;
        }
      }
      if (end < 0) {
        if (!mayStartDate(text, at, len)) continue;
        FROM_DIGIT.lastIndex = at;
        const m = FROM_DIGIT.exec(text);
        if (!m) continue;
        end = at + m[0].length;
        if (!/\p{L}/u.test(m[0]) || /[年년]/.test(m[0])) {
          hint ??= (ctx.gates & GATE.BIRTH_WORD) !== 0 && BIRTH_HINT.test(text);
          if (emitDate(text, start, m[0], ctx, out, hint)) done = end;
          continue;
        }
      }
      const weekday = wordBefore(text, start, true);
      if (weekday && weekdaySet.has(weekday.key)) start = weekday.start;
      hint ??= (ctx.gates & GATE.BIRTH_WORD) !== 0 && BIRTH_HINT.test(text);
      if (emitDate(text, start, text.slice(start, end), ctx, out, hint)) done = end;
    }
  },
};
