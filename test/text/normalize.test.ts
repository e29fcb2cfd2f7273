import { describe, expect, it } from 'vitest';
import { exactKey, normalizeForHash } from '../../src/text/normalize.js';

/** The definition in normalize.ts, written the slow way: the fast path must agree with it. */
function reference(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u02bc\u2019]|(?!\u200b)\p{Cf}/gu, '')
    .replace(/[\s\p{P}\p{Cc}\u200b]+/gu, ' ')
    .trim();
}

describe('normalizeForHash', () => {
  it('lower-cases, strips punctuation, collapses whitespace and trims', () => {
    expect(normalizeForHash('  Hello,   World!\n\tHow are   you?  ')).toBe('hello world how are you');
    expect(normalizeForHash("Don't stop—believing… (really)")).toBe('dont stop believing really');
    expect(normalizeForHash('e.g. 3.14, x_y')).toBe('e g 3 14 x y');
    expect(normalizeForHash('...!!!')).toBe('');
    expect(normalizeForHash('')).toBe('');
  });

  it('keeps symbols and emoji', () => {
    expect(normalizeForHash('Costs $5 + tax = €7 👍')).toBe('costs $5 + tax = €7 👍');
    expect(normalizeForHash('a|b ~c')).toBe('a|b ~c');
  });

  it('applies NFKC and removes format characters', () => {
    expect(normalizeForHash('ﬁne ＦＵＬＬ\u00a0width²')).toBe('fine full width2');
    expect(normalizeForHash('co\u00adop\u200deration')).toBe('cooperation');
    expect(normalizeForHash('Cafe\u0301 CAFÉ')).toBe('café café');
    expect(normalizeForHash('it’s ʼtwas')).toBe('its twas');
    // ZERO WIDTH SPACE separates words (Thai, Khmer), so it becomes a space.
    expect(normalizeForHash('ab\u200bcd')).toBe('ab cd');
  });

  it('agrees with the slow definition on every ASCII character and on random text', () => {
    for (let c = 0; c < 128; c++) {
      const s = `a${String.fromCharCode(c)}b ${String.fromCharCode(c)}`;
      expect(normalizeForHash(s), `U+${c.toString(16)}`).toBe(reference(s));
    }
    const alphabet = [...'aZ09 _-.,\'$+^`|~:;!?()"\t\n\réÉß’—…\u00a0\u00ad\u200bﬁＡ²👍İΣ'];
    let seed = 3;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    for (let k = 0; k < 5000; k++) {
      let s = '';
      const len = next() % 30;
      // Half the strings ASCII only, so both paths are exercised.
      const pool = k % 2 === 0 ? alphabet.slice(0, 28) : alphabet;
      for (let i = 0; i < len; i++) s += pool[next() % pool.length];
      expect(normalizeForHash(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});

describe('exactKey', () => {
  it('is equal for texts equal after normalisation, different otherwise', () => {
    const k = exactKey('Hello, world!');
    expect(k).toMatch(/^[0-9a-f]{32}$/);
    expect(exactKey('  HELLO world ')).toBe(k);
    expect(exactKey('hello\n\nworld...')).toBe(k);
    expect(exactKey('hello worlds')).not.toBe(k);
    expect(exactKey('world hello')).not.toBe(k);
    expect(exactKey('')).toBe(exactKey('?!'));
  });
});
