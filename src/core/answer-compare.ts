import { own } from './own.js';
import type { QuestionSettings } from './questions.js';

/**
 * Comparing answers: the server's disagreement score (which orders the review queue), the QA
 * report's consensus, gold accuracy, and the web app's per-question marks on the review screen all
 * use `answerKey`, so a reviewer sees disagreement exactly where the queue counted it. Pure, and
 * bundled by the web app.
 */

/** What a discard stands for when answers are compared: a discard disagrees with every label. */
const DISCARDED = '\u0000discarded';

/**
 * A comparable key for one answer: equal keys mean the same answer (labels in any order for
 * multi-label, spans in any order, text without surrounding space).
 *
 * A preference answer is its choice alone. Its strength (slight, clear, strong) says how sure one
 * annotator was, and people calibrate it differently: two who both prefer A have agreed on what the
 * data records (chosen A, rejected B; the aggregated strength is the median of theirs). Counting a
 * different strength as disagreement would fill the head of the review queue with records no
 * reviewer needs to settle, and would contradict the report's agreement figure, which is over
 * choices; the review screen still shows each answer's strength.
 *
 * Values the server stored always have their question's shape; anything else (a value from a
 * changed question) is compared as its JSON rather than throwing.
 */
export function answerKey(question: QuestionSettings, value: unknown): string {
  switch (question.type) {
    case 'multi_label':
      if (!Array.isArray(value)) break;
      return JSON.stringify([...(value as string[])].sort());
    case 'ranking':
      if (!Array.isArray(value)) break;
      return JSON.stringify(
        [...(value as { value: string; rank: number }[])].sort((a, b) => a.rank - b.rank).map((r) => r.value),
      );
    case 'span':
      if (!Array.isArray(value)) break;
      return JSON.stringify(
        (value as { start: number; end: number; label: string }[])
          .map((s) => [s.start, s.end, s.label] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)),
      );
    case 'preference':
      if (!value || typeof value !== 'object') break;
      return String((value as { choice: unknown }).choice);
    case 'text':
      if (typeof value === 'string') return value.trim();
      break;
  }
  return JSON.stringify(value);
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
      else if (own(a.values, q.name) !== undefined) keys.push(answerKey(q, own(a.values, q.name)));
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
