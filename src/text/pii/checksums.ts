/** Check-digit algorithms used by the id recognizers and by the fake generators. Inputs are digit strings. */

/** Luhn (mod 10): credit cards, Canadian SINs. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The Luhn check digit to append to `body`. */
export function luhnCheckDigit(body: string): number {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return d;
  return 0;
}

/** ISO 7064 mod 97-10 of an alphanumeric string (letters are A=10 … Z=35); IBANs are valid when this is 1. */
export function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else r = (r * 100 + (c - 55)) % 97; // 'A' (65) → 10
  }
  return r;
}

/** IBAN check: move the first four characters to the end; the number must be 1 mod 97. */
export function ibanValid(iban: string): boolean {
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

/** UK NHS number: weights 10…2 on the first nine digits; 11 − (sum mod 11), 11 → 0, 10 is never issued. */
export function nhsCheckDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (10 - i);
  const c = 11 - (sum % 11);
  return c === 11 ? 0 : c; // 10 means "no valid number with these digits"
}

export function nhsValid(digits: string): boolean {
  return digits.length === 10 && nhsCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffRun(digits: string, offset: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = VERHOEFF_D[c]![VERHOEFF_P[(i + offset) % 8]![d]!]!;
  }
  return c;
}

/** Verhoeff (dihedral group D5): Aadhaar numbers. */
export function verhoeffValid(digits: string): boolean {
  return digits.length > 0 && verhoeffRun(digits, 0) === 0;
}

export function verhoeffCheckDigit(body: string): number {
  return VERHOEFF_INV[verhoeffRun(body, 1)]!;
}

/** ISO 7064 MOD 11,10 check digit over the first ten digits of a German Steuer-IdNr. */
export function mod11_10CheckDigit(body: string): number {
  let product = 10;
  for (let i = 0; i < body.length; i++) {
    let sum = (body.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/**
 * The Steuer-IdNr digit rule: among the first ten digits exactly one digit occurs more than once,
 * twice or three times, and a digit occurring three times does not do so in three adjacent places.
 */
export function deTaxIdDigitsOk(first10: string): boolean {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[first10.charCodeAt(i) - 48]!++;
  let repeated = -1;
  for (let d = 0; d < 10; d++) {
    const n = counts[d]!;
    if (n > 3) return false;
    if (n > 1) {
      if (repeated >= 0) return false;
      repeated = d;
    }
  }
  if (repeated < 0) return false;
  if (counts[repeated] === 3) {
    const r = String(repeated);
    if (first10.includes(r + r + r)) return false;
  }
  return true;
}

export function deTaxIdValid(digits: string): boolean {
  return (
    digits.length === 11 &&
    digits[0] !== '0' &&
    deTaxIdDigitsOk(digits.slice(0, 10)) &&
    mod11_10CheckDigit(digits.slice(0, 10)) === digits.charCodeAt(10) - 48
  );
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** The control letter of a Spanish DNI/NIF number (the NIE's X/Y/Z prefix becomes 0/1/2 first). */
export function nifLetter(number: string): string {
  return NIF_LETTERS[Number(number) % 23]!;
}

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Every non-digit removed. */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}
