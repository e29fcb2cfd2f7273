import { afterEach, describe, expect, it, vi } from 'vitest';
import { verdictJson } from '../../src/cli/commands/pii.js';
import { saltedHash } from '../../src/text/pii/index.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';

const file = fixtures('pii', '.jsonl');

const tandem = runInProcess;

afterEach(() => vi.restoreAllMocks());

const rows = [
  { id: 1, text: 'Mail ana@example.com or call (415) 555-2671.' },
  { id: 2, text: 'Nothing to see here.' },
  { id: 3, text: 'Card 4111 1111 1111 1111, again ana@example.com', extra: [1, 2] },
];
const jsonl = (r: unknown[]) => r.map((x) => JSON.stringify(x)).join('\n');

describe('tandem pii', () => {
  it('--json prints one {line, entities} object per input line, offsets in UTF-16 units', async () => {
    // The blank line is skipped and shifts the later line numbers.
    const f = file(`${jsonl(rows.slice(0, 2))}\n\n${jsonl([{ text: '😀 ana@example.com' }])}\n`);
    const r = await tandem(['pii', f, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        line: 1,
        entities: [
          { type: 'EMAIL_ADDRESS', start: 5, end: 20, text: 'ana@example.com', score: 1 },
          { type: 'PHONE_NUMBER', start: 29, end: 43, text: '(415) 555-2671', score: 0.95 },
        ],
      },
      { line: 2, entities: [] },
      {
        line: 4,
        entities: [{ type: 'EMAIL_ADDRESS', start: 3, end: 18, text: 'ana@example.com', score: 1 }],
      },
    ]);
  });

  it('prints findings per line, then counts per type', async () => {
    const r = await tandem(['pii', file(jsonl(rows))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'line 1: EMAIL_ADDRESS [5, 20) "ana@example.com" 1.00',
        'line 1: PHONE_NUMBER [29, 43) "(415) 555-2671" 0.95',
        'line 3: CREDIT_CARD [5, 24) "4111 1111 1111 1111" 1.00',
        'line 3: EMAIL_ADDRESS [32, 47) "ana@example.com" 1.00',
        '',
        '3 lines, 2 with PII, 4 entities: EMAIL_ADDRESS 2, CREDIT_CARD 1, PHONE_NUMBER 1.',
        '',
      ].join('\n'),
    );
  });

  it('--redact writes the lines with the field replaced and the summary to stderr', async () => {
    const r = await tandem(['pii', file(jsonl(rows)), '--redact']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 1, text: 'Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>.' },
      { id: 2, text: 'Nothing to see here.' },
      { id: 3, text: 'Card <CREDIT_CARD>, again <EMAIL_ADDRESS>', extra: [1, 2] },
    ]);
    expect(r.stderr).toBe(
      'Redacted with replace: 3 lines, 2 with PII, 4 entities: EMAIL_ADDRESS 2, CREDIT_CARD 1, PHONE_NUMBER 1.\n',
    );
  });

  it('--operator implies --redact; hash is salted and the same value hashes the same on every line', async () => {
    const r = await tandem(['pii', file(jsonl(rows)), '--operator', 'hash', '--salt', 'pepper']);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const h = saltedHash('ana@example.com', 'pepper');
    expect(out[0].text).toBe(`Mail ${h} or call ${saltedHash('(415) 555-2671', 'pepper')}.`);
    expect(out[2].text).toBe(`Card ${saltedHash('4111 1111 1111 1111', 'pepper')}, again ${h}`);
  });

  it('fake keeps one mapping for the whole file; the salt may come from $TANDEM_PII_SALT', async () => {
    vi.stubEnv('TANDEM_PII_SALT', 'env-salt');
    try {
      const r = await tandem(['pii', file(jsonl(rows)), '--operator', 'fake']);
      expect(r.code).toBe(0);
      const out = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const first = /^Mail (\S+) or/.exec(out[0].text)?.[1];
      expect(first).toMatch(/@example\.(com|org|net)$/);
      expect(first).not.toBe('ana@example.com');
      expect(out[2].text.endsWith(`again ${first}`)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('--field, --region and --min-score', async () => {
    const f = file(jsonl([{ body: 'Zentrale 089-12345678, asset logo@2x.png' }]));
    const us = await tandem(['pii', f, '--field', 'body', '--json']);
    expect(JSON.parse(us.stdout).entities).toEqual([]);
    const de = await tandem(['pii', f, '--field', 'body', '--region', 'DE', '--json']);
    expect(JSON.parse(de.stdout).entities.map((e: { text: string }) => e.text)).toEqual(['089-12345678']);
    const low = await tandem(['pii', f, '--field', 'body', '--region', 'de', '--min-score', '0.4', '--json']);
    expect(JSON.parse(low.stdout).entities.map((e: { type: string }) => e.type)).toEqual([
      'PHONE_NUMBER',
      'EMAIL_ADDRESS',
    ]);
  });

  it('a bad line exits 2 naming file:line', async () => {
    const f = file(`${jsonl(rows.slice(0, 1))}\n{"text": "broken\n${jsonl(rows.slice(1))}`);
    const r = await tandem(['pii', f, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:2`);
  });

  it('a missing or non-string field exits 2 naming file:line', async () => {
    const missing = file(jsonl([rows[0], { id: 9 }]));
    const r1 = await tandem(['pii', missing]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`error: ${missing}:2: field 'text' is missing`);
    const wrong = file(jsonl([{ text: ['a', 'b'] }]));
    const r2 = await tandem(['pii', wrong, '--redact']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${wrong}:1: field 'text' must be a string, found an array`);
  });

  it('rejects bad flags with exit 2', async () => {
    const f = file(jsonl(rows));
    for (const args of [
      ['--operator', 'shred'],
      ['--operator', 'hash'],
      ['--region', 'Narnia'],
      ['--min-score', '2'],
      ['--min-score', 'high'],
    ]) {
      vi.stubEnv('TANDEM_PII_SALT', '');
      const r = await tandem(['pii', f, ...args]);
      vi.unstubAllEnvs();
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });

  it('a missing file exits 2', async () => {
    const r = await tandem(['pii', '/nonexistent/x.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/x.jsonl');
  });
});

describe('verdictJson', () => {
  it('writes the bytes JSON.stringify writes, escapes and scores included', () => {
    const entities = [
      { type: 'PERSON' as const, start: 0, end: 9, text: 'Zoë "Zed"', score: 0.85 },
      { type: 'EMAIL_ADDRESS' as const, start: 10, end: 30, text: 'a\\b\n\t\u0001\ud800😀é', score: 1 },
      { type: 'DATE_TIME' as const, start: 31, end: 40, text: '</script>', score: 0.1 + 0.2 },
    ];
    for (const found of [[], entities.slice(0, 1), entities]) {
      expect(verdictJson(7, found)).toBe(JSON.stringify({ line: 7, entities: found }));
    }
  });
});
