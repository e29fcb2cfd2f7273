/**
 * IP_ADDRESS (IPv4 with octets 0–255 and no leading zeros; IPv6 in full, compressed and
 * IPv4-suffixed forms, with a zone index) and URL (with a scheme, starting "www.", or a bare domain
 * under a known top-level domain). A dotted quad right after
 * "version", "v" or "release" is a version number, not an address.
 */

import { boosted, contextPattern, hasContext } from './context.js';
import { ASCII_DIGIT, chars, type GatePattern, one, pattern, range, union, word } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const IPV6_CANDIDATE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|::?)(?:[0-9A-Fa-f]{0,4}:){0,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[\w.-]{1,32})?(?![\w:.%])/g;
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

export const IP_SCORE = 0.6;
export const URL_SCORE = 0.6;
export const WWW_SCORE = 0.5;

const IP_CONTEXT = contextPattern([
  'ip',
  'ips',
  'ipv4',
  'ipv6',
  'address*',
  'server*',
  'host*',
  'dirección*',
  'adresse*',
]);
const VERSION_BEFORE = contextPattern(['version*', 'v', 'release*', 'versión*', 'build*']);
const URL_CONTEXT = contextPattern([
  'url*',
  'link*',
  'website*',
  'site*',
  'web*',
  'visit*',
  'página*',
  'seite*',
]);

/** Whether `s` is an IPv6 address: eight groups, or fewer around one "::", with an optional IPv4 tail. */
export function isIpv6(s: string): boolean {
  if (s === '::') return true;
  let groups = 8;
  let body = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    if (!IPV4_EXACT.test(s.slice(lastColon + 1))) return false;
    body = `${s.slice(0, lastColon + 1)}0`;
    groups = 7;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const parts = halves.map((h) => (h === '' ? [] : h.split(':')));
  for (const p of parts) for (const g of p) if (!HEX_GROUP.test(g)) return false;
  const n = parts.reduce((a, p) => a + p.length, 0);
  return halves.length === 2 ? n < groups : n === groups;
}

export const ipRecognizer: Recognizer = {
  name: 'ip',
  entities: ['IP_ADDRESS'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (ctx.gates & GATE.IPV4_DOTS) {
      IPV4.lastIndex = 0;
      for (let m = IPV4.exec(text); m; m = IPV4.exec(text)) {
        if (hasContext(text, m.index, VERSION_BEFORE, 2)) continue;
        const score = boosted(IP_SCORE, hasContext(text, m.index, IP_CONTEXT, ctx.contextWords));
        out.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + m[0].length, text: m[0], score });
      }
    }
    if (!(ctx.gates & GATE.IPV6_COLONS)) return;
    IPV6_CANDIDATE.lastIndex = 0;
    for (let m = IPV6_CANDIDATE.exec(text); m; m = IPV6_CANDIDATE.exec(text)) {
      const s = m[0];
      // A zone index ("fe80::1%eth0") belongs to the address; the unspecified address "::" alone is
      // taken only after an IP word (it is also a C++ scope, a Haskell type annotation, …).
      const zone = s.indexOf('%');
      if (!isIpv6(zone >= 0 ? s.slice(0, zone) : s)) continue;
      if (s === '::' && !hasContext(text, m.index, IP_CONTEXT, ctx.contextWords)) continue;
      const score = boosted(IP_SCORE, hasContext(text, m.index, IP_CONTEXT, ctx.contextWords));
      out.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + s.length, text: s, score });
    }
  },
};

const URL_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`{}|\\^[\]]+/gi;
const TRAILING = /[.,;:!?'")\]*]$/;

/**
 * Top-level domains a bare domain ("example.com", "shop.example.co.uk/help") may end in: the common
 * generic ones and every country code ICU knows, less those that are also common file extensions
 * (setup.py, README.md, run.sh, main.rs, lib.so, …).
 */
const BARE_TLDS = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const set = new Set(
    'com org net edu gov info biz io co app dev ai me tv xyz online site shop store blog cloud tech news eu'.split(
      ' ',
    ),
  );
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        if (names.of(code) !== code) set.add(code.toLowerCase());
      } catch {
        // not a region code
      }
    }
  }
  for (const ext of 'py md sh rs pl cs cc mk ps so ls do it in is am as at be by to no us'.split(' '))
    set.delete(ext);
  return set;
})();
/** Country codes that are also words or extensions: a bare domain ending in one needs a path or a "www.". */
const WORDY_TLDS = new Set('it in is am as at be by to no us do'.split(' '));
const BARE_DOMAIN =
  /(?<![\w@./:%+-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}([a-z]{2,6})(?:\/[^\s<>"'`{}|\\^[\]]*)?(?![\w@-]|\.[a-z0-9])/gi;
