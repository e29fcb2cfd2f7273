import type { QuestionSettings } from './questions.js';

/** What a discard stands for when answers are compared: a discard disagrees with every label. */
const DISCARDED = '\u0000discarded';

/**
 * A comparable key for one answer: equal keys mean the same answer (labels in any order for
 * multi-label, spans in any order, text without surrounding space).
 */
export function answerKey(question: QuestionSettings, value: unknown): string {
  switch (question.type) {
    case 'multi_label':
      return JSON.stringify([...(value as string[])].sort());
    case 'ranking':
      return JSON.stringify(
        [...(value as { value: string; rank: number }[])].sort((a, b) => a.rank - b.rank).map((r) => r.value),
      );
    case 'span':
      return JSON.stringify(
        [...(value as { start: number; end: number; label: string }[])]
          .map((s) => [s.start, s.end, s.label])
          .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)),
      );
    case 'preference':
      return (value as { choice: string }).choice;
    case 'text':
      return typeof value === 'string' ? value.trim() : JSON.stringify(value);
    default:
      return JSON.stringify(value);
  }
}

export interface ComparedAnswer {
  status: 'submitted' | 'discarded';
  values: Record<string, unknown>;
}

/**
 * How much a record's answers disagree, from 0 (all alike) towards 1: per question, the share of
 * answers that differ from the most common one, averaged over the questions anyone answered. A
 * discard counts as a different answer to every question. One answer disagrees with nothing.
 */
export function disagreementOf(questions: QuestionSettings[], answers: ComparedAnswer[]): number {
  if (answers.length < 2) return 0;
  let sum = 0;
  let counted = 0;
  for (const q of questions) {
    const keys: string[] = [];
    for (const a of answers) {
      if (a.status === 'discarded') keys.push(DISCARDED);
      else if (a.values[q.name] !== undefined) keys.push(answerKey(q, a.values[q.name]));
    }
    if (keys.length < 2) continue;
    const counts = new Map<string, number>();
    let top = 0;
    for (const k of keys) {
      const c = (counts.get(k) ?? 0) + 1;
      counts.set(k, c);
      if (c > top) top = c;
    }
    sum += 1 - top / keys.length;
    counted++;
  }
  return counted === 0 ? 0 : sum / counted;
}
