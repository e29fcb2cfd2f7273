/**
 * IBAN_CODE: two capital letters and two check digits ([A-Z]{2}\d{2} is the prefilter), then exactly
 * the country's registered length of letters and digits, optionally in groups separated by single
 * spaces or dashes; the ISO 13616 mod-97 check must give 1. A pass scores 1.0; a failure is no match.
 */

import { ibanValid } from './checksums.js';
import { ASCII_CAPITAL, ASCII_DIGIT, type GatePattern, one, pattern } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

/** Total IBAN length per country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

const START = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}/g;
/** What START needs at least: two capital letters and two digits. */
export const IBAN_GATES: readonly GatePattern[] = [
  pattern(GATE.IBAN_START, one(ASCII_CAPITAL), one(ASCII_CAPITAL), one(ASCII_DIGIT), one(ASCII_DIGIT)),
];

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

export const ibanRecognizer: Recognizer = {
  name: 'iban',
  entities: ['IBAN_CODE'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.IBAN_START)) return;
    START.lastIndex = 0;
    for (let m = START.exec(text); m; m = START.exec(text)) {
      const length = IBAN_LENGTHS[m[1]!];
      if (length === undefined) continue;
      // Collect `length` letters and digits; single spaces or dashes may separate groups.
      let i = m.index;
      let compact = '';
      while (i < text.length && compact.length < length) {
        const c = text.charCodeAt(i);
        if (isAlnum(c)) {
          compact += text[i];
          i++;
        } else if ((c === 32 || c === 45) && compact.length >= 4 && isAlnum(text.charCodeAt(i + 1))) {
          i++;
        } else break;
      }
      if (compact.length !== length) continue;
      const next = text.charCodeAt(i);
      if (isAlnum(next) || (next >= 97 && next <= 122)) continue;
      if (!ibanValid(compact)) continue;
      out.push({ type: 'IBAN_CODE', start: m.index, end: i, text: text.slice(m.index, i), score: 1 });
      START.lastIndex = i;
    }
  },
};
