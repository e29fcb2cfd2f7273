/**
 * The labelled PII set: texts with every entity `analyze` should report at the default threshold
 * (0.5), as [type, exact substring]. A case with no expectations is a negative: nothing may be found.
 * Valid ids were checked with an independent implementation of each checksum; invalid ones differ by
 * one digit or break one rule.
 *
 * Self-contained (no imports) so that bench/pii.bench.mjs can load it without a TypeScript build.
 * Credential-shaped strings are assembled from pieces (`k(…)`) so that secret scanners do not flag
 * this file: they are random, not real keys.
 */

export interface PiiCase {
  /** What the case checks. */
  name: string;
  text: string;
  /** [type, substring, occurrence (0-based, default 0)] for every entity expected. */
  expect: ReadonlyArray<readonly [type: string, text: string, occurrence?: number]>;
  options?: { region?: string };
}

const k = (...parts: string[]) => parts.join('');

const JWT = k(
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
  '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
);
const PEM = k(
  '-----BEGIN RSA ',
  'PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA ',
  'PRIVATE KEY-----',
);
const KEYS = {
  openaiProject: k('sk-', 'proj-C3J27XDCG2LmlZGEONYl-gCtjfIZ4SOcMz9CPVNPkNa1Hedc_m4pMbXDuCL'),
  openaiLegacy: k('sk-', '1mHoOsFaQfDPrAJ71fTqT3BlbkFJuWoGsbeKXgzg2sye9b2R'),
  anthropic: k(
    'sk-',
    'ant-api03-aBAg8WY1jzIRlNQb0prFmbh7-wy5yq1XoY1BaIMcAxYmfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1-LwiqDAA',
  ),
  aws: k('AKIA', 'IOSFODNN7EXAMPLE'),
  githubPat: k('ghp', '_EJP2NNern66nVberACpdclsxHKifxi5CvQUS'),
  githubOauth: k('gho', '_HL8iLc7bE6wSt9cbMOeEeUtuieeCIxVc57VV'),
  githubFine: k(
    'github',
    '_pat_TiY96vwfRE5e32A8Yb3FKa_NQyyLaMeffOhq4AUvy7VSLDCD1IfHWGbtMfEbo9ShFXNQ6Fq5axtjRNmHkW',
  ),
  slack: k('xox', 'b-577356436336-3953227501421-CEr7n1AyOHFRuT11NCue1cr3'),
  google: k('AIza', 'fJTNcrZ6ydIEsgo5nVjzz8Gwb8ewCISuYCl'),
  stripe: k('sk_', 'live_A75UyiCDmO46ayJKP4GY08vD'),
  stripeRestricted: k('rk_', 'live_uPngU30ZP7Thnp5yftIY7uq6'),
};

