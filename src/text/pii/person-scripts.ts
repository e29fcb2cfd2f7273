/**
 * PERSON in scripts other than Latin: Chinese and Japanese (family name first, no spaces), Arabic and
 * Devanagari. Rule-based, like person.ts, and for the same reason (no model is shipped).
 *
 * - Chinese and Japanese: a known family name (data/places.ts: common Chinese one-character and
 *   Japanese family names), optionally with a given name of one or two Han characters, before an
 *   honorific (さん, 様, 先生, 氏, 君, ちゃん, 殿; 先生, 女士, 小姐, 老师, 教授, 医生): 0.8, the honorific
 *   not in the span. After 我叫 / 我是 / 名叫 / 我姓 a known family name and one or two more Han
 *   characters: 0.85. Before です / と申します / と言います, or after 私は / 名前は, a known Japanese
 *   family name with a given name (Han or hiragana): 0.85.
 * - Arabic: after a title (السيد, السيدة, الدكتور, الأستاذ, المهندس, الشيخ, …) one or two words: 0.75;
 *   after اسمي ("my name is") one or two words: 0.85; a listed given name and the word after it: 0.6.
 * - Devanagari: after श्री, श्रीमती, सुश्री, डॉ., कुमारी one or two words: 0.75; after मेरा नाम the words
 *   before है: 0.85; a listed given name and the word after it: 0.6. Postpositions (से, के, को, में…)
 *   end a name.
 */

import { KOREAN_FAMILY_NAMES, KOREAN_TITLE_WORDS } from './data/korean-names.js';
import {
  ARABIC_GIVEN_NAMES,
  CHINESE_FAMILY_NAMES,
  DEVANAGARI_GIVEN_NAMES,
  JAPANESE_FAMILY_NAMES,
} from './data/places.js';
import { type GatePattern, one, pattern } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

const words = (s: string) =>
  s
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/\|/g, ' '));
const alt = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).join('|');

const JA_FAMILY = words(JAPANESE_FAMILY_NAMES);
/** Japanese family names of two characters or more: one-character ones (林, 森, 原) are also nouns. */
const JA_FAMILY_LONG = JA_FAMILY.filter((n) => n.length >= 2);
const CN_FAMILY = [...CHINESE_FAMILY_NAMES];

const HONORIFIC = '(?:さん|様|さま|先生|氏|君|くん|ちゃん|殿|女士|小姐|老师|老師|教授|医生|醫生)';
const CJK_HONORIFIC = new RegExp(
  `(?:(?:${alt(JA_FAMILY)})(?:[ \\u3000]?\\p{Script=Han}{1,2})?|[${CN_FAMILY.join('')}]\\p{Script=Han}{0,2})(?=${HONORIFIC})`,
  'gu',
);
const CN_LEAD = new RegExp(
  `(?:我叫|我是|名叫|我姓|叫做)([${CN_FAMILY.join('')}]\\p{Script=Han}{1,2})(?=[，。,.！!？?\\s、的]|$)`,
  'gu',
);
const JA_NAME = `(?:${alt(JA_FAMILY_LONG)})(?:[ \\u3000]?(?:\\p{Script=Han}{1,2}|\\p{Script=Hiragana}{2,4}))?`;
const JA_BEFORE = new RegExp(`${JA_NAME}(?=です|と申します|と言います|といいます|と申す)`, 'gu');
const JA_AFTER = new RegExp(`(?:私は|名前は|わたしは)(${JA_NAME})(?=[、。,.\\s]|です|と|$)`, 'gu');

const AR_WORD = '[\\p{Script=Arabic}\\p{M}]+';
/** Arabic words that end a name: prepositions and conjunctions. */
const AR_STOP = new Set('في من إلى على عن مع و أو ثم لكن هذا هذه هو هي أنا يوم عند'.split(' '));
const AR_TITLE =
  /(?<![\p{Script=Arabic}])(?:السيد|السيدة|الدكتور|الدكتورة|الأستاذ|الأستاذة|المهندس|المهندسة|الشيخ|الآنسة|د\.)\s+/gu;
const AR_LEAD = /(?<![\p{Script=Arabic}])(?:اسمي|اسمى)\s+/gu;
const AR_GIVEN = new RegExp(
  `(?<![\\p{Script=Arabic}\\p{M}])(?:${alt(words(ARABIC_GIVEN_NAMES))})(?![\\p{Script=Arabic}\\p{M}])`,
  'gu',
);

