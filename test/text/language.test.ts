import { beforeAll, describe, expect, it } from 'vitest';
import {
  CJK_WEIGHT,
  cleanForDetection,
  detectLanguage,
  detectLanguages,
  isLanguageDetectorLoaded,
  letterProfile,
  loadLanguageDetector,
  MAX_CHARS,
  MIN_LETTERS,
  normalizeLanguageCode,
} from '../../src/text/language.js';
import { type Sample, sentences } from './language-fixtures.js';

const { LONG, SHORT, MIXED, CORE_LANGUAGES, samples } = sentences;

function accuracy(set: Sample[]): { acc: number; wrong: string[] } {
  const wrong = set.filter(([lang, t]) => detectLanguage(t).lang !== lang);
  return {
    acc: 1 - wrong.length / set.length,
    wrong: wrong.map(([l, t]) => `${l}→${detectLanguage(t).lang}: ${t}`),
  };
}

// Runs first: the module state is fresh in this test file's process.
it('refuses to detect before the model is loaded, and loads once', async () => {
  expect(isLanguageDetectorLoaded()).toBe(false);
  expect(() => detectLanguage(LONG.en![0]!)).toThrow(/loadLanguageDetector/);
  const a = loadLanguageDetector();
  expect(loadLanguageDetector()).toBe(a);
  await a;
  expect(isLanguageDetectorLoaded()).toBe(true);
});

