import { describe, expect, it } from 'vitest';
import {
  deTaxIdValid,
  ibanValid,
  luhnValid,
  mod11_10CheckDigit,
  nhsValid,
  nifLetter,
  shannonEntropy,
  verhoeffCheckDigit,
  verhoeffValid,
} from '../../src/text/pii/checksums.js';
import { contextPattern, wordsBefore } from '../../src/text/pii/context.js';
import { analyze, type Entity, type EntityType } from '../../src/text/pii/index.js';
import { isIpv6 } from '../../src/text/pii/network.js';

/** Every entity of one type at any score (no other type competes for the span). */
const only = (type: EntityType, text: string, options = {}) =>
  analyze(text, { minScore: 0, entities: [type], ...options });
const one = (type: EntityType, text: string, options = {}): Entity => {
  const found = only(type, text, options);
  expect(found, `${type} in ${JSON.stringify(text)}`).toHaveLength(1);
  return found[0]!;
};

describe('checksums', () => {
  it('Luhn accepts issuer test numbers and rejects one changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('IBAN mod 97 (ISO 13616)', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('FR1420041010050500013M02606')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
  });

  it('NHS mod 11, including the never-issued check value 10', () => {
    expect(nhsValid('9434765919')).toBe(true);
    expect(nhsValid('9434765918')).toBe(false);
    // weights 10..2 over 000000001 → sum 2 → 11 − 2 = 9; over 000000010 → 3 → 8
    expect(nhsValid('0000000019')).toBe(true);
    expect(nhsValid('0000000108')).toBe(true);
    // 000000006: sum 12 → 11 − 1 = 10, which no NHS number has
    for (let d = 0; d < 10; d++) expect(nhsValid(`000000006${d}`)).toBe(false);
  });

  it('Verhoeff: the published example 236 → check digit 3', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
    // Verhoeff catches adjacent transpositions, which Luhn misses for 09/90
    expect(verhoeffValid('2633')).toBe(false);
  });

  it('Steuer-IdNr: ISO 7064 MOD 11,10 and the digit-repetition rule', () => {
    expect(deTaxIdValid('86095742719')).toBe(true);
    expect(mod11_10CheckDigit('8609574271')).toBe(9);
    expect(deTaxIdValid('86095742718')).toBe(false); // check digit
    expect(deTaxIdValid('11223456785')).toBe(false); // two repeated digits (check digit right)
    expect(deTaxIdValid('11123456786')).toBe(false); // three adjacent (check digit right)
    expect(deTaxIdValid('01234567891')).toBe(false); // leading zero
  });

  it('NIF letter is number mod 23 in TRWAGMYFPDXBNJZSQVHLCKE', () => {
    expect(nifLetter('12345678')).toBe('Z');
    expect(nifLetter('00000000')).toBe('T');
    expect(nifLetter('00000022')).toBe('E');
  });

  it('Shannon entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcdefgh')).toBe(3);
  });
});

describe('context', () => {
  it('wordsBefore returns exactly N words before a position, lowercased', () => {
    const t = 'One two three four five six seven';
    expect(wordsBefore(t, t.indexOf('seven'), 2)).toBe(' five six ');
    expect(wordsBefore(t, t.indexOf('seven'), 0)).toBe('');
    expect(wordsBefore('Phone: 1', 7, 5)).toBe('phone: ');
  });

  it('contextPattern matches whole words, prefixes with *, and unspaced scripts anywhere', () => {
    const re = contextPattern(['tel', 'phone*', '電話']);
    expect(re.test('tel: ')).toBe(true);
    expect(re.test('hotel ')).toBe(false);
    expect(re.test('telling ')).toBe(false);
    expect(re.test('phones ')).toBe(true);
    expect(re.test('smartphone ')).toBe(false);
    expect(re.test('お電話')).toBe(true);
  });
});

