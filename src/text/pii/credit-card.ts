/**
 * CREDIT_CARD: 13–19 digits, bare or in groups separated by single spaces or dashes (one kind per
 * number), starting with a known issuer prefix (Visa, Mastercard, Amex, Discover, JCB, Diners,
 * UnionPay, Maestro), and passing Luhn. As in Presidio the pattern alone is weak (0.3) and a Luhn
 * pass makes it 1.0; a number that fails Luhn is not reported at all.
 */

import { digitsOf, luhnValid } from './checksums.js';
import type { Entity, Recognizer, ScanContext } from './types.js';

const CANDIDATE = /(?<![\w.+-])\d(?:[ -]?\d){12,18}(?![\w]|[ -]\d)/g;
const ISSUER =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|3(?:0[0-5]|[689])|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8])|5[06-9]|6\d)/;

export const CARD_PATTERN_SCORE = 0.3;

export const creditCardRecognizer: Recognizer = {
  name: 'credit-card',
  entities: ['CREDIT_CARD'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!ctx.hasDigits) return;
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      const s = m[0];
      // One separator kind, never doubled (the regex already forbids doubles).
      if (s.includes(' ') && s.includes('-')) continue;
      const digits = digitsOf(s);
      if (!ISSUER.test(digits) || !luhnValid(digits)) continue;
      out.push({ type: 'CREDIT_CARD', start: m.index, end: m.index + s.length, text: s, score: 1 });
    }
  },
};
