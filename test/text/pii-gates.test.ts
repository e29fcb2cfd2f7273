import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { PII_CASES } from './pii-cases.js';

// The gates only skip work: with every gate forced open, the analyzer must find exactly the same.
const gating = vi.hoisted(() => ({ open: false }));
vi.mock('../../src/text/pii/gates.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/text/pii/gates.js')>();
  return { scanGates: (text: string) => (gating.open ? -1 : real.scanGates(text)) };
});

const { analyze } = await import('../../src/text/pii/index.js');

function findings(texts: readonly string[], open: boolean): string[] {
  gating.open = open;
  try {
    return texts.map((t) => JSON.stringify(analyze(t)));
  } finally {
    gating.open = false;
  }
}

function expectSameFindings(texts: readonly string[]) {
  const gated = findings(texts, false);
  const open = findings(texts, true);
  const differ = texts
    .filter((_, i) => gated[i] !== open[i])
    .map((t, i) => ({ t, gated: gated[i], open: open[i] }));
  expect(differ.slice(0, 5)).toEqual([]);
}

/** Pieces of every kind of PII and of the words the gates look for, to be joined at random. */
const PIECES = [
  ...[
    'Hi ',
    'hi ',
    'Hello, ',
    'Regards,\n',
    'Best regards,\n',
    'my name is ',
    'Ich heiße ',
    'soy ',
    'I am ',
    'Thanks ',
  ],
  ...['Maria', 'José García', 'Anna Schmidt', 'van der Berg', 'Mr. ', 'Dr. ', 'Tom'],
  ...[
    'Lindenstraße 12',
    'Goethestr. 5a',
    'Am Markt 3',
    '12 rue Victor Hugo',
    'Calle Mayor 5',
    'Via Roma 10',
    'Kerkstraat 12',
  ],
  ...['350 Fifth Avenue', ', 10115 Berlin', ', 75011 Paris', ' park ', 'straße ', 'rue ', 'Am '],
  ...[
    'sk-',
    'sk_live_',
    'AKIA',
    'ghp_',
    'xoxb-',
    'eyJ',
    'api_key=',
    'password: ',
    'Passwort ',
    'contraseña ',
    'TOKEN ',
  ],
  ...['aB3dE5fG7hJ9kL1mN3pQ5rS7', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0'],
  ...[
    'born on ',
    'né le ',
    'geboren am ',
    'nacido el ',
    'DOB: ',
    'рождения ',
    '生まれ',
    '4 March 1990',
    '1990-03-04',
    '04/03/1990',
  ],
  ...['192.168.0.1', 'version 1.2.3.4', 'fe80::1%eth0', '::', '2001:db8::8a2e:370:7334', 'a:b:c'],
  ...['https://example.com/x', 'www.example.org', 'example.com', 'setup.py', 'shop.example.co.uk/help'],
  ...['4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', '5018 0000 0009', '1234 5678 9012'],
  ...[
    '078-05-1120',
    '078 05 1120',
    '046 454 286',
    '943 476 5919',
    '12.345.678-Z',
    'X-1234567-L',
    '12345678Z',
  ],
  ...['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'NL91ABNA0417164300', 'AB12'],
  ...['(478)546-2120x9629', '+44 20 7946 0958', '+49 1512 3456789', '555-0100', '٠١٢٣٤٥٦٧٨٩', '०१२३'],
  ...[
    'ana@example.com',
    ' @ ',
    '東京都新宿区西新宿2-8-1',
    '北京市朝阳区建国路88号',
    'شارع الملك فهد 12',
    'محمد علي',
  ],
  ...['田中さん', '김민수 씨', 'Москва', 'Berlin', 'New York', 'Paris'],
  ...[
    ' ',
    ' ',
    '  ',
    ', ',
    '. ',
    '\n',
    '\u00a0',
    '-',
    '.',
    ':',
    '1',
    '23',
    '456',
    'x',
    'A',
    'the order ',
    'and ',
  ],
];

describe('gates', () => {
  it('change no finding on the labelled cases', () => {
    expectSameFindings(PII_CASES.map((c) => c.text));
  });

  it('change no finding on the labelled evaluation sentences', () => {
    const texts: string[] = [];
    for (const set of ['tune', 'held']) {
      const body = gunzipSync(
        readFileSync(new URL(`../../bench/data/pii-eval-${set}.jsonl.gz`, import.meta.url)),
      );
      for (const line of body.toString('utf8').split('\n')) if (line) texts.push(JSON.parse(line).text);
    }
    expect(texts.length).toBeGreaterThan(5000);
    expectSameFindings(texts);
  });

  it('change no finding on random mixtures of PII and gate words', () => {
    let a = 7;
    const next = () => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return a / 2 ** 32;
    };
    const texts = Array.from({ length: 4000 }, () => {
      let s = '';
      const n = 1 + Math.floor(next() * 14);
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
      return s;
    });
    // Something is found in most of them, or the comparison would say little.
    const found = findings(texts, false).filter((f) => f !== '[]').length;
    expect(found).toBeGreaterThan(2000);
    expectSameFindings(texts);
  });
});