describe('EMAIL_ADDRESS', () => {
  it('scores 1.0 with a country or common TLD, 0.4 otherwise', () => {
    expect(one('EMAIL_ADDRESS', 'write to ana@example.com').score).toBe(1);
    expect(one('EMAIL_ADDRESS', 'write ana@example.de').score).toBe(1);
    expect(one('EMAIL_ADDRESS', 'asset logo@2x.png').score).toBe(0.4);
    expect(analyze('asset logo@2x.png')).toEqual([]);
  });

  it('trims leading dots and stops at characters that are not in addresses', () => {
    const e = one('EMAIL_ADDRESS', '...jo.ann@mail.example.org>');
    expect(e.text).toBe('jo.ann@mail.example.org');
    expect(only('EMAIL_ADDRESS', 'a.@example.com')).toEqual([]);
    expect(only('EMAIL_ADDRESS', 'user@-bad.com')).toEqual([]);
  });
});

describe('PHONE_NUMBER', () => {
  it('scores international 0.7, national formatted 0.6, bare 0.4, plus 0.35 for a phone word', () => {
    expect(one('PHONE_NUMBER', 'x +44 20 7946 0958').score).toBe(0.7);
    expect(one('PHONE_NUMBER', 'x (415) 555-2671').score).toBe(0.6);
    expect(one('PHONE_NUMBER', 'x 4155552671').score).toBe(0.4);
    expect(one('PHONE_NUMBER', 'call (415) 555-2671').score).toBe(0.95);
    expect(one('PHONE_NUMBER', 'call 4155552671').score).toBe(0.75);
  });

  it('reads national numbers in the configured region first', () => {
    // Abroad, written exactly as Germany writes it: 0.5 without a phone word.
    expect(analyze('Zentrale 089 12345678').map((e) => [e.text, e.score])).toEqual([['089 12345678', 0.5]]);
    expect(analyze('Zentrale 089-12345678')).toEqual([]);
    const de = analyze('Zentrale 089 12345678', { region: 'DE' });
    expect(de.map((e) => [e.type, e.text, e.score])).toEqual([['PHONE_NUMBER', '089 12345678', 0.6]]);
  });

  it('accepts other regions with context or in their own format, and not at all with phoneRegions: []', () => {
    expect(one('PHONE_NUMBER', 'Telefon: 030-901820').score).toBe(0.75);
    expect(one('PHONE_NUMBER', 'x 030-901820').score).toBe(0.4);
    expect(one('PHONE_NUMBER', 'Telefon: 030 901820').score).toBe(0.85);
    expect(one('PHONE_NUMBER', 'x 030 901820').score).toBe(0.5);
    expect(only('PHONE_NUMBER', 'Telefon: 030 901820', { phoneRegions: [] })).toEqual([]);
  });

  it('rejects numbers that no numbering plan allows', () => {
    expect(only('PHONE_NUMBER', 'call +1 (555) 010-0123')).toEqual([]); // 555-01xx is fictional
    expect(only('PHONE_NUMBER', 'call (000) 000-0000')).toEqual([]);
    expect(only('PHONE_NUMBER', 'call +44 20 1234')).toEqual([]); // too short for London
    // A leading country code is kept: "555 0100 123" alone would be valid somewhere abroad.
    expect(only('PHONE_NUMBER', 'call +1 555 0100 123')).toEqual([]);
  });

  it('does not take dates, IPs, SSN shapes or amounts for phone numbers', () => {
    for (const t of [
      'call 2024-03-12',
      'call 12.03.2024.',
      'call 192.168.100.200',
      'call 536-90-4399',
      'call 1.234.567',
    ]) {
      expect(only('PHONE_NUMBER', t), t).toEqual([]);
    }
  });
});

