import { describe, expect, it } from 'vitest';
import type { QuestionQa } from '../../web/src/api/types.js';
import { agreementText, formatInterval, formatShare, rateText } from '../../web/src/logic/qa.js';
import { matchRoute } from '../../web/src/logic/routes.js';

const question = (over: Partial<QuestionQa>): QuestionQa => ({
  question: 'sentiment',
  type: 'label',
  items: 120,
  agreement: null,
  distribution: [],
  ...over,
});

describe('quality report figures', () => {
  it('reads alpha with its interval and the records it rests on', () => {
    expect(
      agreementText(question({ agreement: { level: 'nominal', alpha: 0.6234, interval: [0.481, 0.7392] } })),
    ).toBe('α 0.62 [0.48, 0.74] over 120 records');
    expect(
      agreementText(question({ items: 1, agreement: { level: 'ordinal', alpha: -0.001, interval: null } })),
    ).toBe('α 0.00 over 1 record');
  });
  it('gives the note when there is no figure', () => {
    expect(agreementText(question({ note: 'no record has two answers yet' }))).toBe(
      'no record has two answers yet',
    );
    expect(agreementText(question({}))).toBe('no agreement figure yet');
  });
  it('shows shares as percentages, small ones with a decimal', () => {
    expect(formatShare(0.9234)).toBe('92%');
    expect(formatShare(0.034)).toBe('3.4%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('—');
    expect(formatInterval([0.05, 0.5], 'share')).toBe('[5%, 50%]');
    expect(formatInterval(null, 'number')).toBe('');
  });
  it('reads a rate with its interval and what it counts', () => {
    expect(rateText(0.9, [0.8, 0.95], 40)).toBe('90% [80%, 95%] of 40');
    expect(rateText(null, null, 0)).toBe('—');
  });
  it('routes the second review page', () => {
    expect(matchRoute('/datasets/x/second')).toEqual({ page: 'second', dataset: 'x' });
  });
});
