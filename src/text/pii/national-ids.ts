/**
 * National identifiers. One regex finds maximal runs of digit groups (bare, or groups separated by
 * one kind of single separator); each run is classified by its digit count and grouping:
 *
 * | type       | shape                         | check                                            |
 * | ---------- | ----------------------------- | ------------------------------------------------ |
 * | US_SSN     | 3-2-4 (dashes/dots/spaces), 9 | SSA rules: area not 000/666/900–999, group not 00, serial not 0000, no known fakes |
 * | UK_NHS     | 3-3-4 or 10                   | mod 11                                           |
 * | CA_SIN     | 3-3-3 or 9                    | Luhn; first digit not 0 or 8                     |
 * | IN_AADHAAR | 4-4-4 or 12                   | Verhoeff; first digit 2–9; not a palindrome      |
 * | DE_TAX_ID  | 2-3-3-3 or 11                 | digit repetition rule + ISO 7064 MOD 11,10       |
 *
 * A failed check is no match. A pass scores 1.0 when the shape is distinctive (4-4-4, 2-3-3-3) or a
 * context word for the id is near; NHS, SIN and bare runs share their shape with phone and order
 * numbers, and one check digit lets 1 in 10 random numbers through, so without context they score 0.4
 * (under the default threshold). US_SSN has no check digit: 0.5 with dashes, 0.4 with spaces or dots, 0.3
 * bare, plus 0.35 with context. ES_NIF (8 digits + capital letter) and ES_NIE (X/Y/Z + 7 digits +
 * capital letter) have a mod-23 control letter and score 1.0 when it matches.
 */

import { deTaxIdValid, luhnValid, nhsValid, nifLetter, verhoeffValid } from './checksums.js';
import { boosted, contextPattern, hasContext } from './context.js';
import { ASCII_CAPITAL, chars, digitRun, type GatePattern, one, optional, pattern } from './gate-pattern.js';
import { type Entity, type EntityType, GATE, type Recognizer, type ScanContext } from './types.js';

/** Bare runs of 9–12 digits, or the grouped shapes below; never part of a longer number. */
const RUN =
  /(?<![\w.,+/-]|\d[ -])(?:\d{9,12}|\d{3}([ .-])\d{2}\1\d{4}|\d{3}([ -])\d{3}\2\d{3,4}|\d{4}([ -])\d{4}\3\d{4}|\d{2}([ -])\d{3}\4\d{3}\4\d{3})(?![\w/-]|[ .,-]\d)/g;
/** NIE X-1234567-L; DNI/NIF 12345678Z, 12345678-Z, 12.345.678-Z. */
const NIF = /(?<![\w.-])(?:([XYZ])-?(\d{7})|(\d{1,2}\.\d{3}\.\d{3}|\d{8}))-?([A-Z])(?![\w-])/g;
/**
 * What RUN needs at least (nine digits, single separators between), and what NIF needs at least (seven
 * digits, then an optional dash and a capital letter; NIF's dots are let through with RUN's other
 * separators, one separator set keeping the automaton small).
 */
export const NATIONAL_ID_GATES: readonly GatePattern[] = [
  pattern(GATE.ID_DIGITS, digitRun(9, ' .-')),
  pattern(GATE.NIF_DIGITS, digitRun(7, ' .-'), optional(chars('-')), one(ASCII_CAPITAL)),
];

export const WEAK_SCORE = 0.4;
const SSN_SCORES = { '-': 0.5, ' ': 0.4, '.': 0.4, '': 0.3 } as const;

const CONTEXT: Readonly<Record<'US_SSN' | 'UK_NHS' | 'CA_SIN' | 'IN_AADHAAR' | 'DE_TAX_ID', RegExp>> = {
  US_SSN: contextPattern([
    'ssn*',
    'social security*',
    'social sec*',
    'soc sec*',
    'ss#',
    'ss #',
    'seguro social',
  ]),
  UK_NHS: contextPattern(['nhs*', 'national health*', 'health service*', 'patient*', 'health number']),
  CA_SIN: contextPattern(['sin', 'sin#', 'social insurance*', 'nas', 'assurance sociale']),
  IN_AADHAAR: contextPattern(['aadhaar*', 'aadhar*', 'uidai', 'uid', 'आधार']),
  DE_TAX_ID: contextPattern([
    'steuer*',
    'idnr*',
    'id-nr*',
    'identifikationsnummer*',
    'tin',
    'tax id*',
    'tax identification*',
    'tax number',
  ]),
};

