import { describe, expect, it } from 'vitest';
import { disagreementOf } from '../../src/core/answer-compare.js';
import type { QuestionSettings, ResponseView } from '../../web/src/api/types.js';
import { agreementFor } from '../../web/src/logic/disagreement.js';

/**
 * The review screen marks disagreement per question; the server's disagreement score orders the
 * review queue. A reviewer must see disagreement exactly where the queue counted it.
 */

const response = (id: number, values: Record<string, unknown>): ResponseView =>
  ({
    id,
    username: `u${id}`,
    round: 1,
    values,
    status: 'submitted',
    reason: null,
    timeSpentMs: 1000,
    updatedAt: 0,
  }) as ResponseView;

const pref: QuestionSettings = {
  name: 'p',
  type: 'preference',
  required: true,
  options: ['a', 'b'],
  allowTie: true,
  strength: true,
};

describe('the review screen and the review queue', () => {
  it('count two preferences with the same choice and different strengths as agreeing', () => {
    const answers = [{ p: { choice: 'A', strength: 'slight' } }, { p: { choice: 'A', strength: 'strong' } }];
    const ag = agreementFor(
      pref,
      answers.map((v, i) => response(i + 1, v)),
    );
    expect(ag.unanimous).toBe(true);
    expect([...ag.cells.values()]).toEqual(['agree', 'agree']);
    expect(
      disagreementOf(
        [pref],
        answers.map((values) => ({ status: 'submitted', values })),
      ),
    ).toBe(0);
    // A different choice is a disagreement on both.
    const split = [{ p: { choice: 'A', strength: 'strong' } }, { p: { choice: 'B', strength: 'strong' } }];
    expect(agreementFor(pref, [response(1, split[0]!), response(2, split[1]!)]).unanimous).toBe(false);
    expect(disagreementOf([pref], [sub(split[0]!), sub(split[1]!)])).toBe(0.5);
  });

  it('agree on every kind of question about which pairs of answers disagree', () => {
    const q = <T extends QuestionSettings['type']>(type: T, extra: object) =>
      ({ name: 'x', type, required: true, ...extra }) as QuestionSettings;
    const options = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];
    const cases: [QuestionSettings, unknown, unknown][] = [
      [q('label', { options }), 'a', 'a'],
      [q('label', { options }), 'a', 'b'],
      [q('multi_label', { options }), ['a', 'b'], ['b', 'a']],
      [q('multi_label', { options }), ['a'], ['a', 'b']],
      [q('rating', { values: [1, 2, 3] }), 2, 2],
      [q('rating', { values: [1, 2, 3] }), 2, 3],
      [
        q('ranking', { options }),
        [
          { value: 'a', rank: 1 },
          { value: 'b', rank: 2 },
        ],
        [
          { value: 'b', rank: 2 },
          { value: 'a', rank: 1 },
        ],
      ],
      [
        q('ranking', { options }),
        [
          { value: 'a', rank: 1 },
          { value: 'b', rank: 2 },
        ],
        [
          { value: 'a', rank: 2 },
          { value: 'b', rank: 1 },
        ],
      ],
      [q('text', { markdown: false }), 'fine ', 'fine'],
      [q('text', { markdown: false }), 'fine', 'good'],
      [
        q('span', { field: 'f', labels: options, allowOverlap: true }),
        [
          { start: 0, end: 2, label: 'b' },
          { start: 0, end: 2, label: 'a' },
        ],
        [
          { start: 0, end: 2, label: 'a' },
          { start: 0, end: 2, label: 'b' },
        ],
      ],
      [
        q('span', { field: 'f', labels: options, allowOverlap: false }),
        [{ start: 0, end: 2, label: 'a' }],
        [{ start: 0, end: 3, label: 'a' }],
      ],
      [{ ...pref, name: 'x' }, { choice: 'A', strength: 'clear' }, { choice: 'A' }],
      [{ ...pref, name: 'x' }, { choice: 'tie' }, { choice: 'A', strength: 'slight' }],
    ];
    for (const [question, a, b] of cases) {
      expect(question.name).toBe('x');
      const screen = agreementFor(question, [response(1, { x: a }), response(2, { x: b })]).unanimous;
      const queue = disagreementOf([question], [sub({ x: a }), sub({ x: b })]) === 0;
      expect(screen, `${question.type}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(queue);
    }
  });
});

function sub(values: Record<string, unknown>) {
  return { status: 'submitted' as const, values };
}
