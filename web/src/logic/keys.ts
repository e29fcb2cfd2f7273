/**
 * Keyboard shortcuts for answering questions: which key picks which option, and what a key press
 * does to an answer. No React here, so the mapping is unit-tested on its own.
 */
import type { AnswerValue, PreferenceValue, QuestionSettings } from '../api/types.js';

/** Digit keys by position: the first nine options get 1–9, the tenth gets 0, the rest none. */
export function positionKey(index: number): string | undefined {
  if (index < 0 || index > 9) return undefined;
  return index === 9 ? '0' : String(index + 1);
}

export function indexForDigit(key: string, count: number): number | undefined {
  if (!/^[0-9]$/.test(key)) return undefined;
  const index = key === '0' ? 9 : Number(key) - 1;
  return index < count ? index : undefined;
}

/**
 * The key shown on each rating value. Single digits are their own key; 10 is typed as 0 when the
 * scale has no 0, else as "1 0" (1 picks 1, a 0 right after turns it into 10). Values outside
 * 0–10 fall back to positions.
 */
export function ratingKeys(values: number[]): string[] {
  const byValue = values.every((v) => Number.isInteger(v) && v >= 0 && v <= 10);
  if (!byValue) return values.map((_, i) => positionKey(i) ?? '');
  const hasZero = values.includes(0);
  return values.map((v) => (v === 10 ? (hasZero ? '1 0' : '0') : String(v)));
}

/** How long after a 1 a 0 still makes 10 on a 0–10 scale. */
export const TEN_CHORD_MS = 800;

export interface KeyContext {
  /** The key pressed before this one on the same question, and how long ago. */
  previousKey?: string;
  sincePreviousMs?: number;
}

export function ratingForKey(values: number[], key: string, ctx: KeyContext = {}): number | undefined {
  if (!/^[0-9]$/.test(key)) return undefined;
  const byValue = values.every((v) => Number.isInteger(v) && v >= 0 && v <= 10);
  if (!byValue) {
    const index = indexForDigit(key, values.length);
    return index === undefined ? undefined : values[index];
  }
  const hasZero = values.includes(0);
  const hasTen = values.includes(10);
  if (key === '0') {
    if (hasTen && hasZero) {
      const chord =
        ctx.previousKey === '1' && (ctx.sincePreviousMs ?? Number.POSITIVE_INFINITY) <= TEN_CHORD_MS;
      return chord ? 10 : 0;
    }
    if (hasZero) return 0;
    return hasTen ? 10 : undefined;
  }
  const n = Number(key);
  return values.includes(n) ? n : undefined;
}

/** Keys for span labels: 1–9 and 0, then letters that are not taken by other shortcuts. */
const SPAN_LETTERS = 'qwerdfgzxcvyuiopjklhnm'.split('');
export function spanLabelKeys(count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(positionKey(i) ?? SPAN_LETTERS[i - 10] ?? '');
  return keys;
}

export const PREFERENCE_CHOICE_KEYS: Record<PreferenceValue['choice'], string> = { A: 'a', B: 'b', tie: 't' };
export const STRENGTHS = ['slight', 'clear', 'strong'] as const;

/**
 * What a key press does to the answer of a question: the new value, or undefined when the key
 * means nothing for this question (so other shortcuts may have it). Span and text questions take
 * their keys in their own widgets.
 */
export function applyKey(
  question: QuestionSettings,
  current: AnswerValue | undefined,
  key: string,
  ctx: KeyContext = {},
): AnswerValue | undefined {
  switch (question.type) {
    case 'label': {
      const index = indexForDigit(key, question.options.length);
      return index === undefined ? undefined : question.options[index]?.value;
    }
    case 'multi_label': {
      const index = indexForDigit(key, question.options.length);
      const option = index === undefined ? undefined : question.options[index];
      if (!option) return undefined;
      return toggleLabel(
        Array.isArray(current) ? (current as string[]) : [],
        option.value,
        question.options.map((o) => o.value),
      );
    }
    case 'rating':
      return ratingForKey(question.values, key, ctx);
    case 'preference':
      return preferenceForKey(question, current as PreferenceValue | undefined, key);
    default:
      return undefined;
  }
}

/** Toggle one label, keeping the options' order. */
export function toggleLabel(current: string[], value: string, order: string[]): string[] {
  const set = new Set(current);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return order.filter((v) => set.has(v));
}

function preferenceForKey(
  question: Extract<QuestionSettings, { type: 'preference' }>,
  current: PreferenceValue | undefined,
  key: string,
): PreferenceValue | undefined {
  const k = key.toLowerCase();
  const choice = (Object.keys(PREFERENCE_CHOICE_KEYS) as PreferenceValue['choice'][]).find(
    (c) => PREFERENCE_CHOICE_KEYS[c] === k,
  );
  if (choice) {
    if (choice === 'tie' && !question.allowTie) return undefined;
    const next: PreferenceValue = { choice };
    if (question.strength && current?.strength && choice !== 'tie') next.strength = current.strength;
    return next;
  }
  if (question.strength && /^[1-3]$/.test(k)) {
    const strength = STRENGTHS[Number(k) - 1];
    if (!current || current.choice === 'tie' || !strength) return undefined;
    return { choice: current.choice, strength };
  }
  return undefined;
}
