/**
 * PHONE_NUMBER. Candidates are runs of digits with the separators people write in phone numbers
 * (spaces, . - / and parentheses, an optional leading + or 00); each is confirmed by libphonenumber-js
 * with its full ("max") metadata, so only numbers valid in their country match. libphonenumber's own
 * text matcher is not used: it runs at about 1 MB/s, takes dates for German numbers and reports
 * wrong spans ("+33 1 42 68 53 00, 01").
 *
 * Scores: with a country code (+ or 00) 0.7; national and valid in the default region 0.6 (0.4
 * written as bare digits, which order numbers also are); national and valid only in one of the
 * further regions 0.4 (0.1 as bare digits: tracking numbers are valid somewhere). A phone context
 * word before it ("phone", "call", "Tel.", "móvil", …; not "number", which order numbers have too)
 * adds 0.35.
 */

import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { digitsOf } from './checksums.js';
import { boosted, contextPattern, hasContext } from './context.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

/** At least seven digits (a bracketed group counts once), not starting with a date like 12/03/2024. */
const CANDIDATE =
  /(?<![\w+@/.-])(?!\d{1,4}([./-])\d{1,2}\1\d{1,4}(?![\d/-]|\.\d))(?:\+|00(?=[1-9]))?(?:\(\d{1,5}\)|\d)(?:[ \u00a0.\-/]?(?:\(\d{1,5}\)|\d)){6,22}(?![\w@](?<!x(?=\d)))/g;
/** An extension right after a number: "x9629", " ext. 12", " extension 4", " Durchwahl 12", " poste 3". */
const EXTENSION =
  /[ \t]*(?:x|ext\.?|extn\.?|extension|Durchwahl|DW|poste|int\.?|interno)[ \t]*\d{1,6}(?![\w])/iy;

/** Shapes that are not phone numbers even when some country's plan would accept the digits. */
const NOT_PHONE = [
  /^\d{4}[./-]\d{1,2}[./-]\d{1,2}$/, // 2024-03-12
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/, // 12.03.2024, 3/12/24
  /^\d{1,3}(?:\.\d{1,3}){3}$/, // IPv4
  /^\d{3}([-. ])\d{2}\1\d{4}$/, // US SSN
  /^\d{1,3}(?:[.,]\d{3})+$/, // 1.234.567 (an amount)
];

const CONTEXT = contextPattern([
  'phone*',
  'telephone*',
  'tel',
  'tél*',
  'telefon*',
  'teléfono*',
  'telefono*',
  'telefone*',
  'mobile*',
  'mobil*',
  'móvil*',
  'movil*',
  'cell*',
  'celular*',
  'handy',
  'portable*',
  'call*',
  'ring*',
  'fax*',
  'whatsapp*',
  'sms',
  'text me',
  'contact*',
  'reach me',
  'llam*',
  'llám*',
  'appel*',
  'anruf*',
  'ruf*',
  'chiam*',
  'ligue*',
  'hotline*',
  '電話',
  '携帯',
  '連絡',
  '电话',
  '手机',
  '致电',
  '拨打',
  'bellen',
  'bel me',
  'nummer',
  'joindre',
  'joignable',
  'erreichen',
  'erreichbar',
  'rückruf*',
  'ligar',
  'contattar*',
  'cellulare',
  'هاتف*',
  'الهاتف',
  'اتصل',
  'جوال',
  'موبايل',
  'فون',
  'फ़ोन',
  'फोन',
  'मोबाइल',
  'कॉल',
  'tel.',
]);

/** Words that say the digits after them are some other number ("NHS number 943 476 5918"). */
const OTHER_NUMBER = contextPattern([
  'nhs',
  'ssn',
  'social security',
  'sin',
  'social insurance',
  'aadhaar*',
  'steuer*',
  'tax id*',
  'iban',
  'account*',
  'card*',
  'order*',
  'invoice*',
  'tracking',
  'isbn',
  'serial*',
  'ref',
  'reference*',
  'pedido*',
  'factura*',
  'bestell*',
  'rechnung*',
  'commande*',
  'facture*',
]);

export const INTERNATIONAL_SCORE = 0.7;
export const NATIONAL_SCORE = 0.6;
export const BARE_NATIONAL_SCORE = 0.4;
export const OTHER_REGION_SCORE = 0.4;
/** Valid in a further region and written exactly as that region writes its numbers ("06 12 30 93 61"). */
export const OTHER_REGION_FORMATTED_SCORE = 0.5;
export const BARE_OTHER_REGION_SCORE = 0.1;

function isbn13(digits: string): boolean {
  if (digits.length !== 13 || !(digits.startsWith('978') || digits.startsWith('979'))) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 ? 3 : 1);
  return sum % 10 === 0;
}

function valid(s: string, region: string | undefined): boolean {
  return validNumber(s, region) !== undefined;
}

function validNumber(s: string, region: string | undefined): PhoneNumber | undefined {
  try {
    const p = parsePhoneNumberFromString(s, region as CountryCode | undefined);
    return p?.isValid() ? p : undefined;
  } catch {
    return undefined;
  }
}

const SPACES = /[\s\u00a0]+/g;

/**
 * The score of `s` as a phone number, or 0 when it is not a valid one or cannot reach the threshold. In the
 * first pass only international numbers and the default region count; the second pass tries the
 * further regions, so that a span valid at home wins over a longer one valid abroad.
 */
