import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/values.js';
import { chatChecks, truncationReason } from '../../src/text/quality/chat.js';

const sys = (content = 'You are a helpful assistant.'): ChatMessage => ({ role: 'system', content });
const user = (content: string): ChatMessage => ({ role: 'user', content });
const bot = (content: string): ChatMessage => ({ role: 'assistant', content });
const tool = (content: string): ChatMessage => ({ role: 'tool', content });

/** Issues as [kind, turns] pairs, in the order reported. */
function issues(messages: ChatMessage[], options = {}) {
  return chatChecks(messages, options).issues.map((i) => [i.kind, i.turns]);
}

describe('chatChecks', () => {
  it('passes a well-formed conversation', () => {
    const r = chatChecks([
      sys(),
      user('How do I reset my password?'),
      bot('Open Settings, then choose Reset.'),
    ]);
    expect(r).toEqual({ passed: true, issues: [] });
  });

  it('flags empty and whitespace-only turns', () => {
    expect(issues([user('Hi'), bot(' \n\t '), user('Hello?'), bot('Sorry, I am here.')])).toEqual([
      ['empty_turn', [1]],
    ]);
  });

  it('flags roles out of order with their turns', () => {
    expect(issues([user('Hi.'), bot('Hello.'), sys(), user('Bye.'), bot('Goodbye.')])).toEqual([
      ['system_not_first', [2]],
    ]);
    expect(issues([sys(), bot('Welcome!'), user('Hi.'), bot('How can I help?')])).toEqual([
      ['assistant_first', [1]],
    ]);
    expect(issues([user('Hi.'), user('Anyone there?'), bot('Yes, I am here.')])).toEqual([
      ['consecutive_same_role', [0, 1]],
    ]);
    expect(issues([user('Hi.'), bot('Hello.'), bot('How can I help?')])).toEqual([
      ['consecutive_same_role', [1, 2]],
    ]);
  });

  it('accepts tool turns after an assistant turn, flags them elsewhere', () => {
    const ok = [
      user('Weather?'),
      bot('Checking.'),
      tool('{"t":21}'),
      tool('{"t":22}'),
      bot('It is 21 degrees.'),
    ];
    expect(issues(ok)).toEqual([]);
    expect(issues([user('Weather?'), tool('{"t":21}'), bot('It is 21 degrees.')])).toEqual([
      ['tool_without_call', [1]],
    ]);
  });

  it('flags a conversation without an assistant turn, or ending on the user', () => {
    expect(issues([sys(), user('Hello?')])).toEqual([['no_assistant_turn', []]]);
    expect(issues([user('Hi.'), bot('Hello.'), user('Are you there?')])).toEqual([
      ['last_turn_not_assistant', [2]],
    ]);
  });

  it('flags identical consecutive turns, ignoring case and spacing', () => {
    expect(
      issues([user('What time is it?'), bot('It is noon.'), user('It is  NOON.'), bot('Yes, it is.')]),
    ).toEqual([['duplicate_consecutive_turn', [1, 2]]]);
  });

  it('flags an assistant repeating a user turn, once, naming both turns', () => {
    expect(issues([user('Tell me a joke.'), bot('Tell me a joke.')])).toEqual([
      ['assistant_repeats_user', [0, 1]],
    ]);
    expect(
      issues([user('Tell me a joke.'), bot('Why not.'), user('Another one.'), bot('tell me a joke.')]),
    ).toEqual([['assistant_repeats_user', [0, 3]]]);
  });

  it('flags a truncated last assistant turn with its index', () => {
    const r = chatChecks([sys(), user('Recipe?'), bot('Mix the flour and')]);
    expect(r.issues).toEqual([
      {
        kind: 'truncated_ending',
        turns: [2],
        message: "assistant turn 2 looks cut off: ends with 'and'",
      },
    ]);
    // Only the last assistant turn is checked.
    expect(issues([user('Recipe?'), bot('Mix the flour and'), user('And?'), bot('Then bake it.')])).toEqual(
      [],
    );
  });

  it('takes an email signature under a finished text as a finished ending, but not a cut-off line', () => {
    const finished = [
      'The refund reaches you in 5–7 days.\n\nBest regards,\nSam',
      'Sie erhalten dann eine Bestätigung.\n\nMit freundlichen Grüßen\nJonas Keller',
      'Belles sorties en plein air !\n\nSophie',
      '返金処理が完了し次第、ご連絡いたします。\n佐藤',
      'असुविधा के लिए क्षमा।\n\nसादर,\nनेहा',
      'رحلة سعيدة لك ولعائلتك!\nسارة',
    ];
    for (const text of finished) expect(truncationReason(text), text).toBeUndefined();
    const cut = [
      'Thanks.\n\nThe refund will',
      'I will check the order and\nthen',
      'We can ship it\nTomorrow',
      'Your order\n\nSam',
    ];
    for (const text of cut) expect(truncationReason(text), text).toBeDefined();
  });

  it('flags turns over the length limit (configurable, null disables)', () => {
    const long = `${'a'.repeat(40)}.`;
    expect(issues([user('Hi.'), bot(long)], { maxTurnChars: 40 })).toEqual([['overlong_turn', [1]]]);
    expect(issues([user('Hi.'), bot(long)], { maxTurnChars: 41 })).toEqual([]);
    expect(issues([user('x'.repeat(32_001)), bot('Done.')])).toEqual([['overlong_turn', [0]]]);
    expect(issues([user('x'.repeat(32_001)), bot('Done.')], { maxTurnChars: null })).toEqual([]);
  });

  it('reports issues in turn order', () => {
    const r = issues([user('Hi.'), user('  '), bot('Hello.'), bot('Bye,')]);
    expect(r).toEqual([
      ['consecutive_same_role', [0, 1]],
      ['empty_turn', [1]],
      ['consecutive_same_role', [2, 3]],
      ['truncated_ending', [3]],
    ]);
  });
});

describe('truncationReason', () => {
  it.each([
    ['Here is the code:\n```python\nprint(1)\n', 'an unclosed code fence'],
    ['The function (see below', "an unclosed '('"],
    ['He said "wait', "an unclosed '\"'"],
    ['She called it “the best', "an unclosed '“'"],
    ['We need eggs, flour,', "ends with ','"],
    ['The steps are:', "ends with ':'"],
    ['Mix the flour and', "ends with 'and'"],
    ['- eggs\n- flour and', "ends with 'and'"],
    ['The answer is 42', 'no sentence-final punctuation'],
  ])('%j → %s', (text, reason) => {
    expect(truncationReason(text)).toBe(reason);
  });

  it.each([
    'The answer is 42.',
    'Really?!',
    'Run this:\n```sh\nls\n```',
    'You need:\n- eggs\n- flour',
    '| a | b |\n| 1 | 2 |',
    'Have a nice day 😊',
    'Great :)',
    '(See the manual.)',
    '**Done.**',
    'Er sagte „Hallo“.',
    'Call `f(x` with care.',
    'Docs: https://example.com/a',
    '答案是四十二。',
    'هل هذا صحيح؟',
    'यह सही है।',
  ])('%j looks finished', (text) => {
    expect(truncationReason(text)).toBeUndefined();
  });

  it('uses the conjunctions of the given language', () => {
    expect(truncationReason('Wir brauchen Mehl und')).toBe('no sentence-final punctuation');
    expect(truncationReason('Wir brauchen Mehl und', 'de')).toBe("ends with 'und'");
  });
});
