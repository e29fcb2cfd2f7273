import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { questionSettings } from '../../src/core/questions.js';
import { answerSchema, chat } from '../../src/core/values.js';

const q = (o: unknown) => questionSettings.parse(o);

/** The first issue's message, as the API would name it. */
const message = (
  schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } },
  v: unknown,
) => schema.safeParse(v).error?.issues[0]?.message;

describe('answer schemas (zod/mini, bundled by the web app)', () => {
  // The same checks written in classic zod, as answerSchema was before it moved: the API's error
  // messages must not change with the move.
  it('give the messages the classic schemas gave', () => {
    const label = q({ name: 'l', type: 'label', options: ['a', 'b'] });
    expect(message(answerSchema(label), 'c')).toBe(message(z.enum(['a', 'b']), 'c'));
    expect(message(answerSchema(label), 3)).toBe(message(z.enum(['a', 'b']), 3));

    const multi = q({ name: 'm', type: 'multi_label', options: ['a', 'b'] });
    expect(message(answerSchema(multi), ['a', 'a'])).toBe('labels must not repeat');

    const rating = q({ name: 'r', type: 'rating', values: [1, 2, 3] });
    expect(message(answerSchema(rating), 7)).toBe('must be one of 1, 2, 3');
    expect(message(answerSchema(rating), '2')).toBe(message(z.number(), '2'));

    const ranking = q({ name: 'k', type: 'ranking', options: ['a', 'b'] });
    expect(message(answerSchema(ranking), [{ value: 'a', rank: 1 }])).toBe(
      'must rank every option once: a, b',
    );
    expect(message(answerSchema(ranking), [{ value: 'a', rank: 0.5 }])).toBe(
      message(z.number().int().min(1), 0.5),
    );

    const text = q({ name: 't', type: 'text' });
    expect(message(answerSchema(text), 'x'.repeat(100_001))).toBe(
      message(z.string().max(100_000), 'x'.repeat(100_001)),
    );

    const spans = q({ name: 's', type: 'span', field: 'f', labels: ['PER', 'ORG'] });
    expect(message(answerSchema(spans), [{ start: 3, end: 2, label: 'PER' }])).toBe(
      'each span must end after it starts',
    );
    expect(message(answerSchema(spans), [{ start: 0, end: 2, label: 'LOC' }])).toBe(
      'span labels must be one of PER, ORG',
    );
    expect(message(answerSchema(spans), [{ start: 0, end: 2, label: 'PER', extra: 1 }])).toBe(
      message(z.strictObject({ start: z.number() }), { start: 0, extra: 1 }),
    );

    const pref = q({ name: 'p', type: 'preference', options: ['a', 'b'] });
    expect(message(answerSchema(pref), { choice: 'C' })).toBe(message(z.enum(['A', 'B', 'tie']), 'C'));
    expect(message(chat, [])).toBe('a conversation needs at least one message');
  });
});
