import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguageDetector } from '../../src/text/language.js';
import {
  asChatMessages,
  chatLanguageTurns,
  chatText,
  DEFAULT_MISMATCH_THRESHOLD,
  languageMismatch,
  messageText,
} from '../../src/text/language-checks.js';
import { sentences } from './language-fixtures.js';

const { LONG, CHATS, messagesOf } = sentences;

beforeAll(() => loadLanguageDetector());

describe('languageMismatch', () => {
  it('flags a confident detection of another language, with the reason', () => {
    const r = languageMismatch(LONG.en![0]!, 'de');
    expect(r).toMatchObject({ flagged: true, expected: ['de'], lang: 'en' });
    expect(r.score).toBeGreaterThanOrEqual(DEFAULT_MISMATCH_THRESHOLD);
    expect(r.reason).toMatch(/^English \(en, score [\d.]+\), expected German \(de\)$/);
  });

  it('accepts the expected language, any of a list, and codes written with a region or as no', () => {
    expect(languageMismatch(LONG.de![0]!, 'de')).toMatchObject({ flagged: false, lang: 'de' });
    expect(languageMismatch(LONG.de![0]!, 'de').reason).toMatch(/German \(de, score [\d.]+\) as expected/);
    expect(languageMismatch(LONG.de![0]!, ['en', 'de'])).toMatchObject({
      flagged: false,
      expected: ['en', 'de'],
    });
    expect(languageMismatch(LONG.pt![3]!, 'pt-BR')).toMatchObject({ flagged: false, expected: ['pt'] });
    expect(languageMismatch(LONG.nb![0]!, 'no')).toMatchObject({ flagged: false, expected: ['nb'] });
    // The model knows one Norwegian: Bokmål answers satisfy an expected Nynorsk.
    expect(languageMismatch(LONG.nb![0]!, 'nn').flagged).toBe(false);
    expect(languageMismatch(LONG.da![0]!, 'nb')).toMatchObject({ flagged: true, lang: 'da' });
  });

  it('never flags too short a text or a score below the threshold', () => {
    expect(languageMismatch('ok', 'de')).toMatchObject({ flagged: false, lang: 'und', score: 0 });
    expect(languageMismatch('ok', 'de').reason).toMatch(/too short to tell \(2 letters, fewer than 10\)/);
    const text = 'My password reset link expired.'; // the model's guess is Serbian, unsure
    const low = languageMismatch(text, 'en');
    expect(low.lang).toBe('sr');
    expect(low.score).toBeLessThan(DEFAULT_MISMATCH_THRESHOLD);
    expect(low.flagged).toBe(false);
    expect(low.reason).toMatch(
      /looks like Serbian \(sr\), expected English \(en\), but the score .* is below 0.9/,
    );
    expect(languageMismatch(text, 'en', { threshold: 0.3 }).flagged).toBe(true);
  });
});

describe('chat helpers', () => {
  it('reads message text from strings and OpenAI text parts, and recognises chats', () => {
    expect(messageText('hi')).toBe('hi');
    expect(messageText([{ type: 'text', text: 'a' }, { type: 'image_url' }, 'b'])).toBe('a\nb');
    expect(messageText(42)).toBeUndefined();
    const chat = [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'Hola' },
      { role: 'assistant', content: [{ type: 'text', text: '¿Qué tal?' }] },
      { role: 'tool', content: '{"ok": true}' },
    ];
    expect(asChatMessages(chat)).toBe(chat);
    expect(chatText(chat)).toBe('Hola\n¿Qué tal?');
    expect(chatText(chat, ['system'])).toBe('You are a helpful assistant.');
    for (const bad of ['text', [], [{ content: 'no role' }], [{ role: 'user', content: 3 }], [null], {}])
      expect(asChatMessages(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('chatLanguageTurns', () => {
  const chat = (lang: string) => CHATS.find((c) => c.lang === lang)!;

  it('finds exactly the labelled off-language turns of every benchmark chat, with and without expected', () => {
    for (const c of CHATS) {
      const off = c.turns.flatMap(([, lang], i) => (lang !== c.lang ? [i] : []));
      expect(
        chatLanguageTurns(messagesOf(c), c.lang).map((t) => t.index),
        c.lang,
      ).toEqual(off);
      expect(
        chatLanguageTurns(messagesOf(c)).map((t) => t.index),
        c.lang,
      ).toEqual(off);
    }
  });

  it('names the turn, its role, language and reason', () => {
    expect(chatLanguageTurns(messagesOf(chat('nb')), 'nb')).toEqual([
      {
        index: 3,
        role: 'assistant',
        lang: 'da',
        score: expect.any(Number),
        expected: ['nb'],
        reason: expect.stringMatching(/^Danish \(da, score [\d.]+\), expected Norwegian Bokmål \(nb\)$/),
      },
    ]);
  });

  it('takes the conversation’s language by a vote of its turns, not from the first turn', () => {
    // A Chinese chat whose last reply is Japanese: the concatenated text reads as Japanese to the model.
    expect(chatLanguageTurns(messagesOf(chat('zh'))).map((t) => [t.index, t.lang])).toEqual([[2, 'ja']]);
  });

  it('skips short turns and other roles', () => {
    const es = messagesOf(chat('es')); // turn 2 is "Vale, gracias."
    expect(chatLanguageTurns(es, 'en').map((t) => t.index)).toEqual([0, 1, 3]);
    // Its guess (Lithuanian) is unsure as well: a low threshold shows it is the length that skips it.
    expect(chatLanguageTurns(es, 'en', { threshold: 0.5 }).map((t) => t.index)).toEqual([0, 1, 3]);
    expect(chatLanguageTurns(es, 'en', { threshold: 0.5, minLetters: 5 }).map((t) => t.index)).toEqual([
      0, 1, 2, 3,
    ]);
    const withSystem = [{ role: 'system', content: LONG.en![2]! }, ...es];
    expect(chatLanguageTurns(withSystem, 'es')).toEqual([]);
    expect(chatLanguageTurns(withSystem, 'es', { roles: ['system', 'user'] }).map((t) => t.index)).toEqual([
      0,
    ]);
    expect(chatLanguageTurns([{ role: 'user', content: 'ok' }])).toEqual([]);
  });
});