describe('detectLanguage', () => {
  beforeAll(() => loadLanguageDetector());

  it('is right on ≥ 95% of the held-out sentences of 20+ words, in the 20 languages and in all 25', () => {
    const heldOut = samples(LONG, 'test');
    const core = heldOut.filter(([l]) => CORE_LANGUAGES.includes(l));
    expect(core).toHaveLength(20 * 5);
    expect(heldOut).toHaveLength(25 * 5);
    const c = accuracy(core);
    expect(c.acc, c.wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    const all = accuracy(heldOut);
    expect(all.acc, all.wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('stays useful on held-out short texts of 3–8 words (measured 93%)', () => {
    const r = accuracy(samples(SHORT, 'test'));
    expect(r.acc, r.wrong.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('answers ISO 639-1 codes with a score in (0, 1], high on long sentences', () => {
    const scores: number[] = [];
    for (const [, text] of samples(LONG)) {
      const r = detectLanguage(text);
      expect(r.lang).toMatch(/^[a-z]{2}$/);
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
      scores.push(r.score);
    }
    scores.sort((a, b) => a - b);
    expect(scores[Math.floor(scores.length / 10)]).toBeGreaterThan(0.95); // 90% of them above 0.95
  });

  it('tells Norwegian Bokmål, Danish and Swedish apart (nb, not the model’s no)', () => {
    // The nb and da sentences are translations of each other.
    LONG.nb!.forEach((nb, i) => {
      expect(detectLanguage(nb).lang, nb).toBe('nb');
      expect(detectLanguage(LONG.da![i]!).lang, LONG.da![i]).toBe('da');
    });
    for (const sv of LONG.sv!) expect(detectLanguage(sv).lang, sv).toBe('sv');
  });

  it('tells Chinese and Japanese apart, kanji-heavy Japanese and Chinese with a katakana dot included', () => {
    for (const zh of LONG.zh!) expect(detectLanguage(zh).lang, zh).toBe('zh');
    for (const ja of LONG.ja!) expect(detectLanguage(ja).lang, ja).toBe('ja');
    expect(detectLanguage('請問埃隆・馬斯克的新書什麼時候上市？').lang).toBe('zh');
    expect(detectLanguage('請問埃隆・马斯克的新书什么时候在中国上市？').lang).toBe('zh');
    expect(detectLanguage('政府は火曜日、地方都市に新病院建設予算を発表した。').lang).toBe('ja');
  });

  it('answers und with score 0 below the minimum length', () => {
    for (const t of ['', '   ', 'ok', 'Hello', 'Tak', 'Thanks!', '你好', '12345 67890 !!!', 'Where is it'])
      expect(detectLanguage(t), t).toEqual({ lang: 'und', score: 0 });
    expect(letterProfile('Where is it').letters).toBe(MIN_LETTERS - 1);
    // A URL or an e-mail address is not text.
    expect(detectLanguage('https://www.example.com/help/how-to-reset-your-password').lang).toBe('und');
    expect(detectLanguage('someone.with.a.long.name@example.com').lang).toBe('und');
    // At the minimum the model answers (whatever it thinks of two words).
    expect(letterProfile('Hello there').letters).toBe(MIN_LETTERS);
    expect(detectLanguage('Hello there').lang).not.toBe('und');
  });

  it('counts a CJK character or Hangul syllable as several letters, and vowel signs as letters', () => {
    expect(letterProfile('我的订单').letters).toBe(4 * CJK_WEIGHT);
    expect(detectLanguage('我的订单在哪里').lang).toBe('zh');
    expect(detectLanguage('주문').lang).toBe('und');
    expect(detectLanguage('주문 어디').lang).toBe('ko'); // 4 syllables = 12 letters
    expect(detectLanguage('क्या आप बाद में फ़ोन करेंगे?').lang).toBe('hi');
  });

  it('uses script shortcuts where the model errs on code-switched text, and only then', () => {
    const ko = 'Python script 실행하면 ImportError 나와요, requirements 설치했는데도요.';
    expect(detectLanguage(ko)).toMatchObject({ lang: 'ko' });
    expect(detectLanguage(ko, { scriptShortcuts: false }).lang).not.toBe('ko');
    const ja = 'Amazon Primeの会員費がdouble chargeされていました。';
    expect(detectLanguage(ja).lang).toBe('ja');
    expect(detectLanguage(ja, { scriptShortcuts: false }).lang).not.toBe('ja');
    for (const [lang, text] of MIXED) expect(detectLanguage(text).lang, text).toBe(lang);
    // Hebrew script is also Yiddish: left to the model, which still gets Hebrew right.
    expect(detectLanguage(LONG.he![0]!, { scriptShortcuts: false })).toEqual(detectLanguage(LONG.he![0]!));
  });

  it('blanks control characters, which would make the model stop reading', () => {
    const de = LONG.de![0]!;
    expect(cleanForDetection(`\u0001${de}`)).toBe(` ${de}`);
    expect(detectLanguage(`\u0001${de}`)).toEqual(detectLanguage(` ${de}`));
    expect(detectLanguage(`\u0001${de}`).lang).toBe('de');
    expect(cleanForDetection('a\ud800b\ufeffc\uffffd\te')).toBe('a b c d e');
  });

  it('looks at the first MAX_CHARS characters only, never splitting a surrogate pair', () => {
    const de = LONG.de!.join(' ');
    const head = `${de} `.repeat(Math.ceil(MAX_CHARS / de.length) + 1).slice(0, MAX_CHARS);
    const tail = LONG.en!.join(' ').repeat(200); // 30,000+ characters of English after it
    expect(detectLanguage(head + tail).lang).toBe('de');
    expect(detectLanguage(LONG.en![0]!.repeat(5000)).lang).toBe('en');
    const emoji = `${'a'.repeat(MAX_CHARS - 1)}😀`;
    expect(cleanForDetection(emoji)).toBe('a'.repeat(MAX_CHARS - 1));
  });

  it('restricts answers with only: a close relative at half the score, else und', () => {
    const nb = 'Været er nydelig i dag.'; // the model says da
    const free = detectLanguage(nb);
    expect(free.lang).toBe('da');
    expect(detectLanguage(nb, { only: ['nb', 'sv'] })).toEqual({
      lang: 'nb',
      score: Math.round((free.score / 2) * 10_000) / 10_000,
    });
    expect(detectLanguage(nb, { only: ['NO', 'en'] }).lang).toBe('nb');
    expect(detectLanguage(nb, { only: ['en', 'fr'] })).toEqual({ lang: 'und', score: 0 });
    expect(detectLanguage(LONG.fr![0]!, { only: ['fr-FR', 'de'] })).toEqual(detectLanguage(LONG.fr![0]!));
    expect(detectLanguage(LONG.ko![0]!, { only: ['zh'] })).toEqual({ lang: 'und', score: 0 });
  });
});

describe('detectLanguages', () => {
  beforeAll(() => loadLanguageDetector());

  it('lists the languages of a mixed text, the whole text’s answer first', () => {
    const text = `${LONG.en![0]} ${LONG.ru![0]}`;
    const parts = detectLanguages(text);
    expect(parts.map((p) => p.lang).sort()).toEqual(['en', 'ru']);
    expect(parts[0]!.lang).toBe(detectLanguage(text).lang);
    const total = parts.reduce((n, p) => n + p.share, 0);
    expect(total).toBeGreaterThan(0.99);
    expect(total).toBeLessThan(1.01);
  });

  it('gives one entry for one language, none for too short a text, and agrees with the shortcuts', () => {
    expect(detectLanguages(LONG.de![1]!)).toEqual([{ ...detectLanguage(LONG.de![1]!), share: 1 }]);
    expect(detectLanguages('ok')).toEqual([]);
    const ko = 'Netflix Premium plan 결제가 두 번 됐어요. refund 가능한가요?';
    expect(detectLanguages(ko)[0]!.lang).toBe('ko');
    expect(detectLanguages(`${LONG.en![0]} ${LONG.ru![0]}`, { max: 1 })).toHaveLength(1);
  });
});

describe('normalizeLanguageCode', () => {
  it('drops regions and scripts and replaces legacy codes', () => {
    expect(
      ['en-US', 'pt_BR', 'zh-Hans', 'hi-Latn', 'NO', 'no', 'nb', 'iw', 'in', 'fil', 'ceb'].map(
        normalizeLanguageCode,
      ),
    ).toEqual(['en', 'pt', 'zh', 'hi', 'nb', 'nb', 'nb', 'he', 'id', 'tl', 'ceb']);
  });
});
