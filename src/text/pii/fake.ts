/**
 * Consistent fake values. The fake for a value is drawn from a stream of HMAC-SHA256(salt, type +
 * value) bytes, so the same value gets the same fake on every call, in every record and on every run
 * with the same salt, and nobody without the salt can recompute the mapping. A FakeMap caches fakes
 * and avoids giving two real values the same fake.
 *
 * Fakes are syntactically valid and keep the original's layout (separators, length, prefix): cards
 * keep their issuer digits and pass Luhn; IBANs keep their country and pass mod 97; phone numbers keep
 * their country code and first national digit and are valid numbers; NHS, SIN, Aadhaar, Steuer-IdNr,
 * NIF and NIE fakes pass their checks; emails use example.com/.org/.net (RFC 2606); IPs use the
 * documentation ranges (RFC 5737, RFC 3849); keys keep their vendor prefix.
 */

import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  deTaxIdDigitsOk,
  ibanCheckDigits,
  luhnCheckDigit,
  mod11_10CheckDigit,
  nhsCheckDigit,
  nifLetter,
  verhoeffCheckDigit,
} from './checksums.js';
import { CITIES, STREETS, SUFFIXES, SURNAMES } from './data/fake-names.js';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from './data/first-names.js';
import { HmacStream } from './hmac-stream.js';
import type { EntityType } from './types.js';

let givenNames: string[] | undefined;
function given(): string[] {
  givenNames ??= [...FIRST_NAMES]
    .filter((n) => !AMBIGUOUS_FIRST_NAMES.has(n) && /^[a-z]{3,}$/.test(n))
    .sort();
  return givenNames;
}
const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net'];
const hex = (n: number) => n.toString(16);
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Each digit, letter of `s` after `keep` characters replaced by a random one of its kind; the rest kept. */
function scramble(s: string, rng: HmacStream, keep = 0): string {
  let out = s.slice(0, keep);
  for (let i = keep; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') out += rng.digit();
    else if (c >= 'a' && c <= 'z') out += String.fromCharCode(97 + rng.int(26));
    else if (c >= 'A' && c <= 'Z') out += String.fromCharCode(65 + rng.int(26));
    else out += c;
  }
  return out;
}

/** `digits` poured into the layout of `template`: its digit positions in order, other characters kept. */
function layout(template: string, digits: string): string {
  let k = 0;
  return template.replace(/\d/g, () => digits[k++] ?? '0');
}

function fakePhone(value: string, rng: HmacStream, region: string): string {
  const intl = /^\s*(?:\+|00)/.test(value);
  const parsed = parsePhoneNumberFromString(
    intl ? value.replace(/^\s*00/, '+') : value,
    region as CountryCode,
  );
  const all = value.replace(/\D/g, '');
  const cc =
    intl && parsed ? parsed.countryCallingCode.length + (value.trimStart().startsWith('00') ? 2 : 0) : 0;
  const national = parsed?.nationalNumber ?? all;
  // Kept: the country code, a trunk prefix (the 0 of 020 …) and the first national digit.
  const keep = cc + Math.max(1, all.length - cc - national.length + 1);
  for (let attempt = 0; attempt < 60; attempt++) {
    const candidate = layout(value, all.slice(0, keep) + rng.digits(all.length - keep));
    const p = parsePhoneNumberFromString(
      intl ? candidate.replace(/^\s*00/, '+') : candidate,
      region as CountryCode,
    );
    if (candidate !== value && p?.isValid()) return candidate;
  }
  return layout(value, all.slice(0, keep) + rng.digits(all.length - keep));
}

function fakeCard(value: string, rng: HmacStream): string {
  const all = value.replace(/\D/g, '');
  const body = all.slice(0, 2) + rng.digits(all.length - 3);
  return layout(value, body + luhnCheckDigit(body));
}

function fakeIban(value: string, rng: HmacStream): string {
  const compact = value.replace(/[ -]/g, '');
  const country = compact.slice(0, 2);
  const bban = scramble(compact.slice(4), rng);
  const fake = country + ibanCheckDigits(country, bban) + bban;
  let k = 0;
  return value.replace(/[A-Z0-9]/g, () => fake[k++]!);
}