describe('CREDIT_CARD', () => {
  it('is 1.0 when Luhn passes and absent when it fails, at any threshold', () => {
    expect(one('CREDIT_CARD', 'card 4111-1111-1111-1111').score).toBe(1);
    expect(only('CREDIT_CARD', 'card 4111-1111-1111-1112')).toEqual([]);
  });

  it('needs a known issuer prefix and 13–19 digits', () => {
    expect(luhnValid('1234567890123452')).toBe(true);
    expect(only('CREDIT_CARD', 'n 1234567890123452')).toEqual([]);
    expect(luhnValid('411111111117')).toBe(true); // 12 digits
    expect(only('CREDIT_CARD', 'n 411111111117')).toEqual([]);
    expect(luhnValid('41111111111111111115')).toBe(true); // 20 digits
    expect(only('CREDIT_CARD', 'n 41111111111111111115')).toEqual([]);
  });
});

describe('IBAN_CODE', () => {
  it('takes exactly the country length, so a following word is not swallowed', () => {
    const e = one('IBAN_CODE', 'to DE89 3704 0044 0532 0130 00 AND NOW');
    expect(e.text).toBe('DE89 3704 0044 0532 0130 00');
    expect(e.score).toBe(1);
  });

  it('rejects a bad check, a wrong length and an unknown country', () => {
    expect(only('IBAN_CODE', 'DE88370400440532013000')).toEqual([]);
    expect(only('IBAN_CODE', 'DE8937040044053201300')).toEqual([]);
    expect(only('IBAN_CODE', 'DE893704004405320130001')).toEqual([]);
    expect(only('IBAN_CODE', 'QQ89370400440532013000')).toEqual([]);
  });
});

