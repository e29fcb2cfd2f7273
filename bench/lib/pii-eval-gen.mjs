// Builds the labelled PII evaluation sets: sentences in eleven languages from the templates and values
// of pii-eval-locales.mjs, with every inserted value's span recorded. Two disjoint sets: `tune` and
// `held` (held-out) use different templates, different values, different countries and date styles
// and a different seed. Seeded, so the files are the same on every machine.
//
//   node bench/lib/pii-eval-gen.mjs            # writes bench/data/pii-eval-{tune,held}.jsonl.gz
//
// Span conventions (what the recognizers are scored against): PERSON is the name without a title or
// honorific ("Dr. Smith" → "Smith", "田中さん" → "田中"); LOCATION is a city, a country or a whole
// street address; DATE_TIME a date, DATE_OF_BIRTH a date of birth; phone numbers include an extension.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { EXTRAS, toDigits } from './pii-eval-extra.mjs';
import { COUNTRY_CODES, DATE_STYLES, LOCALES } from './pii-eval-locales.mjs';
import { rng } from './rng.mjs';

export const SETS = ['tune', 'held'];
export const LANGS = [...new Set([...Object.keys(LOCALES), ...Object.keys(EXTRAS)])];

function rand(seed) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  return { int, pick: (a) => a[int(a.length)], chance: (p) => r() < p };
}

function luhnDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Card prefixes and lengths per half, grouped as people write them. */
const CARDS = {
  tune: [
    ['4', 16],
    ['51', 16],
    ['37', 15],
    ['6011', 16],
    ['2131', 15],
  ],
  held: [
    ['4', 16],
    ['55', 16],
    ['34', 15],
    ['3528', 16],
    ['1800', 15],
    ['6759', 12],
  ],
};

function card(r, set) {
  const [prefix, len] = r.pick(CARDS[set]);
  let body = prefix;
  while (body.length < len - 1) body += String(r.int(10));
  const n = body + luhnDigit(body);
  const sep = r.pick(['', ' ', '-']);
  if (!sep) return n;
  const groups = len === 15 ? [4, 6, 5] : len === 12 ? [4, 4, 4] : [4, 4, 4, 4];
  const out = [];
  let i = 0;
  for (const g of groups) {
    out.push(n.slice(i, i + g));
    i += g;
  }
  return out.join(sep);
}

function ssn(r, set) {
  let area;
  do area = 1 + r.int(899);
  while (area === 666);
  const g = 1 + r.int(99);
  const s = 1 + r.int(9999);
  const p = [String(area).padStart(3, '0'), String(g).padStart(2, '0'), String(s).padStart(4, '0')];
  return p.join(r.pick(set === 'tune' ? ['-', ''] : ['-', ' ', '.']));
}

function phone(r, regions, lang, set) {
  for (let tries = 0; tries < 50; tries++) {
    const region = r.pick(regions);
    const ex = getExampleNumber(region, examples);
    const nsn = ex.nationalNumber;
    const keep = Math.max(2, nsn.length - 5);
    let digits = nsn.slice(0, keep);
    while (digits.length < nsn.length) digits += String(r.int(10));
    const p = parsePhoneNumberFromString(`+${ex.countryCallingCode}${digits}`);
    if (!p?.isValid()) continue;
    const style = r.int(3);
    let s = style === 0 ? p.formatInternational() : style === 1 ? p.formatNational() : p.number;
    if (lang === 'en' && r.chance(0.3)) {
      const ext = String(1 + r.int(9999));
      s =
        set === 'tune'
          ? `${s} ext. ${ext}`
          : `(${digits.slice(0, 3)})${digits.slice(3, 6)}-${digits.slice(6)}x${ext}`;
    }
    return s;
  }
  throw new Error(`no valid phone number for ${regions}`);
}

function date(r, lang, set, birth) {
  const y = birth ? 1940 + r.int(66) : 2015 + r.int(12);
  const d = new Date(Date.UTC(y, r.int(12), 1 + r.int(28)));
  if (r.chance(0.15)) return d.toISOString().slice(0, 10);
  const style = r.pick(DATE_STYLES[set]);
  return new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(d);
}

