/**
 * The answers a form starts with, and whether a form is complete. A record starts from the fields
 * its corrections copy, then the best suggestion per question (only while the user has no
 * response, or just a draft), then the user's own saved response, which wins.
 */

import { own } from '../../../src/core/own.js';
import { answerSchemaIn } from '../../../src/core/values.js';
import type {
  AnswerValue,
  DatasetSettings,
  FieldSettings,
  QuestionSettings,
  RecordView,
  SuggestionView,
  Values,
} from '../api/types.js';
import { validSpans } from './spans.js';
import { isChat } from './textDiff.js';

/**
 * A value is usable for a question when the server would take it as the answer: the same schema
 * (`answerSchemaIn` in `src/core/values.ts`). A correction takes the shape of the field it corrects,
 * so the dataset's `fields` decide whether it is text or a conversation; without them, text.
 */
export function fitsQuestion(
  question: QuestionSettings,
  value: unknown,
  fields: readonly FieldSettings[] = [],
): value is AnswerValue {
  return answerSchemaIn(fields, question).safeParse(value).success;
}

/** The best suggestion per question: the highest score, unscored last, the first on a tie. */
export function bestSuggestions(
  questions: QuestionSettings[],
  suggestions: SuggestionView[],
  fields: readonly FieldSettings[] = [],
): Record<string, SuggestionView> {
  const out: Record<string, SuggestionView> = {};
  for (const q of questions) {
    let best: SuggestionView | undefined;
    for (const s of suggestions) {
      if (s.question !== q.name || !fitsQuestion(q, s.value, fields)) continue;
      if (!best || (s.score ?? Number.NEGATIVE_INFINITY) > (best.score ?? Number.NEGATIVE_INFINITY)) best = s;
    }
    if (best) out[q.name] = best;
  }
  return out;
}

function copyValue<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The starting value a question gets from the record alone (a correction starts as the field). */
export function fieldDefault(question: QuestionSettings, record: RecordView): AnswerValue | undefined {
  if (question.type === 'text' && question.corrects) {
    const field = own(record.fields, question.corrects);
    if (typeof field === 'string' || isChat(field)) return copyValue(field);
    if (field !== undefined && field !== null) return JSON.stringify(field, null, 2);
    return '';
  }
  if (question.type === 'span') return [];
  return undefined;
}

export interface InitialAnswers {
  values: Values;
  /** The suggestion each pre-filled answer came from (shown next to the question). */
  suggested: Record<string, SuggestionView>;
}

export function initialAnswers(settings: DatasetSettings, record: RecordView): InitialAnswers {
  const values: Values = {};
  for (const q of settings.questions) {
    const v = fieldDefault(q, record);
    if (v !== undefined) values[q.name] = v;
  }
  const mine = record.response;
  const suggested =
    !mine || mine.status === 'draft'
      ? bestSuggestions(settings.questions, record.suggestions, settings.fields)
      : {};
  for (const [name, s] of Object.entries(suggested)) values[name] = copyValue(s.value);
  if (mine && mine.status !== 'discarded') {
    for (const q of settings.questions) {
      const v = own(mine.values, q.name);
      if (v !== undefined && fitsQuestion(q, v, settings.fields)) values[q.name] = copyValue(v);
    }
  }
  for (const q of settings.questions) {
    if (q.type !== 'span') continue;
    const text = own(record.fields, q.field);
    values[q.name] = validSpans(
      own(values, q.name),
      typeof text === 'string' ? text.length : 0,
      q.labels.map((l) => l.value),
    );
  }
  return { values, suggested };
}

/** Whether a question counts as answered for a submit. Spans may be empty: "nothing to tag". */
export function isAnswered(question: QuestionSettings, value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  switch (question.type) {
    case 'multi_label':
      return Array.isArray(value) && value.length > 0;
    case 'text':
      return typeof value === 'string' ? value.trim() !== '' : isChat(value);
    case 'span':
      return Array.isArray(value);
    default:
      return fitsQuestion(question, value);
  }
}

/** Required questions still without an answer, in form order. */
export function missingRequired(questions: QuestionSettings[], values: Values): QuestionSettings[] {
  return questions.filter((q) => q.required && !isAnswered(q, own(values, q.name)));
}

export function questionTitle(q: { name: string; title?: string }): string {
  return q.title?.trim() || q.name;
}

/** What a submit sends: unanswered questions left out (empty text counts as unanswered). */
export function submittedValues(questions: QuestionSettings[], values: Values): Values {
  const out: Values = {};
  for (const q of questions) {
    const v = own(values, q.name);
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '' && !q.required)) continue;
    out[q.name] = v;
  }
  return out;
}
