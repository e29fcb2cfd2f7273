import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '../../../src/core/record.js';
import { parseSettings } from '../../../src/core/settings-file.js';
import { validateAnswer } from '../../../src/stages/review/answers.js';

const conversation = [
  { role: 'system', content: 'Be kind.' },
  { role: 'user', content: 'Refund?' },
  { role: 'assistant', content: 'In 90 days.' },
];

const settingsWith = (roles: string) =>
  parseSettings(
    `fields:\n  - {name: conversation, type: chat}\nquestions:\n  - {name: fix, type: text, corrects: conversation${roles}}\n`,
    'settings.yaml',
  );

const record = {
  id: 1,
  fields: { conversation },
} as unknown as DatasetRecord;

const withTurn = (i: number, content: string) =>
  conversation.map((m, j) => (j === i ? { ...m, content } : m));

describe('a correction of a conversation changes only the turns its question allows', () => {
  it('takes a corrected agent turn by default and refuses a changed user or system turn', () => {
    const settings = settingsWith('');
    const fixed = withTurn(2, 'In 14 days.');
    expect(validateAnswer(settings, record, { fix: fixed }, 'submitted')).toEqual({ fix: fixed });
    expect(() => validateAnswer(settings, record, { fix: withTurn(1, 'Money back?') }, 'submitted')).toThrow(
      /fix: turn 2 \(user\) may not be changed: this question corrects assistant turns only/,
    );
    expect(() => validateAnswer(settings, record, { fix: withTurn(0, 'Be rude.') }, 'draft')).toThrow(
      /turn 1 \(system\)/,
    );
    // Turns keep their number and roles.
    expect(() => validateAnswer(settings, record, { fix: conversation.slice(0, 2) }, 'submitted')).toThrow(
      /keeps the conversation's 3 turns/,
    );
    const swapped = conversation.map((m, j) => (j === 2 ? { ...m, role: 'user' } : m));
    expect(() => validateAnswer(settings, record, { fix: swapped }, 'submitted')).toThrow(
      /turn 3 must stay a assistant turn/,
    );
  });

  it('lets roles name other turns', () => {
    const settings = settingsWith(', roles: [user, assistant]');
    const fixed = withTurn(1, 'Can I have a refund?');
    expect(validateAnswer(settings, record, { fix: fixed }, 'submitted')).toEqual({ fix: fixed });
    expect(() => validateAnswer(settings, record, { fix: withTurn(0, 'x') }, 'submitted')).toThrow(
      /corrects user, assistant turns only/,
    );
  });

  it('refuses roles on a question that does not correct a conversation', () => {
    expect(() =>
      parseSettings(
        'fields:\n  - {name: t, type: text}\nquestions:\n  - {name: fix, type: text, corrects: t, roles: [user]}\n',
        'settings.yaml',
      ),
    ).toThrow(/roles apply only to the correction of a chat field/);
    expect(() =>
      parseSettings(
        'fields:\n  - {name: t, type: text}\nquestions:\n  - {name: note, type: text, roles: [user]}\n',
        'settings.yaml',
      ),
    ).toThrow(/roles apply only with corrects/);
    expect(() => settingsWith(', roles: [robot]')).toThrow(/roles/);
  });
});