const ascii = (s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

function email(r, v, set) {
  const first = ascii(v.latinGiven) || r.pick(['user', 'info', 'kontakt', 'contact']);
  const last = ascii(v.latinFamily) || `${r.int(999)}`;
  const host = r.pick(
    set === 'tune'
      ? ['mail.com', 'example.org', 'web.de', 'free.fr']
      : ['posteo.net', 'example.com', 'outlook.es', 'libero.it'],
  );
  return `${first}${r.pick(['.', '_', ''])}${last}${r.chance(0.3) ? r.int(99) : ''}@${host}`;
}

function url(r, set) {
  const host = r.pick(
    set === 'tune'
      ? ['shop-example.com', 'blue-harbor.net', 'acme.io']
      : ['granitepeak.dev', 'riverbend-foods.org', 'summit.example.co.uk'],
  );
  return r.pick(
    set === 'tune'
      ? [`https://${host}/account`, `https://www.${host}`]
      : [`https://${host}/help?id=${r.int(999)}`, `www.${host}/contact`],
  );
}

function ip(r, set) {
  if (set === 'held' && r.chance(0.4))
    return `fe80::${r.int(65535).toString(16)}:${r.int(65535).toString(16)}%eth0`;
  return `${10 + r.int(200)}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
}

/** Latin transliteration for e-mail local parts, so that non-Latin names still give plausible addresses. */
const LATIN = {
  ja: ['sato', 'tanaka'],
  zh: ['wang', 'li'],
  ar: ['ahmed', 'hassan'],
  hi: ['rahul', 'sharma'],
};

/** One sentence with its spans. */
function fill(template, L, lang, set, r, countryNames) {
  const given = r.pick(L.given[set]);
  const family = r.pick(L.family[set]);
  const sep = L.familyFirst ? L.nameSep[set] : ' ';
  const name = L.familyFirst ? `${family}${sep}${given}` : `${given} ${family}`;
  const city = r.pick(L.cities[set]);
  const v = {
    street: r.pick(L.streets[set]),
    city,
    latinGiven: LATIN[lang]?.[0] ?? given,
    latinFamily: LATIN[lang]?.[1] ?? family,
  };
  const values = {
    NAME: ['PERSON', () => name],
    GIVEN: ['PERSON', () => given],
    FAMILY: ['PERSON', () => family],
    TITLE: [null, () => r.pick(L.titles?.[set] ?? [''])],
    HONORIFIC: [null, () => r.pick(L.honorifics?.[set] ?? [''])],
    CITY: ['LOCATION', () => city],
    REGION: ['LOCATION', () => r.pick(L.provinces[set])],
    COUNTRY: ['LOCATION', () => r.pick(countryNames)],
    ADDR: ['LOCATION', () => L.address(r, v)],
    DATE: ['DATE_TIME', () => date(r, lang, set, false)],
    DOB: ['DATE_OF_BIRTH', () => date(r, lang, set, true)],
    PHONE: ['PHONE_NUMBER', () => phone(r, L.regions, lang, set)],
    EMAIL: ['EMAIL_ADDRESS', () => email(r, v, set)],
    URL: ['URL', () => url(r, set)],
    IP: ['IP_ADDRESS', () => ip(r, set)],
    CARD: ['CREDIT_CARD', () => card(r, set)],
    SSN: ['US_SSN', () => ssn(r, set)],
    ORG: [null, () => r.pick(L.orgs[set])],
  };
  let text = '';
  const spans = [];
  let last = 0;
  for (const m of template.matchAll(/\{([A-Z]+)\}/g)) {
    text += template.slice(last, m.index);
    const [type, make] = values[m[1]];
    const value = make();
    if (type) spans.push({ type, start: text.length, end: text.length + value.length, text: value });
    text += value;
    last = m.index + m[0].length;
  }
  text += template.slice(last);
  return { text, spans };
}

/** The records of one set: `perTemplate` sentences from each template of each language. */
export function generate(set, perTemplate = 30) {
  const r = rand(set === 'tune' ? 1001 : 2002);
  const out = [];
  const countries = (lang) => {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    return COUNTRY_CODES[set].map((c) => names.of(c));
  };
  for (const lang of Object.keys(LOCALES)) {
    const L = LOCALES[lang];
    const countryNames = countries(lang);
    for (const [t, template] of L.templates[set].entries()) {
      for (let i = 0; i < perTemplate; i++) {
        const { text, spans } = fill(template, L, lang, set, r, countryNames);
        out.push({ id: `${set}-${lang}-${t}-${i}`, lang, text, spans });
      }
    }
  }
  // The further sentences (pii-eval-extra.mjs) come after all others: the same seed gives the sentences
  // above unchanged.
  for (const [lang, X] of Object.entries(EXTRAS)) {
    const L = { ...LOCALES[lang], ...X };
    const countryNames = countries(lang);
    for (const [t, template] of X.templates[set].entries()) {
      const system = X.digits?.[set]?.[t];
      for (let i = 0; i < perTemplate; i++) {
        const filled = fill(template, L, lang, set, r, countryNames);
        let { text, spans } = filled;
        if (system) {
          text = toDigits(text, system);
          spans = spans.map((s) => ({ ...s, text: toDigits(s.text, system) }));
        }
        out.push({ id: `${set}-${lang}-x${t}-${i}`, lang, text, spans });
      }
    }
  }
  return out;
}

export const evalFile = (set) => fileURLToPath(new URL(`../data/pii-eval-${set}.jsonl.gz`, import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const set of SETS) {
    const records = generate(set);
    const body = `${records.map((x) => JSON.stringify(x)).join('\n')}\n`;
    writeFileSync(evalFile(set), gzipSync(body, { level: 9 }));
    const spans = records.reduce((a, x) => a + x.spans.length, 0);
    console.log(`${set}: ${records.length} sentences, ${spans} spans → ${evalFile(set)}`);
  }
}
