import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  anonymize,
  type Entity,
  type EntityType,
  FakeMap,
  mask,
  redactChat,
  redactText,
  saltedHash,
} from '../../src/text/pii/index.js';

/** Independent checks (not the library's own), so a wrong generator cannot vouch for itself. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
function ibanMod97(iban: string): bigint {
  const s = iban.slice(4) + iban.slice(0, 4);
  return BigInt([...s].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('')) % 97n;
}

const TEXT = 'Hi, I am Maria Garcia, mail maria.garcia@example.com, card 4111 1111 1111 1111.';

describe('anonymize', () => {
  const found = analyze(TEXT);

  it('replace puts the type in angle brackets and reports positions in the new text', () => {
    const r = anonymize(TEXT, found, 'replace');
    expect(r.text).toBe('Hi, I am <PERSON>, mail <EMAIL_ADDRESS>, card <CREDIT_CARD>.');
    expect(r.entities.map((x) => [x.type, x.text, x.operator])).toEqual([
      ['PERSON', '<PERSON>', 'replace'],
      ['EMAIL_ADDRESS', '<EMAIL_ADDRESS>', 'replace'],
      ['CREDIT_CARD', '<CREDIT_CARD>', 'replace'],
    ]);
    for (const x of r.entities) expect(r.text.slice(x.start, x.end)).toBe(x.text);
  });

  it('mask keeps the last four digits of cards and phones, masks other types whole, keeps punctuation', () => {
    const r = anonymize(TEXT, found, 'mask');
    expect(r.text).toBe('Hi, I am ***** ******, mail *****.******@*******.***, card **** **** **** 1111.');
    const phone = 'call +44 20 7946 0958';
    expect(anonymize(phone, analyze(phone), 'mask').text).toBe('call +** ** **** 0958');
  });

  it('mask options: one keepLast for all, per type, and another mask character', () => {
    expect(anonymize(TEXT, found, 'mask', { keepLast: 0 }).text).toContain('card **** **** **** ****.');
    expect(anonymize(TEXT, found, 'mask', { keepLast: { PERSON: 6 } }).text).toContain('I am ***** Garcia,');
    expect(anonymize(TEXT, found, 'mask', { maskChar: '#' }).text).toContain('card #### #### #### 1111.');
    expect(mask('Zoë 👍 Ñu', 2)).toBe('*** 👍 Ñu');
  });

  it('redact removes the entity', () => {
    expect(anonymize(TEXT, found, 'redact').text).toBe('Hi, I am , mail , card .');
  });

  it('hash is HMAC-SHA256(salt, value) cut to 16 hex digits: stable across calls, keyed by the salt', () => {
    const expected = createHmac('sha256', 's3cret')
      .update('maria.garcia@example.com')
      .digest('hex')
      .slice(0, 16);
    const r = anonymize(TEXT, found, 'hash', { salt: 's3cret' });
    expect(r.text).toContain(`mail ${expected},`);
    const again = anonymize(
      `Write to maria.garcia@example.com`,
      analyze('Write to maria.garcia@example.com'),
      'hash',
      {
        salt: 's3cret',
      },
    );
    expect(again.text).toBe(`Write to ${expected}`);
    expect(saltedHash('maria.garcia@example.com', 'other')).not.toBe(expected);
    expect(anonymize(TEXT, found, 'hash', { salt: 's3cret', hashLength: 8 }).text).toContain(
      `mail ${expected.slice(0, 8)},`,
    );
  });

  it('hash and fake refuse to run without a salt; bad options fail before any work', () => {
    expect(() => anonymize(TEXT, found, 'hash')).toThrow(/needs a salt/);
    expect(() => anonymize(TEXT, found, 'fake')).toThrow(/needs a salt/);
    expect(() => anonymize(TEXT, found, 'hash', { salt: 's', hashLength: 0 })).toThrow(/hashLength/);
    expect(() => anonymize(TEXT, found, 'shred' as 'redact')).toThrow(/unknown operator 'shred'/);
    expect(() => new FakeMap('')).toThrow(/salt/);
  });

  it('skips overlapping input entities and rejects spans outside the text', () => {
    const a: Entity = { type: 'PERSON', start: 0, end: 5, text: 'Hello', score: 1 };
    const b: Entity = { type: 'URL', start: 3, end: 8, text: 'lo wo', score: 1 };
    expect(anonymize('Hello world', [b, a], 'replace').text).toBe('<PERSON> world');
    expect(() => anonymize('short', [{ ...a, end: 99 }], 'replace')).toThrow(/past the end/);
    expect(() => anonymize('short', [{ ...a, start: 3, end: 2 }], 'replace')).toThrow(/bad entity span/);
  });

  it('uses the text at the span, not the entity text field', () => {
    const r = anonymize(
      'abc secret',
      [{ type: 'SECRET', start: 4, end: 10, text: 'WRONG', score: 1 }],
      'hash',
      {
        salt: 'k',
      },
    );
    expect(r.text).toBe(`abc ${saltedHash('secret', 'k')}`);
  });

  it('redactText analyses and anonymizes in one call', () => {
    const r = redactText('ping ana@example.com', 'replace');
    expect(r.text).toBe('ping <EMAIL_ADDRESS>');
    expect(r.found.map((x) => x.text)).toEqual(['ana@example.com']);
  });
});

describe('fake', () => {
  const fakeOf = (type: EntityType, value: string, salt = 'salt-1') => new FakeMap(salt).get(type, value);

  it('maps the same value to the same fake across maps, calls and texts; another salt changes it', () => {
    const fakes = new FakeMap('salt-1');
    const a = anonymize(TEXT, analyze(TEXT), 'fake', { fakes });
    const b = anonymize(TEXT, analyze(TEXT), 'fake', { salt: 'salt-1' });
    expect(a.text).toBe(b.text);
    expect(a.text).not.toContain('Maria Garcia');
    expect(a.text).not.toContain('maria.garcia@example.com');
    const person = a.entities.find((x) => x.type === 'PERSON')!.text;
    const later = anonymize('Maria Garcia called', analyze('Maria Garcia called'), 'fake', { fakes });
    expect(later.text).toBe(`${person} called`);
    expect(fakeOf('PERSON', 'Maria Garcia', 'salt-2')).not.toBe(person);
    expect(fakes.size).toBe(3);
  });

  it('gives different values different fakes', () => {
    const fakes = new FakeMap('s');
    const values = Array.from({ length: 300 }, (_, i) => `user${i}@example.com`);
    const out = new Set(values.map((v) => fakes.get('EMAIL_ADDRESS', v)));
    expect(out.size).toBe(300);
  });

  it('fake emails are addresses at example.com/.org/.net', () => {
    const f = fakeOf('EMAIL_ADDRESS', 'maria.garcia@gmail.com');
    expect(f).toMatch(/^[a-z]+\.[a-z]+\d{0,2}@example\.(com|org|net)$/);
    expect(analyze(f).map((x) => x.type)).toEqual(['EMAIL_ADDRESS']);
  });

  it('fake cards keep issuer, length and layout and pass Luhn', () => {
    for (const card of ['4111 1111 1111 1111', '3782-822463-10005', '5555555555554444']) {
      for (const salt of ['a', 'b', 'c', 'd']) {
        const f = fakeOf('CREDIT_CARD', card, salt);
        expect(f).not.toBe(card);
        expect(f.replace(/\d/g, '9')).toBe(card.replace(/\d/g, '9'));
        expect(f.slice(0, 2)).toBe(card.slice(0, 2));
        expect(luhn(f.replace(/\D/g, '')), f).toBe(true);
      }
    }
  });

  it('fake IBANs keep country and layout and pass mod 97', () => {
    for (const iban of [
      'DE89 3704 0044 0532 0130 00',
      'GB82WEST12345698765432',
      'FR14 2004 1010 0505 0001 3M02 606',
    ]) {
      const f = fakeOf('IBAN_CODE', iban);
      expect(f).not.toBe(iban);
      expect(f.slice(0, 2)).toBe(iban.slice(0, 2));
      expect(f.replace(/[A-Z]/g, 'A').replace(/\d/g, '9')).toBe(
        iban.replace(/[A-Z]/g, 'A').replace(/\d/g, '9'),
      );
      expect(ibanMod97(f.replace(/ /g, ''))).toBe(1n);
    }
  });

  it('fake phone numbers are valid numbers of the same country, in the same layout', () => {
    for (const [phone, country] of [
      ['+44 20 7946 0958', 'GB'],
      ['(415) 555-2671', 'US'],
      ['+49 1512 3456789', 'DE'],
      ['+81 3-1234-5678', 'JP'],
    ] as const) {
      const f = fakeOf('PHONE_NUMBER', phone);
      expect(f).not.toBe(phone);
      expect(f.replace(/\d/g, '9')).toBe(phone.replace(/\d/g, '9'));
      const p = parsePhoneNumberFromString(f, 'US');
      expect(p?.isValid(), f).toBe(true);
      expect(p?.country).toBe(country);
    }
  });

  it('fake ids pass their own checks (found again by the recognizers with their context)', () => {
    const cases: Array<[EntityType, string, string]> = [
      ['US_SSN', '536-90-4399', 'SSN'],
      ['UK_NHS', '943 476 5919', 'NHS number'],
      ['CA_SIN', '473 873 891', 'SIN'],
      ['IN_AADHAAR', '2345 6789 0124', 'Aadhaar'],
      ['DE_TAX_ID', '86095742719', 'Steuer-ID'],
      ['ES_NIF', '12345678-Z', 'DNI'],
      ['ES_NIE', 'X1234567L', 'NIE'],
      ['IP_ADDRESS', '192.168.1.10', 'IP'],
      ['IP_ADDRESS', '2001:db8::ff00:42:8329', 'IP'],
    ];
    for (const [type, value, label] of cases) {
      for (const salt of ['x', 'y', 'z']) {
        const f = fakeOf(type, value, salt);
        expect(f).not.toBe(value);
        const again = analyze(`${label}: ${f}`).filter((x) => x.type === type);
        expect(
          again.map((x) => x.text),
          `${type} ${f}`,
        ).toEqual([f]);
      }
    }
  });

  it('fake NIF letters are right by an independent computation', () => {
    const f = fakeOf('ES_NIF', '12345678Z');
    expect(f).toMatch(/^\d{8}[A-Z]$/);
    expect('TRWAGMYFPDXBNJZSQVHLCKE'[Number(f.slice(0, 8)) % 23]).toBe(f[8]);
  });

  it('fake names keep the number of words; a lone surname stays a surname', () => {
    expect(fakeOf('PERSON', 'Maria Garcia').split(' ')).toHaveLength(2);
    expect(fakeOf('PERSON', 'Maria')).toMatch(/^[A-Z][a-z]+$/);
    expect(fakeOf('PERSON', 'Smith')).toMatch(/^[A-Z][a-z]+$/);
  });

  it('fake keys keep their vendor prefix and length', () => {
    const key = ['ghp', '_EJP2NNern66nVberACpdclsxHKifxi5CvQUS'].join('');
    const f = fakeOf('API_KEY', key);
    expect(f.startsWith('ghp_')).toBe(true);
    expect(f).toHaveLength(key.length);
    expect(f).not.toBe(key);
  });

  it('fake JWTs keep three parts starting eyJ; fake PEM blocks keep their armour lines', () => {
    const jwt = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxIn0', 'c2lnbmF0dXJlLXBhcnQtMTIzNA'].join('.');
    const f = fakeOf('API_KEY', jwt);
    expect(f.split('.').map((p) => p.length)).toEqual(jwt.split('.').map((p) => p.length));
    expect(
      f
        .split('.')
        .slice(0, 2)
        .every((p) => p.startsWith('eyJ')),
    ).toBe(true);
    expect(f).not.toBe(jwt);
    const pem = [
      '-----BEGIN EC PRIVATE',
      ' KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5\n-----END EC PRIVATE',
      ' KEY-----',
    ].join('');
    const g = fakeOf('SECRET', pem);
    expect(g.split('\n')[0]).toBe('-----BEGIN EC PRIVATE KEY-----');
    expect(g.endsWith('-----END EC PRIVATE KEY-----')).toBe(true);
    expect(g).not.toBe(pem);
    expect(g).toHaveLength(pem.length);
  });

  it('fake dates of birth are valid dates in the same layout', () => {
    const f = fakeOf('DATE_TIME', '12/03/1985');
    expect(f).toMatch(/^\d\d\/\d\d\/(19[4-9]\d|200[0-5])$/);
    const [a, b] = f.split('/').map(Number) as [number, number];
    expect(a >= 1 && a <= 12 && b >= 1 && b <= 12).toBe(true);
  });
});

describe('redactChat', () => {
  const messages = [
    { role: 'system', content: 'You are a support agent.' },
    { role: 'user', content: '🙂 I am Maria Garcia, my email is maria.garcia@example.com', name: 'u1' },
    { role: 'assistant', content: 'Thanks Maria Garcia, we wrote to maria.garcia@example.com.' },
  ];

  it('anonymizes each turn, keeps other keys, reports entities per turn with offsets in that turn', () => {
    const r = redactChat(messages);
    expect(r.messages).toEqual([
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: '🙂 I am <PERSON>, my email is <EMAIL_ADDRESS>', name: 'u1' },
      { role: 'assistant', content: 'Thanks <PERSON>, we wrote to <EMAIL_ADDRESS>.' },
    ]);
    // Offsets are UTF-16 code units of the new turn: 🙂 counts two.
    expect(r.entities.map((x) => [x.turn, x.type, x.start])).toEqual([
      [1, 'PERSON', 8],
      [1, 'EMAIL_ADDRESS', 30],
      [2, 'PERSON', 7],
      [2, 'EMAIL_ADDRESS', 29],
    ]);
    expect(messages[1]!.content).toContain('Maria Garcia'); // the input is not modified
  });

  it('gives a value the same fake in every turn, and across calls with one FakeMap', () => {
    const fakes = new FakeMap('dataset-salt');
    const a = redactChat(messages, { operator: 'fake', fakes });
    const names = a.entities.filter((x) => x.type === 'PERSON').map((x) => x.text);
    expect(names).toHaveLength(2);
    expect(names[0]).toBe(names[1]);
    const b = redactChat(messages, { operator: 'fake', salt: 'dataset-salt' });
    expect(b.messages).toEqual(a.messages);
    const c = redactChat([{ role: 'user', content: 'Maria Garcia again' }], { operator: 'fake', fakes });
    expect(c.messages[0]!.content).toBe(`${names[0]} again`);
  });

  it('passes analyze options through', () => {
    const r = redactChat([{ role: 'user', content: 'Zentrale 089 12345678' }], {
      region: 'DE',
      operator: 'mask',
    });
    expect(r.messages[0]!.content).toBe('Zentrale *** ****5678');
  });
});