function fakeDeTaxId(rng: HmacStream): string {
  for (;;) {
    const pool = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    for (let i = 9; i > 0; i--) {
      const j = rng.int(i + 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const ten = [...pool.slice(0, 9), pool[rng.int(9)]!];
    for (let i = 9; i > 0; i--) {
      const j = rng.int(i + 1);
      [ten[i], ten[j]] = [ten[j]!, ten[i]!];
    }
    const body = ten.join('');
    if (body[0] !== '0' && deTaxIdDigitsOk(body)) return body + mod11_10CheckDigit(body);
  }
}

function fakeDate(value: string, rng: HmacStream): string {
  return value.replace(/\d+/g, (d) => {
    if (d.length === 4) return String(1940 + rng.int(66));
    const n = d.length === 2 && Number(d) > 31 ? 40 + rng.int(60) : 1 + rng.int(12);
    return String(n).padStart(d.length, '0');
  });
}

/** The vendor part of a key, kept in its fake. */
const KEY_PREFIX =
  /^(?:sk-ant-(?:api|admin)\d\d-|sk-ant-|sk-(?:proj|svcacct|admin)-|sk-|AKIA|ASIA|gh[pousr]_|github_pat_|xox[baprs]-|AIza|[sr]k_live_|eyJ)/;

/** A fake of the same type and shape as `value`; `region` reads phone numbers without a country code. */
export function fakeValue(type: EntityType, value: string, rng: HmacStream, region = 'US'): string {
  switch (type) {
    case 'EMAIL_ADDRESS':
      return `${rng.pick(given())}.${rng.pick(SURNAMES).toLowerCase()}${rng.int(100)}@${rng.pick(EXAMPLE_DOMAINS)}`;
    case 'PHONE_NUMBER':
      return fakePhone(value, rng, region);
    case 'CREDIT_CARD':
      return fakeCard(value, rng);
    case 'IBAN_CODE':
      return fakeIban(value, rng);
    case 'IP_ADDRESS':
      if (!value.includes(':'))
        return `${rng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${1 + rng.int(254)}`;
      return `2001:db8:${hex(rng.int(65536))}:${hex(rng.int(65536))}::${hex(1 + rng.int(65535))}`;
    case 'URL': {
      const scheme = /^www\./i.test(value) ? 'www.' : /^http:/i.test(value) ? 'http://' : 'https://';
      return `${scheme}example.com/${scramble('aaaaaaaa', rng)}`;
    }
    case 'US_SSN': {
      let area = 1 + rng.int(898);
      if (area === 666) area = 667;
      const digits =
        String(area).padStart(3, '0') +
        String(1 + rng.int(99)).padStart(2, '0') +
        String(1 + rng.int(9999)).padStart(4, '0');
      return layout(value, digits);
    }
    case 'UK_NHS': {
      for (;;) {
        const body = rng.digit(1) + rng.digits(8);
        const check = nhsCheckDigit(body);
        if (check !== 10) return layout(value, body + check);
      }
    }
    case 'CA_SIN': {
      const body = rng.pick(['1', '2', '3', '4', '5', '6', '7', '9']) + rng.digits(7);
      return layout(value, body + luhnCheckDigit(body));
    }
    case 'IN_AADHAAR': {
      const body = rng.digit(2) + rng.digits(10);
      return layout(value, body + verhoeffCheckDigit(body));
    }
    case 'DE_TAX_ID':
      return layout(value, fakeDeTaxId(rng));
    case 'ES_NIF': {
      const n = rng.digits(8);
      return layout(value.slice(0, -1), n) + nifLetter(n);
    }
    case 'ES_NIE': {
      const n = rng.digits(7);
      return value[0] + layout(value.slice(1, -1), n) + nifLetter('XYZ'.indexOf(value[0]!) + n);
    }
    case 'DATE_TIME':
    case 'DATE_OF_BIRTH':
      return fakeDate(value, rng);
    case 'API_KEY': {
      if (value.startsWith('eyJ')) {
        // A JWT: keep the dots and the "eyJ" that starts its header and payload.
        return value
          .split('.')
          .map((part, i) => (i < 2 ? scramble(part, rng, 3) : scramble(part, rng)))
          .join('.');
      }
      return scramble(value, rng, KEY_PREFIX.exec(value)?.[0].length ?? 0);
    }
    case 'SECRET': {
      const pem = /^(-----BEGIN [^-]+-----)([\s\S]*?)(-----END [^-]+-----)$/.exec(value);
      return pem ? pem[1] + scramble(pem[2]!, rng) + pem[3] : scramble(value, rng);
    }
    case 'LOCATION': {
      const street = `${1 + rng.int(9899)} ${rng.pick(STREETS)} ${rng.pick(SUFFIXES)}`;
      if (!/\b\d{5}(?:-\d{4})?$/.test(value)) return street;
      const [city, state, zip] = rng.pick(CITIES);
      return `${street}, ${city}, ${state} ${zip}${rng.digits(2)}`;
    }
    case 'PERSON': {
      if (/\s/.test(value.trim())) return `${cap(rng.pick(given()))} ${rng.pick(SURNAMES)}`;
      // One word: a given name stays a given name ("Hi Tom"), anything else is a surname ("Dr. Smith").
      const k = value
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
      return FIRST_NAMES.has(k) ? cap(rng.pick(given())) : rng.pick(SURNAMES);
    }
  }
}

/**
 * Real value → fake value, per type, for a whole dataset: keep one FakeMap across records so that a
 * person or an email address gets the same fake everywhere. Memory grows with the distinct values seen.
 */
export class FakeMap {
  private readonly fakes = new Map<string, string>();
  private readonly used = new Set<string>();
  constructor(
    readonly salt: string,
    readonly region = 'US',
  ) {
    if (!salt) throw new TypeError('FakeMap needs a salt: without one anybody can recompute the mapping');
  }

  get(type: EntityType, value: string): string {
    const k = `${type}\u0000${value}`;
    const known = this.fakes.get(k);
    if (known !== undefined) return known;
    let fake = value;
    for (let attempt = 0; attempt < 20; attempt++) {
      fake = fakeValue(type, value, new HmacStream(this.salt, `${k}\u0000${attempt}`), this.region);
      if (fake !== value && !this.used.has(`${type}\u0000${fake}`)) break;
    }
    this.fakes.set(k, fake);
    this.used.add(`${type}\u0000${fake}`);
    return fake;
  }

  get size(): number {
    return this.fakes.size;
  }
}