export const BARE_DOMAIN_SCORE = 0.5;

export const urlRecognizer: Recognizer = {
  name: 'url',
  entities: ['URL'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    const trim = (s0: string) => {
      let s = s0;
      // Sentence punctuation after a link is not part of it; a ')' is, when the link opened one.
      while (TRAILING.test(s)) {
        if (s.endsWith(')') && (s.match(/\(/g)?.length ?? 0) >= (s.match(/\)/g)?.length ?? 0)) break;
        s = s.slice(0, -1);
      }
      return s;
    };
    if (ctx.gates & GATE.URL_START) {
      URL_RE.lastIndex = 0;
      for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
        const s = trim(m[0]);
        const www = /^www\./i.test(s);
        const host = (www ? s : s.slice(s.indexOf('://') + 3)).split(/[/?#:]/)[0] ?? '';
        if (!/\.[A-Za-z]{2,}$/.test(host) && !IPV4_EXACT.test(host) && !/^localhost$/i.test(host)) continue;
        const base = www ? WWW_SCORE : URL_SCORE;
        const score = boosted(base, hasContext(text, m.index, URL_CONTEXT, ctx.contextWords));
        out.push({ type: 'URL', start: m.index, end: m.index + s.length, text: s, score });
      }
    }
    if (!(ctx.gates & GATE.DOMAIN_DOT)) return;
    BARE_DOMAIN.lastIndex = 0;
    for (let m = BARE_DOMAIN.exec(text); m; m = BARE_DOMAIN.exec(text)) {
      const tld = m[1]!.toLowerCase();
      const s = trim(m[0]);
      const hasPath = s.includes('/');
      if (!BARE_TLDS.has(tld) && !(WORDY_TLDS.has(tld) && hasPath)) continue;
      // The TLD must be written in lower case ("Node.JS" is not a site), and a label must have a letter.
      if (m[1] !== tld || !/[a-z]/i.test(s.slice(0, s.indexOf('.')))) continue;
      const score = boosted(BARE_DOMAIN_SCORE, hasContext(text, m.index, URL_CONTEXT, ctx.contextWords));
      out.push({ type: 'URL', start: m.index, end: m.index + s.length, text: s, score });
    }
  },
};

const LETTER = union(range(0x41, 0x5a), range(0x61, 0x7a));
const digits = (n: number) => Array.from({ length: n }, () => one(ASCII_DIGIT));
const hexDigits = (n: number) =>
  Array.from({ length: n }, () => one(union(ASCII_DIGIT, chars('ABCDEFabcdef'))));

/** The gates before the full patterns (each the exact test it replaced). */
export const NETWORK_GATES: readonly GatePattern[] = [
  // A dotted digit group: \d\.\d{1,3}\.\d.
  ...[1, 2, 3].map((n) =>
    pattern(GATE.IPV4_DOTS, one(ASCII_DIGIT), word('.'), digits(n), word('.'), one(ASCII_DIGIT)),
  ),
  // Two colons with at most four hexadecimal digits between: :[0-9A-Fa-f]{0,4}:.
  ...[0, 1, 2, 3, 4].map((n) => pattern(GATE.IPV6_COLONS, word(':'), hexDigits(n), word(':'))),
  pattern(GATE.URL_START, word('://')),
  pattern(GATE.URL_START, word('www.', true)),
  // Before the bare-domain pattern: a letter or digit, a dot, two letters ([a-z0-9]\.[a-z]{2} under i).
  pattern(GATE.DOMAIN_DOT, one(union(LETTER, ASCII_DIGIT)), word('.'), one(LETTER), one(LETTER)),
];
