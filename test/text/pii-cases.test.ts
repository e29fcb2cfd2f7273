import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/pii/index.js';
import { PII_CASES } from './pii-cases.js';

/** `[type, start, end]` of every expected entity of a case. */
function expectedSpans(c: (typeof PII_CASES)[number]): Array<[string, number, number]> {
  return c.expect.map(([type, text, occurrence = 0]) => {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) start = c.text.indexOf(text, start + 1);
    if (start < 0) throw new Error(`case '${c.name}': '${text}' is not in its text`);
    return [type, start, start + text.length];
  });
}

describe('labelled PII cases', () => {
  it('has at least 150 cases, with positives and negatives for every checksum type', () => {
    expect(PII_CASES.length).toBeGreaterThanOrEqual(150);
    const names = new Set(PII_CASES.map((c) => c.name));
    expect(names.size).toBe(PII_CASES.length);
    for (const type of [
      'CREDIT_CARD',
      'IBAN_CODE',
      'US_SSN',
      'UK_NHS',
      'ES_NIF',
      'DE_TAX_ID',
      'IN_AADHAAR',
      'CA_SIN',
    ]) {
      expect(PII_CASES.some((c) => c.expect.some(([t]) => t === type))).toBe(true);
    }
    expect(PII_CASES.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(50);
  });

  it.each(PII_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = analyze(c.text, c.options ?? {}).map((e) => [e.type, e.start, e.end]);
    expect(got).toEqual(expectedSpans(c).sort((a, b) => a[1] - b[1]));
  });
});
