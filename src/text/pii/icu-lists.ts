/**
 * The names the PII recognizers take from ICU's CLDR data (the copy Node ships): month and weekday
 * names as written inside a date, and country names, in the languages listed below. Reading them from
 * ICU at every start cost ~0.1 s (thousands of Intl calls), so `scripts/build-pii-icu-names.mjs` runs
 * these functions once and writes data/icu-names.ts, which the recognizers read; a test checks the
 * shipped lists against the running Node's ICU.
 */

/** Languages whose month and weekday names are read (ICU's own spellings, long and short). */
export const DATE_LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'nb',
  'pl',
  'cs',
  'ro',
  'tr',
  'id',
  'ru',
  'uk',
  'el',
  'ar',
  'fa',
  'hi',
] as const;

/** Languages whose country names are read. */
export const PLACE_LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'ja',
  'zh',
  'ar',
  'hi',
  'ko',
  'ru',
  'tr',
  'pl',
  'sv',
] as const;

/**
 * Month names as written inside a date (so Polish "marca", Russian "марта"), lowercased, a final
 * abbreviation dot dropped; and weekday names of three letters or more. In first-seen order.
 */
export function icuDateNames(): { months: string[]; weekdays: string[] } {
  const months = new Set<string>();
  const weekdays = new Set<string>();
  for (const locale of DATE_LOCALES) {
    for (const style of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: style,
        year: 'numeric',
        timeZone: 'UTC',
      });
      const w = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) {
        const part = f.formatToParts(new Date(Date.UTC(2021, m, 3))).find((p) => p.type === 'month');
        if (part && !/\d/.test(part.value)) months.add(part.value.toLowerCase().replace(/[.॰]$/, ''));
      }
      for (let d = 0; d < 7; d++) {
        const day = w.format(new Date(Date.UTC(2021, 2, 1 + d))).toLowerCase();
        if (day.replace(/\.$/, '').length >= 3) weekdays.add(day.replace(/\.$/, ''));
      }
    }
  }
  return { months: [...months], weekdays: [...weekdays] };
}

/**
 * Country names in PLACE_LOCALES, locale by locale, in the order of their region codes: every
 * two-letter code ICU names (about 250 of the 676), without ICU's pseudo-regions (EU, UN, "Outlying
 * Oceania", XA…) and without names in brackets ("Congo (DRC)" is not written so in running text).
 */
export function icuCountryNames(): string[] {
  const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (/^(?:EU|EZ|UN|Q[M-Z]|X[A-Z]|ZZ|AA)$/.test(code)) continue;
      try {
        if (en.of(code)) codes.push(code);
      } catch {
        // not a region code
      }
    }
  }
  const out: string[] = [];
  for (const locale of PLACE_LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const name = names.of(code);
      if (name && name !== code && !/[()]/.test(name)) out.push(name);
    }
  }
  return out;
}