function scorePhone(s: string, digits: string, ctx: ScanContext, context: boolean, pass: 1 | 2): number {
  if (NOT_PHONE.some((re) => re.test(s)) || isbn13(digits)) return 0;
  const bare = BARE.test(s);
  const reach = (base: number) => boosted(base, context) >= ctx.minScore;
  if (s.startsWith('+') || s.startsWith('00')) {
    if (pass === 2 || digits.length < 8 || digits.length > (s.startsWith('+') ? 15 : 17)) return 0;
    return valid(s.startsWith('+') ? s : `+${s.slice(2)}`, undefined) ? INTERNATIONAL_SCORE : 0;
  }
  if (digits.length < 7 || digits.length > 15) return 0;
  if (pass === 1) {
    const national = bare ? BARE_NATIONAL_SCORE : NATIONAL_SCORE;
    return reach(national) && valid(s, ctx.region) ? national : 0;
  }
  const other = bare ? BARE_OTHER_REGION_SCORE : OTHER_REGION_SCORE;
  // Abroad, a national number has a trunk prefix (0…), an area code in brackets or at least nine
  // digits; a short local number ("555-0100") is valid somewhere but tells nothing.
  const best = bare ? other : OTHER_REGION_FORMATTED_SCORE;
  if (!reach(best) || !(s.startsWith('0') || s.startsWith('(') || digits.length >= 9)) return 0;
  let score = 0;
  for (const r of ctx.phoneRegions) {
    if (r === ctx.region) continue;
    const p = validNumber(s, r);
    if (!p) continue;
    // Written the way the region writes its numbers (groups and brackets included): that is evidence
    // enough without a phone word.
    if (!bare && p.formatNational().replace(SPACES, ' ') === s.replace(SPACES, ' '))
      return OTHER_REGION_FORMATTED_SCORE;
    score = other;
  }
  return reach(score) ? score : 0;
}

const BARE = /^\d+$/;

/** Three or more groups of exactly four digits: a card or an account number, never a phone number. */
const FOUR_BY_FOUR = /^\d{4}(?: \d{4}){2,}(?: \d{1,4})?$/;

/**
 * The spans of `cand` worth trying, best first: the whole candidate, then without its last one or two
 * space-separated parts (a count or a year after the number), then without its first part (unless
 * that is a country code).
 */
function spans(cand: string): Array<[number, number]> {
  const cuts: number[] = [];
  for (let i = cand.indexOf(' '); i >= 0; i = cand.indexOf(' ', i + 1)) cuts.push(i);
  const out: Array<[number, number]> = [[0, cand.length]];
  const n = cuts.length;
  if (n >= 1) out.push([0, cuts[n - 1]!]);
  if (n >= 2) out.push([0, cuts[n - 2]!]);
  // A leading country code is never dropped: what is left would be read as a national number.
  if (cand.startsWith('+') || cand.startsWith('00')) return out;
  if (n >= 1) out.push([cuts[0]! + 1, cand.length]);
  if (n >= 2) out.push([cuts[0]! + 1, cuts[n - 1]!]);
  return out;
}

export const phoneRecognizer: Recognizer = {
  name: 'phone',
  entities: ['PHONE_NUMBER'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.DIGIT)) return;
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      let context: boolean | undefined;
      // Bare digits score 0.4 at best without a phone word: skip them cheaply when that cannot pass.
      if (BARE.test(m[0]) && BARE_NATIONAL_SCORE < ctx.minScore) {
        context = hasContext(text, m.index, CONTEXT, ctx.contextWords);
        if (!context) continue;
      }
      const cand = m[0].includes('\u00a0') ? m[0].replace(/\u00a0/g, ' ') : m[0]; // same length
      if (FOUR_BY_FOUR.test(cand) || (!cand.includes(' ') && NOT_PHONE.some((re) => re.test(cand)))) continue;
      const digits = digitsOf(cand);
      if (digits.length < 7) continue;
      context ??= hasContext(text, m.index, CONTEXT, ctx.contextWords);
      // An id's own label right before it ("NHS number 943 476 5918"), and no phone word: not a phone.
      if (!context && hasContext(text, m.index, OTHER_NUMBER, 3)) continue;
      let found: [number, number, number] | undefined;
      for (const pass of [1, 2] as const) {
        for (const [from, to] of spans(cand)) {
          const sub = cand.slice(from, to);
          const d = from === 0 && to === cand.length ? digits : digitsOf(sub);
          if (d.length < 7) continue;
          const base = scorePhone(sub, d, ctx, context, pass);
          if (base > 0) {
            found = [from, to, base];
            break;
          }
        }
        if (found) break;
      }
      if (!found) continue;
      const [from, to, base] = found;
      const start = m.index + from;
      let end = m.index + to;
      if (to === cand.length) {
        EXTENSION.lastIndex = end;
        if (EXTENSION.test(text)) end = EXTENSION.lastIndex;
      }
      out.push({
        type: 'PHONE_NUMBER',
        start,
        end,
        text: text.slice(start, end),
        score: boosted(base, context),
      });
      // A second number may follow in the same run ("415-555-2671 212-555-0187"): scan the rest again.
      if (to < cand.length) CANDIDATE.lastIndex = end + 1;
    }
  },
};
