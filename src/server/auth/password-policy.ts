import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Which passwords Tandem accepts, after NIST SP 800-63B (rev. 4, §3.1.1.2): a password is the only
 * factor here, so at least 15 characters; at most what the login endpoint takes (1,000), so no
 * account has a password it cannot log in with; and none that an attacker tries first — the most
 * common passwords (the ~49,000 of zxcvbn's list), one character or a short run repeated,
 * a plain sequence (`abcdef…`, `987654…`), or the user's own name. No composition rules (NIST advises
 * against them) and no expiry.
 */

export const MIN_PASSWORD_LENGTH = 15;
/** The login endpoint's limit (`loginBody` in `src/core/api/users.ts`). */
export const MAX_PASSWORD_LENGTH = 1000;

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> => {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
};

/** The rule `password` breaks, said to its owner; null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  const chars = [...password.normalize('NFKC')];
  if (chars.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of a few words is easiest)`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `a password has at most ${MAX_PASSWORD_LENGTH} characters (what the login accepts)`;
  const lower = chars.join('').toLowerCase();
  if (commonPasswords().has(lower)) return 'that is one of the most common passwords';
  if (/^(.{1,4}?)\1+$/su.test(lower)) return 'a password cannot be a character or a short run repeated';
  if (isSequence(chars)) return 'a password cannot be a plain sequence like abcdef… or 98765…';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase()))
    return 'a password cannot contain the user name';
  return null;
}

/** Every character one after (or one before) the last; digits go round (…8, 9, 0, 1…). */
function isSequence(chars: string[]): boolean {
  const codes = chars.map((c) => c.toLowerCase().codePointAt(0)!);
  const next = (a: number, b: number, step: number) =>
    b - a === step || (a >= 48 && a <= 57 && b >= 48 && b <= 57 && (b - a + 10) % 10 === (step + 10) % 10);
  return [1, -1].some((step) => codes.every((c, i) => i === 0 || next(codes[i - 1]!, c, step)));
}