describe('IP_ADDRESS and URL', () => {
  it('validates IPv6 forms', () => {
    for (const s of [
      '::1',
      '2001:db8::1',
      'fe80::1ff:fe23:4567:890a',
      '1:2:3:4:5:6:7:8',
      '::ffff:10.0.0.1',
      '::',
    ]) {
      expect(isIpv6(s), s).toBe(true);
    }
    for (const s of ['1:2:3:4:5:6:7', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8:9', '::ffff:999.0.0.1']) {
      expect(isIpv6(s), s).toBe(false);
    }
  });

  it('scores an IP 0.6, boosted by "server" and dropped after "version"', () => {
    expect(one('IP_ADDRESS', 'x 10.0.0.1').score).toBe(0.6);
    expect(one('IP_ADDRESS', 'server 10.0.0.1').score).toBe(0.95);
    expect(only('IP_ADDRESS', 'version 10.0.0.1')).toEqual([]);
  });

  it('a URL holding an IP wins over the IP: same score, longer span', () => {
    expect(analyze('open http://10.0.0.1/admin now').map((e) => [e.type, e.text])).toEqual([
      ['URL', 'http://10.0.0.1/admin'],
    ]);
  });

  it('scores URLs with a scheme 0.6 and www. ones 0.5', () => {
    expect(one('URL', 'x https://example.com/a').score).toBe(0.6);
    expect(one('URL', 'x www.example.com').score).toBe(0.5);
    expect(one('URL', 'visit www.example.com').score).toBe(0.85);
  });
});

describe('US_SSN', () => {
  it('scores by format and context, with no checksum', () => {
    expect(one('US_SSN', 'id 536-90-4399').score).toBe(0.5);
    expect(one('US_SSN', 'id 536 90 4399').score).toBe(0.4);
    expect(one('US_SSN', 'id 536904399').score).toBe(0.3);
    expect(one('US_SSN', 'SSN 536-90-4399').score).toBe(0.85);
    expect(one('US_SSN', 'SSN 536904399').score).toBe(0.65);
  });

  it('drops numbers the SSA never issues', () => {
    for (const s of [
      '000-12-3456',
      '666-12-3456',
      '900-12-3456',
      '999-12-3456',
      '123-00-4567',
      '123-45-0000',
      '078-05-1120',
      '111-11-1111',
    ]) {
      expect(only('US_SSN', `SSN ${s}`), s).toEqual([]);
    }
    expect(only('US_SSN', 'SSN 899-12-3456')).toHaveLength(1);
  });
});

describe('ids with weak checksums need their context word for 1.0', () => {
  it.each([
    ['UK_NHS', '943 476 5919', 'NHS number'],
    ['CA_SIN', '473 873 891', 'SIN'],
    ['IN_AADHAAR', '527160175537', 'Aadhaar'],
    ['DE_TAX_ID', '86095742719', 'Steuer-ID'],
  ] as const)('%s %s', (type, value, label) => {
    expect(one(type, `ref ${value} ok`).score).toBe(0.4);
    expect(analyze(`ref ${value} ok`).filter((e) => e.type === type)).toEqual([]);
    expect(one(type, `${label}: ${value} ok`).score).toBe(1);
  });

  it('distinctive groupings score 1.0 without context', () => {
    expect(one('IN_AADHAAR', 'ref 2345 6789 0124').score).toBe(1);
    expect(one('DE_TAX_ID', 'ref 86 095 742 719').score).toBe(1);
  });

  it('a failed check is no match at all, even at threshold 0', () => {
    expect(only('UK_NHS', 'NHS 943 476 5918')).toEqual([]);
    expect(only('CA_SIN', 'SIN 473 873 892')).toEqual([]);
    expect(only('IN_AADHAAR', 'Aadhaar 2345 6789 0125')).toEqual([]);
    expect(only('DE_TAX_ID', 'Steuer-ID 86095742718')).toEqual([]);
    expect(only('ES_NIF', 'DNI 12345678A')).toEqual([]);
    expect(only('ES_NIE', 'NIE X1234567A')).toEqual([]);
  });

  it('NIF and NIE score 1.0 on their control letter', () => {
    expect(one('ES_NIF', 'x 12345678-Z').score).toBe(1);
    expect(one('ES_NIE', 'x Z-4725038-S').score).toBe(1);
  });
});

describe('DATE_TIME and DATE_OF_BIRTH', () => {
  it('is a date of birth with a birth word at most N words before the date, else a date', () => {
    expect(one('DATE_OF_BIRTH', 'born on 1 May 1990').score).toBe(0.95);
    expect(one('DATE_TIME', 'on 1 May 1990').score).toBe(0.6);
    expect(only('DATE_OF_BIRTH', 'on 1 May 1990')).toEqual([]);
    expect(only('DATE_OF_BIRTH', 'born, as the records of the parish say, on 1 May 1990')).toEqual([]);
    expect(one('DATE_OF_BIRTH', 'born, as the records say, on 1 May 1990', { contextWords: 6 }).text).toBe(
      '1 May 1990',
    );
  });

  it('reads a birth word after the date in the same sentence only', () => {
    expect(one('DATE_OF_BIRTH', 'Ich bin am 4. Dezember 2001 in Köln geboren.').text).toBe(
      '4. Dezember 2001',
    );
    expect(one('DATE_TIME', 'Am 4. Dezember 2001 kam das Paket. Wo bist du geboren?').text).toBe(
      '4. Dezember 2001',
    );
  });

  it('rejects impossible numeric dates and version-like numbers', () => {
    expect(only('DATE_OF_BIRTH', 'DOB 31/31/1990')).toEqual([]);
    expect(only('DATE_TIME', 'DOB 31/31/1990')).toEqual([]);
    expect(one('DATE_OF_BIRTH', 'DOB 12/31/1990').text).toBe('12/31/1990');
    expect(only('DATE_TIME', 'version 1.2.21 and 10.0.0.1')).toEqual([]);
    expect(one('DATE_TIME', 'am 03.03.21').score).toBe(0.5);
  });

  it('reads month names in the languages ICU spells them in, with a weekday', () => {
    for (const [text, date] of [
      ['Wednesday, March 3, 2021', 'Wednesday, March 3, 2021'],
      ['le mercredi 3 mars 2021', 'mercredi 3 mars 2021'],
      ['op 3 mrt 2021', '3 mrt 2021'],
      ['dnia 3 marca 2021', '3 marca 2021'],
      ['2021年3月3日水曜日に', '2021年3月3日水曜日'],
      ['2021年3月3日星期三', '2021年3月3日星期三'],
    ]) {
      expect(one('DATE_TIME', text!).text, text).toBe(date);
    }
  });
});

describe('API_KEY and SECRET', () => {
  const aws = ['AKIA', 'Z3XQ4PB7M2LNC5HD'].join('');
  it('finds vendor keys by prefix and scores a JWT with a JSON header 1.0', () => {
    expect(one('API_KEY', `id ${aws} ok`).score).toBe(0.95);
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const payload = Buffer.from('{"sub":"1"}').toString('base64url');
    expect(one('API_KEY', `t ${header}.${payload}.abcdefghijklmnopqrstuv`).score).toBe(1);
    const fakeHeader = Buffer.from('{"typ":"none","x":1}').toString('base64url');
    expect(fakeHeader.startsWith('eyJ')).toBe(true);
    expect(one('API_KEY', `t ${fakeHeader}.${payload}.abcdefghijklmnopqrstuv`).score).toBe(0.9);
  });

  it('needs a keyword before a high-entropy token, and the keyword must start a word part', () => {
    const token = 'q8Zr2VxN5kLp0TfW7yHc';
    expect(one('SECRET', `password: ${token}`).score).toBe(0.75);
    expect(one('SECRET', `dbPassword=${token}`).text).toBe(token);
    expect(only('SECRET', `monkey ${token}`)).toEqual([]);
    expect(only('SECRET', `MONKEY ${token}`)).toEqual([]);
    expect(only('SECRET', `note ${token}`)).toEqual([]);
  });
});

describe('LOCATION', () => {
  it('scores a street 0.5, with a unit 0.6, with state and ZIP 0.85, plus context', () => {
    expect(one('LOCATION', 'x 12 Oak Street y').score).toBe(0.5);
    expect(one('LOCATION', 'x 12 Oak Street Apt 4B').score).toBe(0.6);
    expect(one('LOCATION', 'x 12 Oak Street, Austin, TX 78701').score).toBe(0.85);
    expect(one('LOCATION', 'I live at 12 Oak Street y').score).toBe(0.85);
  });
});

describe('PERSON', () => {
  it('given name + surname 0.6, ambiguous given name 0.4, title 0.7, context +0.35', () => {
    expect(one('PERSON', 'then Maria Garcia left').score).toBe(0.6);
    expect(one('PERSON', 'then Grace Garcia left').score).toBe(0.4);
    expect(one('PERSON', 'then Dr. Garcia left').score).toBe(0.7);
    expect(one('PERSON', 'Hi Grace Garcia').score).toBe(0.75);
    expect(one('PERSON', 'my name is Grace Garcia').score).toBe(0.95);
  });

  it('does not take a capitalised word after a given name when it is a known non-name', () => {
    expect(only('PERSON', 'at Maria Hospital Street')).toEqual([]);
    expect(only('PERSON', 'near Victoria Station')).toEqual([]);
    expect(one('PERSON', 'near Victoria Beckham').score).toBe(0.4); // ambiguous given name: under 0.5
  });

  it('takes any capitalised name after "my name is", but a lone word after "hi" only when listed', () => {
    expect(one('PERSON', 'My name is Xochitl.').text).toBe('Xochitl');
    expect(one('PERSON', 'Hi Maria, thanks').text).toBe('Maria');
    expect(only('PERSON', 'Hi Xochitl, thanks')).toEqual([]);
  });

  it('ignores capitalised words of other kinds and names in capitals', () => {
    expect(only('PERSON', 'Vielen Dank für Ihre Bestellung')).toEqual([]);
    expect(only('PERSON', 'JOHN SMITH signed')).toEqual([]);
  });
});