const HI_WORD = '[\\p{Script=Devanagari}\\p{M}]+';
const HI_STOP = new Set('से के की को ने में पर का है हूँ हूं हैं था थी जी और बोल साथ लिए'.split(' '));
const HI_TITLE = /(?<![\p{Script=Devanagari}\p{M}])(?:श्रीमती|श्री|सुश्री|डॉ\.|डॉक्टर|कुमारी)\s+/gu;
const HI_LEAD = /मेरा नाम\s+/gu;
const HI_GIVEN = new RegExp(
  `(?<![\\p{Script=Devanagari}\\p{M}])(?:${alt(words(DEVANAGARI_GIVEN_NAMES))})(?![\\p{Script=Devanagari}\\p{M}])`,
  'gu',
);

const HANGUL = '\\p{Script=Hangul}';
const KO_FAMILY = alt(words(KOREAN_FAMILY_NAMES));
const KO_TITLE_WORDS = new Set(words(KOREAN_TITLE_WORDS));
/**
 * A family name and a given name of two syllables (the common form; one-syllable given names are left
 * out, since a family-name syllable and one more is mostly a word: 고객님, 박사님), before 씨 or 님
 * (with or without a space); or after 제 이름은 / 이름은 / 성함은 ("my name is"). Group 1: the name.
 */
const KO_HONORIFIC = new RegExp(`(?<!${HANGUL})((?:${KO_FAMILY})${HANGUL}{2})(?=[ ]?(?:씨|님))`, 'gu');
const KO_LEAD = new RegExp(
  `(?:제 이름은|내 이름은|이름은|성함은|이름:)[ ]*((?:${KO_FAMILY})${HANGUL}{2})`,
  'gu',
);
export const SCRIPT_NAME_GATES: readonly GatePattern[] = [
  pattern(GATE.HANGUL, one([0xac00, 0xd7af])),
  pattern(GATE.NAME_SCRIPT, one([0x600, 0x6ff, 0x900, 0x97f, 0x3040, 0x30ff, 0x3400, 0x9fff])),
];

const AR_OR_HI = { ar: new RegExp(AR_WORD, 'uy'), hi: new RegExp(HI_WORD, 'uy') };

/** Up to `max` words of the script from `at` (single spaces between), stopping at a stop word. */
function wordsFrom(text: string, at: number, script: 'ar' | 'hi', stop: Set<string>, max: number): number {
  const re = AR_OR_HI[script];
  let end = at;
  let pos = at;
  for (let n = 0; n < max; n++) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m || stop.has(m[0]) || (script === 'ar' && n > 0 && m[0].startsWith('و') && m[0].length > 3)) break;
    end = pos + m[0].length;
    if (text[end] !== ' ') break;
    pos = end + 1;
  }
  return end;
}

/** Korean names: before 씨/님 (0.8), after "my name is" (0.85). */
function korean(text: string, push: (start: number, end: number, score: number) => void): void {
  KO_HONORIFIC.lastIndex = 0;
  for (let m = KO_HONORIFIC.exec(text); m; m = KO_HONORIFIC.exec(text)) {
    const name = m[1]!;
    // "김선생님": a family name and a title word, not a given name.
    if (KO_TITLE_WORDS.has(name.slice(-2))) continue;
    push(m.index, m.index + name.length, 0.8);
  }
  KO_LEAD.lastIndex = 0;
  for (let m = KO_LEAD.exec(text); m; m = KO_LEAD.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    push(start, start + m[1]!.length, 0.85);
  }
}

export const scriptPersonRecognizer: Recognizer = {
  name: 'person-scripts',
  entities: ['PERSON'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    const push = (start: number, end: number, score: number) => {
      if (end > start) out.push({ type: 'PERSON', start, end, text: text.slice(start, end), score });
    };
    if (ctx.gates & GATE.HANGUL) korean(text, push);
    if (!(ctx.gates & GATE.NAME_SCRIPT)) return;
    for (const [re, score] of [
      [CJK_HONORIFIC, 0.8],
      [JA_BEFORE, 0.85],
    ] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) push(m.index, m.index + m[0].length, score);
    }
    for (const re of [CN_LEAD, JA_AFTER]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const start = m.index + m[0].length - m[1]!.length;
        push(start, start + m[1]!.length, 0.85);
      }
    }
    for (const [re, script, stop, score, max] of [
      [AR_TITLE, 'ar', AR_STOP, 0.75, 2],
      [AR_LEAD, 'ar', AR_STOP, 0.85, 2],
      [HI_TITLE, 'hi', HI_STOP, 0.75, 2],
      [HI_LEAD, 'hi', HI_STOP, 0.85, 3],
    ] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = m.index + m[0].length;
        push(at, wordsFrom(text, at, script, stop, max), score);
      }
    }
    for (const [re, script, stop] of [
      [AR_GIVEN, 'ar', AR_STOP],
      [HI_GIVEN, 'hi', HI_STOP],
    ] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const end = wordsFrom(text, m.index, script, stop, 2);
        // A given name alone is not enough: it must be followed by a family name.
        if (end > m.index + m[0].length) push(m.index, end, 0.6);
      }
    }
  },
};
