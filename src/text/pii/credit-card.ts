/**
 * CREDIT_CARD: 13–19 digits, bare or in groups separated by single spaces or dashes (one kind per
 * number), starting with a known issuer prefix (Visa, Mastercard incl. the 2-series, Amex, Discover,
 * JCB incl. the legacy 15-digit 2131 and 1800 ranges, Diners, UnionPay, Maestro, UATP), and passing
 * Luhn; or 12 digits with a Maestro prefix (5018, 5020, 5038, 5893, 6304, 6759, 6761–6763). Test
 * numbers (4111 1111 1111 1111) are reported like any other: they are card-shaped. As in Presidio the pattern alone is weak (0.3) and a Luhn
 * pass makes it 1.0; a number that fails Luhn is not reported at all.
 */

import { digitsOf, luhnValid } from './checksums.js';
import { digitRun, type GatePattern, pattern } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

const CANDIDATE = /(?<![\w.+-])\d(?:[ -]?\d){11,18}(?![\w]|[ -]\d)/g;
const ISSUER =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|3(?:0[0-5]|[689])|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8])|5[06-9]|6\d|2131|1800|1)/;
/** 15-digit JCB (2131, 1800) and UATP (1…) are 15 digits long; the rest 13–19. */
const FIFTEEN_ONLY = /^(?:2131|1800|1)/;
/**
 * Twelve digits in a run: what CANDIDATE needs at least (the gate also lets dots through, as the
 * national-id gates do: one separator set for all keeps the automaton small).
 */
export const CARD_GATES: readonly GatePattern[] = [pattern(GATE.CARD_DIGITS, digitRun(12, ' .-'))];
const MAESTRO_12 = /^(?:5018|5020|5038|5893|6304|6759|676[1-3])/;

export const CARD_PATTERN_SCORE = 0.3;

export const creditCardRecognizer: Recognizer = {
  name: 'credit-card',
  entities: ['CREDIT_CARD'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.CARD_DIGITS)) return;
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      const s = m[0];
      // One separator kind, never doubled (the regex already forbids doubles).
      if (s.includes(' ') && s.includes('-')) continue;
      const digits = digitsOf(s);
      const ok =
        digits.length === 12
          ? MAESTRO_12.test(digits)
          : ISSUER.test(digits) && (digits.length === 15 || !FIFTEEN_ONLY.test(digits));
      if (!ok || !luhnValid(digits)) continue;
      out.push({ type: 'CREDIT_CARD', start: m.index, end: m.index + s.length, text: s, score: 1 });
    }
  },
};