export const PII_CASES: readonly PiiCase[] = [
  // ── EMAIL_ADDRESS ──────────────────────────────────────────────────────────────────────────────
  {
    name: 'email in a sentence',
    text: 'Contact me at jane.doe@example.com for details.',
    expect: [['EMAIL_ADDRESS', 'jane.doe@example.com']],
  },
  {
    name: 'email es, plus tag',
    text: 'Escríbeme a carlos_ruiz+tienda@correo.es, por favor.',
    expect: [['EMAIL_ADDRESS', 'carlos_ruiz+tienda@correo.es']],
  },
  {
    name: 'email de',
    text: 'Meine E-Mail lautet m.schmidt@firma.de, danke.',
    expect: [['EMAIL_ADDRESS', 'm.schmidt@firma.de']],
  },
  {
    name: 'email fr in brackets',
    text: 'Envoyez votre réponse à <contact@societe.fr>.',
    expect: [['EMAIL_ADDRESS', 'contact@societe.fr']],
  },
  {
    name: 'two emails',
    text: 'emails: a.b@sub.domain.co.uk; ops@tandem.io',
    expect: [
      ['EMAIL_ADDRESS', 'a.b@sub.domain.co.uk'],
      ['EMAIL_ADDRESS', 'ops@tandem.io'],
    ],
  },
  {
    name: 'email upper case',
    text: 'Reply to SUPPORT@EXAMPLE.ORG today.',
    expect: [['EMAIL_ADDRESS', 'SUPPORT@EXAMPLE.ORG']],
  },
  {
    name: 'email mx',
    text: 'Mi correo: lucia.fernandez@empresa.com.mx',
    expect: [['EMAIL_ADDRESS', 'lucia.fernandez@empresa.com.mx']],
  },
  {
    name: 'email after emoji',
    text: '👋🏽 ping me at dev.ops@example.net 🙏',
    expect: [['EMAIL_ADDRESS', 'dev.ops@example.net']],
  },
  { name: 'not an email: image name', text: 'The file logo@2x.png is missing from the build.', expect: [] },
  { name: 'not an email: handle', text: 'Follow @tandem and @data_team for updates.', expect: [] },
  { name: 'not an email: no dot', text: 'root@localhost cannot receive mail.', expect: [] },

  // ── PHONE_NUMBER ───────────────────────────────────────────────────────────────────────────────
  {
    name: 'US national with parens',
    text: 'Call me at (415) 555-2671 tomorrow.',
    expect: [['PHONE_NUMBER', '(415) 555-2671']],
  },
  {
    name: 'US international',
    text: 'Our US line is +1 415-555-2671.',
    expect: [['PHONE_NUMBER', '+1 415-555-2671']],
  },
  {
    name: 'US dashes no context',
    text: 'Front desk 212-555-0187, ask for billing.',
    expect: [['PHONE_NUMBER', '212-555-0187']],
  },
  { name: 'US dots', text: 'My cell: 415.555.2671', expect: [['PHONE_NUMBER', '415.555.2671']] },
  {
    name: 'US toll free',
    text: 'Call 1-800-275-2273 any time.',
    expect: [['PHONE_NUMBER', '1-800-275-2273']],
  },
  {
    name: 'US bare digits with context',
    text: 'please call 4155552671 after 5pm',
    expect: [['PHONE_NUMBER', '4155552671']],
  },
  {
    name: 'UK international',
    text: 'London office: +44 20 7946 0958.',
    expect: [['PHONE_NUMBER', '+44 20 7946 0958']],
  },
  {
    name: 'UK international with (0)',
    text: 'Ring +44 (0)20 7946 0958 please.',
    expect: [['PHONE_NUMBER', '+44 (0)20 7946 0958']],
  },
  {
    name: 'UK national with context',
    text: 'Tel: 020 7946 0958',
    expect: [['PHONE_NUMBER', '020 7946 0958']],
  },
  {
    name: 'UK mobile national',
    text: 'My mobile is 07911 123456.',
    expect: [['PHONE_NUMBER', '07911 123456']],
  },
  {
    name: 'DE international',
    text: 'Rufen Sie +49 30 901820 an.',
    expect: [['PHONE_NUMBER', '+49 30 901820']],
  },
  {
    name: 'DE 00 prefix',
    text: 'Zentrale: 0049 89 12345678',
    expect: [['PHONE_NUMBER', '0049 89 12345678']],
  },
  { name: 'DE national with context', text: 'Telefon: 030 901820', expect: [['PHONE_NUMBER', '030 901820']] },
  {
    name: 'DE mobile international',
    text: 'Handy: +49 1512 3456789',
    expect: [['PHONE_NUMBER', '+49 1512 3456789']],
  },
  {
    name: 'DE national, region DE',
    text: 'Unsere Zentrale erreichen Sie unter 089 12345678.',
    expect: [['PHONE_NUMBER', '089 12345678']],
    options: { region: 'DE' },
  },
  {
    name: 'FR international',
    text: 'Bureau : +33 1 42 68 53 00',
    expect: [['PHONE_NUMBER', '+33 1 42 68 53 00']],
  },
  {
    name: 'FR national with context',
    text: 'Appelez-moi au 06 12 34 56 78 demain.',
    expect: [['PHONE_NUMBER', '06 12 34 56 78']],
  },
  { name: 'FR dotted', text: 'Tél. : 01.42.68.53.00', expect: [['PHONE_NUMBER', '01.42.68.53.00']] },
  {
    name: 'ES international',
    text: 'Oficina: +34 912 345 678',
    expect: [['PHONE_NUMBER', '+34 912 345 678']],
  },
  {
    name: 'ES national mobile',
    text: 'Llámame al 612 34 56 78, gracias.',
    expect: [['PHONE_NUMBER', '612 34 56 78']],
  },
  {
    name: 'ES national fixed',
    text: 'Mi teléfono es 912 345 678.',
    expect: [['PHONE_NUMBER', '912 345 678']],
  },
  {
    name: 'IN international',
    text: 'WhatsApp +91 98765 43210 for updates.',
    expect: [['PHONE_NUMBER', '+91 98765 43210']],
  },
  { name: 'IN national', text: 'Call me on 098765 43210.', expect: [['PHONE_NUMBER', '098765 43210']] },
  {
    name: 'BR international',
    text: 'Contato: +55 11 91234-5678',
    expect: [['PHONE_NUMBER', '+55 11 91234-5678']],
  },
  {
    name: 'BR national',
    text: 'Meu celular: (11) 91234-5678',
    expect: [['PHONE_NUMBER', '(11) 91234-5678']],
  },
  {
    name: 'JP international',
    text: 'Tokyo office +81 3-1234-5678.',
    expect: [
      ['LOCATION', 'Tokyo'],
      ['PHONE_NUMBER', '+81 3-1234-5678'],
    ],
  },
  { name: 'JP national fixed', text: '電話: 03-1234-5678', expect: [['PHONE_NUMBER', '03-1234-5678']] },
  {
    name: 'JP national mobile',
    text: '携帯 090-1234-5678 までご連絡ください',
    expect: [['PHONE_NUMBER', '090-1234-5678']],
  },
  {
    name: 'two numbers in a row',
    text: 'Numbers: 415-555-2671 212-555-0187',
    expect: [
      ['PHONE_NUMBER', '415-555-2671'],
      ['PHONE_NUMBER', '212-555-0187'],
    ],
  },
  {
    name: 'phone then a count',
    text: 'Call 415-555-2671 24 hours a day.',
    expect: [['PHONE_NUMBER', '415-555-2671']],
  },
  { name: 'not a phone: order number', text: 'Order 123456789 shipped yesterday.', expect: [] },
  { name: 'not a phone: tracking number', text: 'Tracking number 6250076 shows it in transit.', expect: [] },
  {
    name: 'not a phone: ISO date',
    text: 'Invoice dated 2023-01-02 is attached.',
    expect: [['DATE_TIME', '2023-01-02']],
  },
  {
    name: 'not a phone: date',
    text: 'The meeting moved to 12/03/2024.',
    expect: [['DATE_TIME', '12/03/2024']],
  },
  { name: 'not a phone: ISBN', text: 'ISBN 978-3-16-148410-0 is the second edition.', expect: [] },
  { name: 'not a phone: amount', text: 'Revenue reached 1.234.567 EUR this year.', expect: [] },
  { name: 'not a phone: fictional 555-01xx', text: 'In the film he calls 555-0100.', expect: [] },

  // ── CREDIT_CARD ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'JCB 15 digits, 2131',
    text: 'card 213100000000001 ok',
    expect: [['CREDIT_CARD', '213100000000001']],
  },
  {
    name: 'JCB 15 digits, 1800',
    text: 'card 180000000000002 ok',
    expect: [['CREDIT_CARD', '180000000000002']],
  },
  { name: 'Maestro 12 digits', text: 'Maestro 6759 6498 2648', expect: [['CREDIT_CARD', '6759 6498 2648']] },
  { name: 'not a card: 16 digits from 2131', text: 'ref 2131000000000005 ok', expect: [] },
  {
    name: 'visa spaced',
    text: 'Card: 4111 1111 1111 1111, exp 12/27',
    expect: [['CREDIT_CARD', '4111 1111 1111 1111']],
  },
  {
    name: 'visa bare',
    text: 'charge 4012888888881881 please',
    expect: [['CREDIT_CARD', '4012888888881881']],
  },
  {
    name: 'visa 13 digits',
    text: 'old card 4222222222222 expired',
    expect: [['CREDIT_CARD', '4222222222222']],
  },
  {
    name: 'mastercard dashes',
    text: 'Mastercard 5555-5555-5555-4444 on file.',
    expect: [['CREDIT_CARD', '5555-5555-5555-4444']],
  },
  {
    name: 'mastercard 2-series',
    text: 'Nueva tarjeta 2223 0031 2200 3222.',
    expect: [['CREDIT_CARD', '2223 0031 2200 3222']],
  },
  {
    name: 'amex 4-6-5',
    text: 'Amex 3782 822463 10005 declined',
    expect: [['CREDIT_CARD', '3782 822463 10005']],
  },
  {
    name: 'amex bare',
    text: 'Karte 371449635398431 wurde belastet.',
    expect: [['CREDIT_CARD', '371449635398431']],
  },
  {
    name: 'discover',
    text: 'Discover card 6011 1111 1111 1117.',
    expect: [['CREDIT_CARD', '6011 1111 1111 1117']],
  },
  {
    name: 'jcb',
    text: 'JCB 3530 1113 3330 0000 を使います',
    expect: [['CREDIT_CARD', '3530 1113 3330 0000']],
  },
  {
    name: 'diners',
    text: 'Diners 3056 9309 0259 04 accepted',
    expect: [['CREDIT_CARD', '3056 9309 0259 04']],
  },
  { name: 'unionpay', text: 'UnionPay 6200000000000005', expect: [['CREDIT_CARD', '6200000000000005']] },
  { name: 'card fails Luhn', text: 'Card: 4111 1111 1111 1112', expect: [] },
  { name: 'card fails Luhn bare', text: 'charge 5555555555554445 please', expect: [] },
  { name: 'digits pass Luhn, unknown issuer', text: 'Serial 1234 5678 9012 3452 on the box', expect: [] },
  { name: 'card number with mixed separators', text: 'weird 4111 1111-1111 1111', expect: [] },

  // ── IBAN_CODE ──────────────────────────────────────────────────────────────────────────────────
  {
    name: 'IBAN DE spaced',
    text: 'IBAN: DE89 3704 0044 0532 0130 00',
    expect: [['IBAN_CODE', 'DE89 3704 0044 0532 0130 00']],
  },
  {
    name: 'IBAN DE compact',
    text: 'Überweisung an DE89370400440532013000 bitte.',
    expect: [['IBAN_CODE', 'DE89370400440532013000']],
  },
  {
    name: 'IBAN GB',
    text: 'Pay GB82 WEST 1234 5698 7654 32 by Friday.',
    expect: [['IBAN_CODE', 'GB82 WEST 1234 5698 7654 32']],
  },
  {
    name: 'IBAN FR with letter',
    text: 'Mon IBAN est FR14 2004 1010 0505 0001 3M02 606.',
    expect: [['IBAN_CODE', 'FR14 2004 1010 0505 0001 3M02 606']],
  },
  {
    name: 'IBAN ES',
    text: 'Cuenta ES91 2100 0418 4502 0005 1332',
    expect: [['IBAN_CODE', 'ES91 2100 0418 4502 0005 1332']],
  },
  { name: 'IBAN NL', text: 'rekening NL91ABNA0417164300', expect: [['IBAN_CODE', 'NL91ABNA0417164300']] },
  {
    name: 'IBAN IT',
    text: 'IBAN IT60 X054 2811 1010 0000 0123 456',
    expect: [['IBAN_CODE', 'IT60 X054 2811 1010 0000 0123 456']],
  },
  {
    name: 'IBAN BE',
    text: 'BE68 5390 0754 7034 is our account',
    expect: [['IBAN_CODE', 'BE68 5390 0754 7034']],
  },
  {
    name: 'IBAN CH',
    text: 'Konto CH93 0076 2011 6238 5295 7.',
    expect: [['IBAN_CODE', 'CH93 0076 2011 6238 5295 7']],
  },
  {
    name: 'IBAN NO short',
    text: 'Norsk konto NO93 8601 1117 947',
    expect: [['IBAN_CODE', 'NO93 8601 1117 947']],
  },
  {
    name: 'IBAN PL',
    text: 'Numer PL61 1090 1014 0000 0712 1981 2874',
    expect: [['IBAN_CODE', 'PL61 1090 1014 0000 0712 1981 2874']],
  },
  { name: 'IBAN wrong check digits', text: 'IBAN: DE88 3704 0044 0532 0130 00', expect: [] },
  { name: 'IBAN one digit changed', text: 'IBAN GB82 WEST 1234 5698 7654 33', expect: [] },
  { name: 'IBAN too short for its country', text: 'IBAN: DE89 3704 0044 0532 0130 0', expect: [] },
  { name: 'IBAN unknown country', text: 'code ZZ12 3456 7890 1234 5678', expect: [] },

  // ── IP_ADDRESS ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'IPv4 private',
    text: 'The server at 192.168.1.10 is down.',
    expect: [['IP_ADDRESS', '192.168.1.10']],
  },
  { name: 'IPv4 dns', text: 'Use 8.8.8.8 as resolver.', expect: [['IP_ADDRESS', '8.8.8.8']] },
  {
    name: 'IPv4 1.2.3.4 is an address',
    text: 'Ping 1.2.3.4 and report.',
    expect: [['IP_ADDRESS', '1.2.3.4']],
  },
  { name: 'IPv4 end of sentence', text: 'Blocked host: 10.0.0.255.', expect: [['IP_ADDRESS', '10.0.0.255']] },
  {
    name: 'IPv6 full',
    text: 'IPv6 2001:0db8:85a3:0000:0000:8a2e:0370:7334 assigned',
    expect: [['IP_ADDRESS', '2001:0db8:85a3:0000:0000:8a2e:0370:7334']],
  },
  {
    name: 'IPv6 compressed',
    text: 'route via 2001:db8::ff00:42:8329 now',
    expect: [['IP_ADDRESS', '2001:db8::ff00:42:8329']],
  },
  { name: 'IPv6 loopback', text: 'bind to ::1 only', expect: [['IP_ADDRESS', '::1']] },
  {
    name: 'IPv6 link local',
    text: 'iface fe80::1ff:fe23:4567:890a up',
    expect: [['IP_ADDRESS', 'fe80::1ff:fe23:4567:890a']],
  },
  {
    name: 'IPv6 with IPv4 tail',
    text: 'mapped ::ffff:192.0.2.128 here',
    expect: [['IP_ADDRESS', '::ffff:192.0.2.128']],
  },
  { name: 'not an IP: octet 999', text: 'Value 999.1.1.1 is out of range.', expect: [] },
  { name: 'not an IP: octet 256', text: 'Bad 256.100.1.1 entry', expect: [] },
  { name: 'not an IP: version', text: 'Upgrade to version 1.2.3.4 today.', expect: [] },
  { name: 'not an IP: v-prefixed', text: 'Released v2.10.0.1 last week.', expect: [] },
  { name: 'not an IP: time', text: 'Starts at 10:30:45 sharp.', expect: [] },
  { name: 'not an IP: MAC address', text: 'MAC 00:1A:2B:3C:4D:5E registered', expect: [] },
  { name: 'not an IP: five groups', text: 'OID 1.3.6.1.4 in the MIB', expect: [] },

  // ── URL ────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'https url',
    text: 'See https://www.example.com/path?x=1 for more.',
    expect: [['URL', 'https://www.example.com/path?x=1']],
  },
  {
    name: 'http url before a period',
    text: 'Order page: http://shop.example.org/items/42.',
    expect: [['URL', 'http://shop.example.org/items/42']],
  },
  { name: 'www url', text: 'Visita www.ejemplo.es hoy.', expect: [['URL', 'www.ejemplo.es']] },
  {
    name: 'url with parentheses',
    text: '(see https://en.wikipedia.org/wiki/Foo_(bar))',
    expect: [['URL', 'https://en.wikipedia.org/wiki/Foo_(bar)']],
  },
  {
    name: 'ftp url',
    text: 'Files at ftp://files.example.net/pub/data.csv',
    expect: [['URL', 'ftp://files.example.net/pub/data.csv']],
  },
  { name: 'not a url: file name', text: 'Open report.pdf and notes.txt', expect: [] },
  { name: 'not a url: scheme only', text: 'Type http:// then the host.', expect: [] },

  {
    name: 'phone with x extension',
    text: 'Call (478)546-2120x9629 today',
    expect: [['PHONE_NUMBER', '(478)546-2120x9629']],
  },
  {
    name: 'phone with ext.',
    text: 'Call 415-555-2671 ext. 12 today',
    expect: [['PHONE_NUMBER', '415-555-2671 ext. 12']],
  },
  {
    name: 'IPv6 zone index',
    text: 'ip fe80::1ff:fe23%eth0 up',
    expect: [['IP_ADDRESS', 'fe80::1ff:fe23%eth0']],
  },
  {
    name: 'IPv6 unspecified after IP word',
    text: 'bind to address :: please',
    expect: [['IP_ADDRESS', '::']],
  },
  { name: 'not IPv6: bare ::', text: 'Foo :: Bar', expect: [] },
  { name: 'bare domain', text: 'See example.com/help for more.', expect: [['URL', 'example.com/help']] },
  {
    name: 'bare domain, ccTLD',
    text: 'Visit shop.example.co.uk today',
    expect: [['URL', 'shop.example.co.uk']],
  },
  { name: 'not a domain: file names', text: 'Edit setup.py and README.md, then Node.js.', expect: [] },

  {
    name: 'German address',
    text: 'Bitte an Lindenstraße 12, 10115 Berlin schicken.',
    expect: [['LOCATION', 'Lindenstraße 12, 10115 Berlin']],
  },
  {
    name: 'French address',
    text: 'Envoyez au 12 rue Victor Hugo, 69002 Lyon.',
    expect: [['LOCATION', '12 rue Victor Hugo, 69002 Lyon']],
  },
  {
    name: 'Spanish address',
    text: 'Vivo en Calle Mayor 5, Madrid.',
    expect: [['LOCATION', 'Calle Mayor 5, Madrid']],
  },
  {
    name: 'Japanese address',
    text: '住所は東京都新宿区西新宿2-8-1です。',
    expect: [['LOCATION', '東京都新宿区西新宿2-8-1']],
  },
  {
    name: 'Chinese address',
    text: '寄到北京市朝阳区建国路88号。',
    expect: [['LOCATION', '北京市朝阳区建国路88号']],
  },
  {
    name: 'US suffix Skyway',
    text: 'Ship to 4410 Willow Skyway please',
    expect: [['LOCATION', '4410 Willow Skyway']],
  },
  { name: 'country in Arabic', text: 'انتقلنا إلى ألمانيا العام الماضي.', expect: [['LOCATION', 'ألمانيا']] },
  { name: 'not a place: bank named after a country', text: '我在中国银行工作。', expect: [] },
  { name: 'not a place: airline', text: 'I flew Air France twice.', expect: [] },

  // ── US_SSN ─────────────────────────────────────────────────────────────────────────────────────
  { name: 'SSN with dots', text: 'SSN: 536.90.4399', expect: [['US_SSN', '536.90.4399']] },
  { name: 'SSN bare after ssn', text: 'my ssn 536904399', expect: [['US_SSN', '536904399']] },
  { name: 'not an SSN: area 900', text: 'SSN: 912.90.4399', expect: [] },
  { name: 'SSN with context', text: 'SSN: 536-90-4399', expect: [['US_SSN', '536-90-4399']] },
  {
    name: 'SSN dashed without context',
    text: 'Employee 536-90-4399 joined in May.',
    expect: [['US_SSN', '536-90-4399']],
  },
  {
    name: 'SSN spaced with context',
    text: 'My social security number is 536 90 4399.',
    expect: [['US_SSN', '536 90 4399']],
  },
  { name: 'SSN bare with context', text: 'ssn 219453847 on the form', expect: [['US_SSN', '219453847']] },
  { name: 'SSN bare without context', text: 'reference 219453847 closed', expect: [] },
  { name: 'SSN invalid: Woolworth', text: 'SSN 078-05-1120', expect: [] },
  { name: 'SSN invalid: area 000', text: 'SSN 000-12-3456', expect: [] },
  { name: 'SSN invalid: area 666', text: 'SSN 666-12-3456', expect: [] },
  { name: 'SSN invalid: area 9xx', text: 'SSN 912-34-5678', expect: [] },
  { name: 'SSN invalid: group 00', text: 'SSN 123-00-4567', expect: [] },
  { name: 'SSN invalid: serial 0000', text: 'SSN 123-45-0000', expect: [] },
  { name: 'SSN invalid: advertised', text: 'SSN 219-09-9999', expect: [] },
  { name: 'SSN invalid: 123-45-6789', text: 'SSN 123-45-6789', expect: [] },

  // ── UK_NHS ─────────────────────────────────────────────────────────────────────────────────────
  { name: 'NHS spaced', text: 'NHS number 943 476 5919', expect: [['UK_NHS', '943 476 5919']] },
  { name: 'NHS dashed', text: 'NHS No: 401-023-2137.', expect: [['UK_NHS', '401-023-2137']] },
  { name: 'NHS bare', text: 'Patient NHS 4505577104 admitted', expect: [['UK_NHS', '4505577104']] },
  { name: 'NHS second', text: 'nhs number: 6091390996', expect: [['UK_NHS', '6091390996']] },
  { name: 'NHS check digit wrong', text: 'NHS number 943 476 5918', expect: [] },
  { name: 'NHS check digit wrong 2', text: 'NHS No: 401-023-2138', expect: [] },
  { name: 'NHS valid but no context', text: 'reference 9434765919 closed', expect: [] },

  // ── ES_NIF / ES_NIE ────────────────────────────────────────────────────────────────────────────
  { name: 'DNI', text: 'DNI: 20908545G', expect: [['ES_NIF', '20908545G']] },
  { name: 'NIF with dash', text: 'Mi NIF es 53114495-C.', expect: [['ES_NIF', '53114495-C']] },
  { name: 'NIF dotted', text: 'Titular con DNI 33.248.995-B', expect: [['ES_NIF', '33.248.995-B']] },
  { name: 'NIF common example', text: 'El 12345678Z es de ejemplo.', expect: [['ES_NIF', '12345678Z']] },
  { name: 'NIE X', text: 'NIE X1234567L', expect: [['ES_NIE', 'X1234567L']] },
  { name: 'NIE Y dashed', text: 'NIE: Y-6477088-A', expect: [['ES_NIE', 'Y-6477088-A']] },
  { name: 'NIE Z', text: 'tarjeta de residencia Z4725038S', expect: [['ES_NIE', 'Z4725038S']] },
  { name: 'NIF wrong letter', text: 'DNI: 20908545H', expect: [] },
  { name: 'NIF wrong letter 2', text: 'NIF 12345678A', expect: [] },
  { name: 'NIE wrong letter', text: 'NIE X1234567A', expect: [] },
  { name: 'NIE wrong letter 2', text: 'NIE Y6477088B', expect: [] },

  // ── DE_TAX_ID ──────────────────────────────────────────────────────────────────────────────────
  { name: 'Steuer-ID', text: 'Steuer-ID: 86095742719', expect: [['DE_TAX_ID', '86095742719']] },
  {
    name: 'Identifikationsnummer',
    text: 'Steuerliche Identifikationsnummer 47036892816',
    expect: [['DE_TAX_ID', '47036892816']],
  },
  { name: 'IdNr grouped', text: 'IdNr. 65 929 970 489', expect: [['DE_TAX_ID', '65 929 970 489']] },
  {
    name: 'tax id english',
    text: 'German tax id 57549285017 attached',
    expect: [['DE_TAX_ID', '57549285017']],
  },
  {
    name: 'grouped without context',
    text: 'Nummer 25 768 131 411 notiert',
    expect: [['DE_TAX_ID', '25 768 131 411']],
  },
  { name: 'Steuer-ID check digit wrong', text: 'Steuer-ID: 86095742718', expect: [] },
  { name: 'Steuer-ID repetition rule: two pairs', text: 'Steuer-ID: 11223456785', expect: [] },
  { name: 'Steuer-ID repetition rule: three adjacent', text: 'Steuer-ID: 11123456786', expect: [] },
  { name: 'Steuer-ID leading zero', text: 'Steuer-ID: 01234567891', expect: [] },
  { name: 'valid Steuer-ID without context', text: 'Bestellung 86095742719 versendet', expect: [] },

  // ── IN_AADHAAR ─────────────────────────────────────────────────────────────────────────────────
  { name: 'Aadhaar grouped', text: 'Aadhaar: 2345 6789 0124', expect: [['IN_AADHAAR', '2345 6789 0124']] },
  {
    name: 'Aadhaar grouped hindi context',
    text: 'आधार संख्या 4991 1866 5246 है',
    expect: [['IN_AADHAAR', '4991 1866 5246']],
  },
  {
    name: 'Aadhaar bare with context',
    text: 'My Aadhaar number is 527160175537.',
    expect: [['IN_AADHAAR', '527160175537']],
  },
  {
    name: 'Aadhaar grouped no context',
    text: 'ID 6204 2078 5827 verified',
    expect: [['IN_AADHAAR', '6204 2078 5827']],
  },
  { name: 'Aadhaar Verhoeff fails', text: 'Aadhaar: 2345 6789 0125', expect: [] },
  { name: 'Aadhaar starting with 1', text: 'Aadhaar: 1234 5678 9012', expect: [] },
  { name: 'Aadhaar bare without context', text: 'Account 527160175537 updated', expect: [] },

  // ── CA_SIN ─────────────────────────────────────────────────────────────────────────────────────
  { name: 'SIN', text: 'SIN: 473 873 891', expect: [['CA_SIN', '473 873 891']] },
  { name: 'SIN dashed', text: 'Social Insurance Number 224-641-845', expect: [['CA_SIN', '224-641-845']] },
  {
    name: 'NAS french',
    text: "Numéro d'assurance sociale (NAS) : 210 232 815",
    expect: [['CA_SIN', '210 232 815']],
  },
  { name: 'SIN Luhn fails', text: 'SIN: 473 873 892', expect: [] },
  { name: 'SIN leading 0 is never issued', text: 'SIN: 046 454 286', expect: [] },
  { name: 'SIN valid without context', text: 'Ref 392742441 archived', expect: [] },

  // ── DATE_OF_BIRTH and DATE_TIME ──────────────────────────────────────────────────────────────
  { name: 'DOB numeric', text: 'DOB: 12/03/1985', expect: [['DATE_OF_BIRTH', '12/03/1985']] },
  {
    name: 'born on, English month',
    text: 'She was born on March 12, 1985 in Ohio.',
    expect: [
      ['DATE_OF_BIRTH', 'March 12, 1985'],
      ['LOCATION', 'Ohio'],
    ],
  },
  { name: 'date of birth ISO', text: 'Date of birth: 1985-03-12', expect: [['DATE_OF_BIRTH', '1985-03-12']] },
  {
    name: 'fecha de nacimiento',
    text: 'Fecha de nacimiento: 12 de marzo de 1985',
    expect: [['DATE_OF_BIRTH', '12 de marzo de 1985']],
  },
  {
    name: 'née le',
    text: 'Marie, née le 3 avril 1990 à Lyon.',
    expect: [
      ['DATE_OF_BIRTH', '3 avril 1990'],
      ['LOCATION', 'Lyon'],
    ],
  },
  {
    name: 'geboren am',
    text: 'Er ist geboren am 3. März 1985 in Köln.',
    expect: [
      ['DATE_OF_BIRTH', '3. März 1985'],
      ['LOCATION', 'Köln'],
    ],
  },
  { name: 'data di nascita', text: 'data di nascita 15/08/1972', expect: [['DATE_OF_BIRTH', '15/08/1972']] },
  { name: 'seireki japanese', text: '生年月日：1985年3月12日', expect: [['DATE_OF_BIRTH', '1985年3月12日']] },
  {
    name: 'DOB with format hint',
    text: 'DOB (dd/mm/yyyy): 07/11/1979',
    expect: [['DATE_OF_BIRTH', '07/11/1979']],
  },
  {
    name: 'a date, not a DOB: meeting',
    text: 'The meeting is on 12/03/2024.',
    expect: [['DATE_TIME', '12/03/2024']],
  },
  {
    name: 'a date, not a DOB: delivery',
    text: 'Delivered on March 12, 1985 by courier.',
    expect: [['DATE_TIME', 'March 12, 1985']],
  },
  {
    name: 'DOB: birth word after the date',
    text: 'Ich bin am 4. Dezember 2001 in Berlin geboren.',
    expect: [
      ['DATE_OF_BIRTH', '4. Dezember 2001'],
      ['LOCATION', 'Berlin'],
    ],
  },
  {
    name: 'DOB: 生まれ after',
    text: '1990年5月1日に大阪で生まれました。',
    expect: [
      ['DATE_OF_BIRTH', '1990年5月1日'],
      ['LOCATION', '大阪'],
    ],
  },
  {
    name: 'date with weekday, Portuguese',
    text: 'Chegou na quarta-feira, 3 de março de 2021.',
    expect: [['DATE_TIME', 'quarta-feira, 3 de março de 2021']],
  },
  { name: 'date, Arabic', text: 'وصل الطرد في 3 مارس 2021.', expect: [['DATE_TIME', '3 مارس 2021']] },
  { name: 'date, Hindi', text: 'पार्सल 3 मार्च 2021 को पहुँचा।', expect: [['DATE_TIME', '3 मार्च 2021']] },
  { name: 'not a date: version', text: 'Update to 1.2.21 today.', expect: [] },
  { name: 'not a DOB: year only', text: 'He was born in 1985.', expect: [] },
  { name: 'not a DOB: impossible date', text: 'DOB: 45/19/1985', expect: [] },

  // ── API_KEY / SECRET ───────────────────────────────────────────────────────────────────────────
  {
    name: 'OpenAI project key',
    text: `OPENAI_API_KEY=${KEYS.openaiProject}`,
    expect: [['API_KEY', KEYS.openaiProject]],
  },
  {
    name: 'OpenAI legacy key',
    text: `use ${KEYS.openaiLegacy} for the demo`,
    expect: [['API_KEY', KEYS.openaiLegacy]],
  },
  {
    name: 'Anthropic key',
    text: `export ANTHROPIC_API_KEY="${KEYS.anthropic}"`,
    expect: [['API_KEY', KEYS.anthropic]],
  },
  { name: 'AWS access key id', text: `aws_access_key_id = ${KEYS.aws}`, expect: [['API_KEY', KEYS.aws]] },
  {
    name: 'GitHub personal token',
    text: `token ${KEYS.githubPat} leaked`,
    expect: [['API_KEY', KEYS.githubPat]],
  },
  {
    name: 'GitHub oauth token',
    text: `Authorization: Bearer ${KEYS.githubOauth}`,
    expect: [['API_KEY', KEYS.githubOauth]],
  },
  {
    name: 'GitHub fine-grained token',
    text: `GH_TOKEN=${KEYS.githubFine}`,
    expect: [['API_KEY', KEYS.githubFine]],
  },
  { name: 'Slack bot token', text: `slack: ${KEYS.slack}`, expect: [['API_KEY', KEYS.slack]] },
  { name: 'Google API key', text: `maps key ${KEYS.google} in the app`, expect: [['API_KEY', KEYS.google]] },
  { name: 'Stripe live key', text: `stripe.api_key = "${KEYS.stripe}"`, expect: [['API_KEY', KEYS.stripe]] },
  {
    name: 'Stripe restricted key',
    text: `restricted: ${KEYS.stripeRestricted}`,
    expect: [['API_KEY', KEYS.stripeRestricted]],
  },
  { name: 'JWT', text: `Authorization: Bearer ${JWT}`, expect: [['API_KEY', JWT]] },
  { name: 'PEM private key', text: `key file:\n${PEM}\n`, expect: [['SECRET', PEM]] },
  {
    name: 'password token',
    text: 'password=Tr0ub4dor3xKq9vLm2ZpW7',
    expect: [['SECRET', 'Tr0ub4dor3xKq9vLm2ZpW7']],
  },
  {
    name: 'secret env var',
    text: 'export SECRET_KEY=9fA3kLm02QxZ7pRt5sWv8YbN',
    expect: [['SECRET', '9fA3kLm02QxZ7pRt5sWv8YbN']],
  },
  {
    name: 'hex auth token',
    text: 'auth token: 0b21ead8f062d15a4f4ef27e9589c694',
    expect: [['SECRET', '0b21ead8f062d15a4f4ef27e9589c694']],
  },
  {
    name: 'camelCase key name',
    text: 'const apiKey = "FfSke7IDA69Z7zrpEFivB50756EH";',
    expect: [['SECRET', 'FfSke7IDA69Z7zrpEFivB50756EH']],
  },
  { name: 'not a secret: words', text: 'The key to success is practice and patience.', expect: [] },
  { name: 'not a secret: passphrase of words', text: 'password: correct_horse_battery_staple', expect: [] },
  { name: 'not a secret: low entropy', text: 'token: aaaaaaaaaaaaaaaaaaaaaaaa1', expect: [] },
  {
    name: 'not a secret: public key',
    text: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----',
    expect: [],
  },
  { name: 'not a key: sk- word', text: 'We use sk-learn and task-runner-config here.', expect: [] },
  { name: 'not a key: short AKIA', text: 'AKIA123 is not a key id', expect: [] },
  {
    name: 'not a key: token far from keyword',
    text: 'the token was rotated last week as planned and the new one lives in vault ab12cd34ef56gh78ij90kl',
    expect: [],
  },

  // ── LOCATION (street addresses) ────────────────────────────────────────────────────────────────
  {
    name: 'address with city',
    text: 'I live at 742 Evergreen Terrace, Springfield.',
    expect: [['LOCATION', '742 Evergreen Terrace, Springfield']],
  },
  {
    name: 'address full',
    text: 'Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500.',
    expect: [['LOCATION', '1600 Pennsylvania Avenue NW, Washington, DC 20500']],
  },
  {
    name: 'address with suite',
    text: 'Our office: 350 Fifth Avenue, Suite 3300, New York, NY 10118',
    expect: [['LOCATION', '350 Fifth Avenue, Suite 3300, New York, NY 10118']],
  },
  {
    name: 'address with letter',
    text: 'Send it to 221B Baker Street, London.',
    expect: [['LOCATION', '221B Baker Street, London']],
  },
  {
    name: 'address abbreviation',
    text: 'The shop is at 12 Oak Ln. near the park',
    expect: [['LOCATION', '12 Oak Ln.']],
  },
  { name: 'not an address: quantity', text: 'I bought 3 apples and 12 Large Eggs.', expect: [] },
  { name: 'not an address: year', text: 'In 2024 Street food became popular.', expect: [] },

  // ── PERSON ─────────────────────────────────────────────────────────────────────────────────────
  { name: 'my name is', text: 'Hi, my name is Maria Garcia.', expect: [['PERSON', 'Maria Garcia']] },
  { name: 'title and surname', text: 'Dr. Smith will see you now.', expect: [['PERSON', 'Smith']] },
  { name: 'sign-off first name', text: 'Best regards,\nTom', expect: [['PERSON', 'Tom']] },
  {
    name: 'middle initial',
    text: 'I spoke with John F. Kennedy yesterday.',
    expect: [['PERSON', 'John F. Kennedy']],
  },
  {
    name: 'particle',
    text: 'Ludwig van Beethoven wrote nine symphonies.',
    expect: [['PERSON', 'Ludwig van Beethoven']],
  },
  {
    name: 'spanish double surname',
    text: 'Me llamo José Luis Rodríguez.',
    expect: [['PERSON', 'José Luis Rodríguez']],
  },
  {
    name: 'french',
    text: "Je m'appelle Amélie Dubois et j'habite à Lyon.",
    expect: [
      ['PERSON', 'Amélie Dubois'],
      ['LOCATION', 'Lyon'],
    ],
  },
  { name: 'german', text: 'Ich heiße Jürgen Müller.', expect: [['PERSON', 'Jürgen Müller']] },
  {
    name: 'apostrophe surname with title',
    text: "Mrs O'Connor called about the order.",
    expect: [['PERSON', "O'Connor"]],
  },
  { name: 'hindi name in english', text: 'Thanks, Priya Sharma', expect: [['PERSON', 'Priya Sharma']] },
  { name: 'not a person: station', text: 'Meet me at Victoria Station at noon.', expect: [] },
  { name: 'not a person: month', text: 'The May Day parade was cancelled.', expect: [] },
  { name: 'not a person: company', text: 'Apple Inc announced new products.', expect: [] },
  { name: 'Japanese name with honorific', text: '昨日田中さんに会いました。', expect: [['PERSON', '田中']] },
  {
    name: 'Japanese full name before と申します',
    text: '佐藤太郎と申します。',
    expect: [['PERSON', '佐藤太郎']],
  },
  { name: 'Chinese name after 我叫', text: '你好，我叫王伟，请多关照。', expect: [['PERSON', '王伟']] },
  { name: 'Chinese surname with 先生', text: '请联系李先生。', expect: [['PERSON', '李']] },
  {
    name: 'Arabic name after title',
    text: 'تحدثت مع الدكتور خالد منصور أمس.',
    expect: [['PERSON', 'خالد منصور']],
  },
  { name: 'Arabic name after اسمي', text: 'مرحبا، اسمي سارة الخطيب.', expect: [['PERSON', 'سارة الخطيب']] },
  { name: 'Hindi name after मेरा नाम', text: 'मेरा नाम राहुल शर्मा है।', expect: [['PERSON', 'राहुल शर्मा']] },
  { name: 'Hindi name after श्रीमती', text: 'कल श्रीमती गुप्ता से बात हुई।', expect: [['PERSON', 'गुप्ता']] },
  {
    name: 'unlisted name after ich bin',
    text: 'Hallo, ich bin Xaver Quandtmeier aus Bayern.',
    expect: [
      ['PERSON', 'Xaver Quandtmeier'],
      ['LOCATION', 'Bayern'],
    ],
  },
  {
    name: 'signature under a sign-off',
    text: 'Mit freundlichen Grüßen\nXaver Quandtmeier',
    expect: [['PERSON', 'Xaver Quandtmeier']],
  },
  {
    name: 'Dutch title lower case',
    text: 'Ik sprak meneer de Vries gisteren.',
    expect: [['PERSON', 'de Vries']],
  },
  { name: 'French M.', text: 'Rendez-vous avec M. Girard demain.', expect: [['PERSON', 'Girard']] },
  { name: 'not a person: street named after one', text: 'Il habite rue Victor Hugo.', expect: [] },
  {
    name: 'not a person: city',
    text: 'We flew to New York City last spring.',
    expect: [['LOCATION', 'New York City']],
  },
  { name: 'not a person: team', text: 'Customer Support Team replied quickly.', expect: [] },

  // ── Mixed, multilingual, tricky ────────────────────────────────────────────────────────────────
  {
    name: 'spanish mixed',
    text: 'Hola, soy Ana López, mi correo es ana.lopez@correo.es y mi teléfono +34 612 345 678.',
    expect: [
      ['PERSON', 'Ana López'],
      ['EMAIL_ADDRESS', 'ana.lopez@correo.es'],
      ['PHONE_NUMBER', '+34 612 345 678'],
    ],
  },
  {
    name: 'german mixed',
    text: 'Bitte überweisen Sie auf DE89 3704 0044 0532 0130 00 und rufen Sie +49 30 901820 an.',
    expect: [
      ['IBAN_CODE', 'DE89 3704 0044 0532 0130 00'],
      ['PHONE_NUMBER', '+49 30 901820'],
    ],
  },
  {
    name: 'french mixed',
    text: 'Bonjour, mon adresse e-mail est luc.martin@exemple.fr et ma carte 4111 1111 1111 1111.',
    expect: [
      ['EMAIL_ADDRESS', 'luc.martin@exemple.fr'],
      ['CREDIT_CARD', '4111 1111 1111 1111'],
    ],
  },
  {
    name: 'emoji before entities',
    text: '🚀🚀 Deploy to 10.1.2.3 then mail ops@example.com 🎉',
    expect: [
      ['IP_ADDRESS', '10.1.2.3'],
      ['EMAIL_ADDRESS', 'ops@example.com'],
    ],
  },
  {
    name: 'chat log line',
    text: 'user: my card is 5105 1051 0510 5100 and my phone is (646) 555-3890',
    expect: [
      ['CREDIT_CARD', '5105 1051 0510 5100'],
      ['PHONE_NUMBER', '(646) 555-3890'],
    ],
  },
  {
    name: 'only a date: support reply',
    text: 'Thanks for reaching out! Your refund of $49.99 was issued on 3/4/2024.',
    expect: [['DATE_TIME', '3/4/2024']],
  },
  {
    name: 'nothing: product codes',
    text: 'SKU AB-1234-XY and model X200 are in stock, 12 units left.',
    expect: [],
  },
  { name: 'nothing: math', text: 'Compute 3.14159 * 2.71828 and round to 2 decimals.', expect: [] },
  {
    name: 'nothing: version list',
    text: 'Tested on Node 20.11.1, Chrome 121.0.6167.85 and Safari 17.3.',
    expect: [],
  },
  {
    name: 'timestamps are dates',
    text: 'Logged at 2024-02-01T10:15:30Z and 2024-02-03 10:16:02.',
    expect: [
      ['DATE_TIME', '2024-02-01T10:15:30Z'],
      ['DATE_TIME', '2024-02-03'],
    ],
  },
  {
    name: 'nothing: german nouns',
    text: 'Vielen Dank für Ihre Nachricht, Ihre Bestellung wird heute versendet.',
    expect: [],
  },
  // Regions and provinces by name (data/regions.ts: CLDR English names, ISO 3166-2 local names).
  { name: 'region: US state', text: 'We moved to Oregon in the spring.', expect: [['LOCATION', 'Oregon']] },
  {
    name: 'region: German Land',
    text: 'Ich wohne seit Jahren in Niedersachsen.',
    expect: [['LOCATION', 'Niedersachsen']],
  },
  {
    name: 'region: French région',
    text: 'Elle habite en Nouvelle-Aquitaine.',
    expect: [['LOCATION', 'Nouvelle-Aquitaine']],
  },
  {
    name: 'region: Spanish comunidad',
    text: 'Vivo en Castilla-La Mancha desde 2019.',
    expect: [['LOCATION', 'Castilla-La Mancha']],
  },
  {
    name: 'region: Italian regione',
    text: 'Abito in Emilia-Romagna.',
    expect: [['LOCATION', 'Emilia-Romagna']],
  },
  {
    name: 'region: Brazilian state',
    text: 'Moro no Rio Grande do Sul.',
    expect: [['LOCATION', 'Rio Grande do Sul']],
  },
  {
    name: 'region: Indian state in English',
    text: 'My family lives in Maharashtra.',
    expect: [['LOCATION', 'Maharashtra']],
  },
  {
    name: 'region: prefecture without macron',
    text: 'I grew up in Hokkaido.',
    expect: [['LOCATION', 'Hokkaido']],
  },
  // Korean names: a family name from the list and a two-syllable given name, before 씨/님 or after 제 이름은.
  { name: 'korean: name before 씨', text: '김민준 씨에게 연락해 주세요.', expect: [['PERSON', '김민준']] },
  {
    name: 'korean: name before 님',
    text: '이서연님, 주문하신 상품이 발송되었습니다.',
    expect: [['PERSON', '이서연']],
  },
  {
    name: 'korean: two-syllable family name',
    text: '남궁민수 님께 전달했습니다.',
    expect: [['PERSON', '남궁민수']],
  },
  {
    name: 'korean: after 제 이름은',
    text: '안녕하세요, 제 이름은 박지훈입니다.',
    expect: [['PERSON', '박지훈']],
  },
  { name: 'korean: 고객님 is no name', text: '고객님, 문의해 주셔서 감사합니다.', expect: [] },
  { name: 'korean: family name and a title', text: '김선생님이 내일 오십니다.', expect: [] },
  // Arabic-Indic (٠-٩), Eastern Arabic-Indic (۰-۹) and Devanagari (०-९) digits read as digits.
  {
    name: 'arabic-indic digits: date of birth',
    text: 'ولدت في ١٢/٠٣/١٩٩٠',
    expect: [['DATE_OF_BIRTH', '١٢/٠٣/١٩٩٠']],
  },
  {
    name: 'eastern arabic-indic digits: date of birth',
    text: 'تاريخ الميلاد: ۱۲/۰۳/۱۹۹۰',
    expect: [['DATE_OF_BIRTH', '۱۲/۰۳/۱۹۹۰']],
  },
  {
    name: 'arabic-indic digits: date with a month name',
    text: 'موعدنا يوم ٣ مارس ٢٠٢٤',
    expect: [['DATE_TIME', '٣ مارس ٢٠٢٤']],
  },
  {
    name: 'arabic-indic digits: international phone',
    text: 'هاتف: +٢٠ ١٠ ١٢٣٤ ٥٦٧٨',
    expect: [['PHONE_NUMBER', '+٢٠ ١٠ ١٢٣٤ ٥٦٧٨']],
  },
  {
    name: 'arabic-indic digits: phone with a context word',
    text: 'رقم هاتفي ٠١٠ ١٢٣٤ ٥٦٧٨',
    expect: [['PHONE_NUMBER', '٠١٠ ١٢٣٤ ٥٦٧٨']],
  },
  {
    name: 'devanagari digits: phone',
    text: 'मेरा फ़ोन नंबर ९८७६५ ४३२१० है',
    expect: [['PHONE_NUMBER', '९८७६५ ४३२१०']],
  },
  {
    name: 'arabic-indic digits: card number',
    text: 'بطاقتي ٤١١١ ١١١١ ١١١١ ١١١١',
    expect: [['CREDIT_CARD', '٤١١١ ١١١١ ١١١١ ١١١١']],
  },
  { name: 'arabic-indic digits: a price is nothing', text: 'السعر ٢٥٠ ريال فقط', expect: [] },
];