/** Numbers the SSA never issues, or that were published and are known to be fake. */
const FAKE_SSNS = new Set(['078051120', '219099999', '123456789', '987654321', '457555462']);

export function ssnValid(digits: string): boolean {
  if (digits.length !== 9 || FAKE_SSNS.has(digits) || /^(\d)\1{8}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  return digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

export function sinValid(digits: string): boolean {
  return digits.length === 9 && digits[0] !== '0' && digits[0] !== '8' && luhnValid(digits);
}

export function aadhaarValid(digits: string): boolean {
  return (
    digits.length === 12 &&
    digits[0]! >= '2' &&
    verhoeffValid(digits) &&
    digits !== [...digits].reverse().join('')
  );
}

export const nationalIdRecognizer: Recognizer = {
  name: 'national-ids',
  entities: ['US_SSN', 'UK_NHS', 'CA_SIN', 'IN_AADHAAR', 'DE_TAX_ID', 'ES_NIF', 'ES_NIE'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.DIGIT)) return;
    const push = (type: EntityType, start: number, s: string, score: number) =>
      out.push({ type, start, end: start + s.length, text: s, score });
    const context = (type: keyof typeof CONTEXT, start: number) =>
      hasContext(text, start, CONTEXT[type], ctx.contextWords);
    /** A checksum pass: 1.0 with a distinctive shape or context, else the weak score. */
    const checked = (type: keyof typeof CONTEXT, start: number, s: string, distinctive: boolean) =>
      push(type, start, s, distinctive || context(type, start) ? 1 : WEAK_SCORE);

    RUN.lastIndex = 0;
    // Without nine digits in a run (the gate), RUN cannot match: the loop does not start.
    for (let m = ctx.gates & GATE.ID_DIGITS ? RUN.exec(text) : null; m; m = RUN.exec(text)) {
      const s = m[0];
      const sep = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
      const groups = sep ? s.split(sep).map((g) => g.length) : [s.length];
      const shape = groups.join('-');
      const digits = sep ? s.split(sep).join('') : s;
      const bare = groups.length === 1;
      const at = m.index;
      if (/^(\d)\1+$/.test(digits)) continue; // 000 000 0000 passes mod 11 but is nobody's number
      switch (digits.length) {
        case 9:
          if ((bare || shape === '3-2-4') && ssnValid(digits)) {
            push('US_SSN', at, s, boosted(SSN_SCORES[sep as keyof typeof SSN_SCORES], context('US_SSN', at)));
          }
          if ((bare || shape === '3-3-3') && sinValid(digits)) checked('CA_SIN', at, s, false);
          break;
        case 10:
          if ((bare || shape === '3-3-4') && nhsValid(digits)) checked('UK_NHS', at, s, false);
          break;
        case 11:
          if ((bare || shape === '2-3-3-3') && deTaxIdValid(digits)) checked('DE_TAX_ID', at, s, !bare);
          break;
        case 12:
          if ((bare || shape === '4-4-4') && aadhaarValid(digits)) checked('IN_AADHAAR', at, s, !bare);
          break;
      }
    }

    if (!(ctx.gates & GATE.NIF_DIGITS)) return;
    NIF.lastIndex = 0;
    for (let m = NIF.exec(text); m; m = NIF.exec(text)) {
      const letter = m[4]!;
      if (m[1]) {
        const number = 'XYZ'.indexOf(m[1]) + m[2]!;
        if (nifLetter(number) === letter) push('ES_NIE', m.index, m[0], 1);
      } else if (nifLetter(m[3]!.replace(/\./g, '')) === letter) {
        push('ES_NIF', m.index, m[0], 1);
      }
    }
  },
};
