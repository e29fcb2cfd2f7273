/**
 * EMAIL_ADDRESS. Found from each '@' outwards (one indexOf per address instead of a regex attempt at
 * every word character): a local part of letters, digits and . _ % + -, a domain of LDH labels
 * with an alphabetic top-level domain. Score 1.0 when the TLD is a country code (any two letters) or a
 * common generic TLD (Presidio's validation step), else 0.4: "logo@2x.png" is a file name.
 */

import { boosted, contextPattern, hasContext } from './context.js';
import type { Entity, Recognizer, ScanContext } from './types.js';

const GENERIC_TLDS = new Set(
  `com org net edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs cat post xxx
  app dev io ai co me tv cc xyz online site tech store shop blog cloud email live life news media
  digital agency company business services solutions systems network world today email click link
  space website group team studio design art club social family money finance bank law legal health
  care fit academy school university education inc ltd llc gmbh berlin london paris nyc tokyo amsterdam
  wien koeln hamburg bayern barcelona madrid rio quebec scot wales eus gal cymru moscow istanbul africa
  google amazon apple microsoft page goog gmail yahoo mail icloud proton`.split(/\s+/),
);

/** The usual local-part characters; the rarer RFC 5322 ones (= / { } ' …) would swallow neighbouring text. */
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
/** Domain after the '@', sticky: labels of letters, digits and inner hyphens; an alphabetic TLD. */
const DOMAIN =
  /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([A-Za-z]{2,24})(?![A-Za-z0-9-]|\.[A-Za-z0-9])/y;
const CONTEXT = contextPattern([
  'email*',
  'e-mail*',
  'mail*',
  'correo*',
  'courriel*',
  'contact*',
  'write to',
]);

export const emailRecognizer: Recognizer = {
  name: 'email',
  entities: ['EMAIL_ADDRESS'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    let at = text.indexOf('@');
    while (at >= 0) {
      let s = at;
      while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
      // The local part may not start or end with a dot; a leading run of dots is not part of it.
      while (s < at && text[s] === '.') s++;
      DOMAIN.lastIndex = at + 1;
      const m = s < at && text[at - 1] !== '.' ? DOMAIN.exec(text) : null;
      if (m) {
        const end = DOMAIN.lastIndex;
        const tld = m[1]!.toLowerCase();
        const base = tld.length === 2 || GENERIC_TLDS.has(tld) ? 1 : 0.4;
        const score = boosted(base, base < 1 && hasContext(text, s, CONTEXT, ctx.contextWords));
        out.push({ type: 'EMAIL_ADDRESS', start: s, end, text: text.slice(s, end), score });
        at = text.indexOf('@', end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  },
};
