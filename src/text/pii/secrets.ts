/**
 * API_KEY: credentials in a known format, found by their prefix: OpenAI (sk-, sk-proj-), Anthropic
 * (sk-ant-), AWS access key ids (AKIA/ASIA + 16), GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_),
 * Slack (xoxb-, xoxa-, xoxp-, xoxr-, xoxs-), Google API keys (AIza + 35), Stripe (sk_live_, rk_live_)
 * and JWTs (three base64url parts, the first two JSON objects: "eyJ…"). Scores 0.9–1.0 by how
 * specific the format is; a JWT whose header decodes to JSON with an "alg" scores 1.0.
 *
 * SECRET: PEM private key blocks (1.0), and high-entropy tokens (≥ 20 characters from the base64/hex
 * alphabets, with a digit, Shannon entropy ≥ 3.5 bits per character) at most five words after a word
 * like key, secret, token, password, credential: 0.4 for the token, which needs its keyword (+0.35).
 */

import { escapeRegExp } from '../escape-regexp.js';
import { shannonEntropy } from './checksums.js';
import { chars, type GatePattern, one, pattern, word } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

interface KeyFormat {
  re: RegExp;
  score: number;
}

const BOUNDARY_BEFORE = '(?<![A-Za-z0-9_-])';
const BOUNDARY_AFTER = '(?![A-Za-z0-9_-])';
const FORMATS: readonly KeyFormat[] = [
  { re: /sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}|sk-ant-[A-Za-z0-9_-]{32,}/, score: 1 },
  { re: /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/, score: 1 },
  { re: /sk-[A-Za-z0-9]{20,}(?:T3BlbkFJ[A-Za-z0-9]{20,})?/, score: 0.9 },
  { re: /(?:AKIA|ASIA)[0-9A-Z]{16}/, score: 0.95 },
  { re: /gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}/, score: 1 },
  { re: /xox[baprs]-[A-Za-z0-9-]{10,}/, score: 0.95 },
  { re: /AIza[0-9A-Za-z_-]{35}/, score: 0.95 },
  { re: /(?:sk|rk)_live_[0-9A-Za-z]{24,}/, score: 1 },
  { re: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/, score: 0.9 },
];
const KEYS = new RegExp(
  `${BOUNDARY_BEFORE}(?:${FORMATS.map((f) => f.re.source).join('|')})${BOUNDARY_AFTER}`,
  'g',
);
const ANCHORED = FORMATS.map((f) => new RegExp(`^(?:${f.re.source})$`));
/**
 * The gate before the combined regex: a literal piece every known key contains (sk- and sk_live_ as
 * sk- or sk_, which may pass a little more text, such as "desk_", for the regex to turn down).
 */
const KEY_PREFIX_GATES = [
  pattern(GATE.KEY_PREFIX, word('sk'), one(chars('-_'))),
  ...['rk_live_', 'AKIA', 'ASIA', 'AIza', 'github_pat_', 'eyJ'].map((w) => pattern(GATE.KEY_PREFIX, word(w))),
  pattern(GATE.KEY_PREFIX, word('gh'), one(chars('pousr')), word('_')),
  pattern(GATE.KEY_PREFIX, word('xox'), one(chars('baprs')), word('-')),
];

/** The body is bounded (16 KiB of base64 and header lines) so that many unclosed BEGIN lines stay linear. */
const PEM =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,.-]{0,16384}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;

const SECRET_WORDS = [
  ...['key', 'secret', 'token', 'password', 'passwd', 'pwd', 'passphrase', 'credential', 'clave'],
  ...['contraseña', 'passwort', 'mot de passe', 'jeton'],
];
/**
 * key, secret, token, password, … as a word or a part of an identifier (api_key, apiKey, AUTH_TOKEN).
 * Case-insensitive here; `keywordStarts` then rejects the middle of a word ("monkey", "MONKEY").
 */
const KEYWORD = new RegExp(`(?:${SECRET_WORDS.map(escapeRegExp).join('|')})s?(?![a-z])`, 'gi');

export const SECRET_GATES: readonly GatePattern[] = [
  ...KEY_PREFIX_GATES,
  // The words alone, as case-insensitive as KEYWORD: the gate passes wherever KEYWORD matches.
  ...SECRET_WORDS.map((w) => pattern(GATE.SECRET_WORD, word(w, true))),
];

function keywordStarts(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text[at - 1]!;
  const first = text[at]!;
  const upper = (c: string) => c !== c.toLowerCase();
  const letter = (c: string) => c.toLowerCase() !== c.toUpperCase();
  // "key" after any letter is inside a word; "Key"/"KEY" after a capital is too ("MONKEY"), after a
  // small letter it starts a camelCase part ("apiKey").
  return upper(first) ? !upper(before) : !letter(before);
}
/** A run of base64/base64url/hex characters, '=' padding only at its end. */
const TOKEN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])/g;
export const ENTROPY_THRESHOLD = 3.5;
export const TOKEN_SCORE = 0.75;

function jwtHeaderOk(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof header.alg === 'string';
  } catch {
    return false;
  }
}

/** Whether `s` looks like a random token rather than a word, a path or an identifier. */
export function highEntropy(s: string): boolean {
  return /\d/.test(s) && /[A-Za-z]/.test(s) && shannonEntropy(s) >= ENTROPY_THRESHOLD;
}

export const secretRecognizer: Recognizer = {
  name: 'secrets',
  entities: ['API_KEY', 'SECRET'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (ctx.gates & GATE.KEY_PREFIX) {
      KEYS.lastIndex = 0;
      for (let m = KEYS.exec(text); m; m = KEYS.exec(text)) {
        const s = m[0];
        const i = ANCHORED.findIndex((re) => re.test(s));
        let score = FORMATS[i]?.score ?? 0.9;
        if (s.startsWith('eyJ')) score = jwtHeaderOk(s) ? 1 : score;
        else if (i === 2 && !highEntropy(s.slice(3))) continue; // "sk-" + a plain word run
        out.push({ type: 'API_KEY', start: m.index, end: m.index + s.length, text: s, score });
      }
    }
    if (text.includes('-----BEGIN ') && text.includes('-----END ')) {
      PEM.lastIndex = 0;
      for (let m = PEM.exec(text); m; m = PEM.exec(text)) {
        out.push({ type: 'SECRET', start: m.index, end: m.index + m[0].length, text: m[0], score: 1 });
      }
    }
    if (!(ctx.gates & GATE.DIGIT) || !(ctx.gates & GATE.SECRET_WORD)) return; // a token has a digit
    KEYWORD.lastIndex = 0;
    for (let k = KEYWORD.exec(text); k; k = KEYWORD.exec(text)) {
      const from = k.index + k[0].length;
      // "KEY" in a PEM armour line ("-----BEGIN PUBLIC KEY-----") announces a block, not a secret.
      if (!keywordStarts(text, k.index) || text.startsWith('-----', from)) continue;
      const window = text.slice(from, from + 40 * ctx.contextWords);
      TOKEN.lastIndex = 0;
      for (let t = TOKEN.exec(window); t; t = TOKEN.exec(window)) {
        const words = window.slice(0, t.index).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
        if (words > ctx.contextWords) break;
        if (!highEntropy(t[0])) continue;
        const start = from + t.index;
        out.push({ type: 'SECRET', start, end: start + t[0].length, text: t[0], score: TOKEN_SCORE });
        KEYWORD.lastIndex = start + t[0].length;
        break;
      }
    }
  },
};
