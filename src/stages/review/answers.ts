import { diffWordsWithSpace } from 'diff';
import type { ResponseStatus } from '../../core/annotation.js';
import { correctableRoles, lockedTurnChange } from '../../core/corrections.js';
import { badInput } from '../../core/errors.js';
import { own } from '../../core/own.js';
import type { DatasetRecord } from '../../core/record.js';
import { type DatasetSettings, responseValuesSchema } from '../../core/settings.js';
import type { ChatMessage } from '../../core/values.js';

/**
 * Checks an answer against the dataset's questions. Drafts may be partial; a submission must answer
 * every required question. Spans must fall inside the text they tag; a corrected conversation changes
 * only the turns its question allows. The error names the question.
 */
export function validateAnswer(
  settings: DatasetSettings,
  record: DatasetRecord,
  values: unknown,
  status: ResponseStatus,
): Record<string, unknown> {
  const parsed = responseValuesSchema(settings).safeParse(values ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    const message =
      issue.code === 'unrecognized_keys' ? `unknown question ${issue.keys.join(', ')}` : issue.message;
    throw badInput(`${where}${message}`);
  }
  const out = parsed.data;
  if (status === 'submitted') {
    const missing = settings.questions
      .filter((q) => q.required && own(out, q.name) === undefined)
      .map((q) => q.name);
    if (missing.length)
      throw badInput(`answer the required question${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  for (const q of settings.questions) {
    if (q.type !== 'text' || !q.corrects || own(out, q.name) === undefined) continue;
    const original = own(record.fields, q.corrects);
    const corrected = own(out, q.name);
    if (!Array.isArray(original) || !Array.isArray(corrected)) continue;
    const wrong = lockedTurnChange(
      original as ChatMessage[],
      corrected as ChatMessage[],
      correctableRoles(q),
    );
    if (wrong) throw badInput(`${q.name}: ${wrong}`);
  }
  for (const q of settings.questions) {
    if (q.type !== 'span' || own(out, q.name) === undefined) continue;
    const text = own(record.fields, q.field);
    const length = typeof text === 'string' ? text.length : 0;
    const spans = out[q.name] as { start: number; end: number }[];
    const outside = spans.find((s) => s.end > length);
    if (outside)
      throw badInput(
        `${q.name}: span ${outside.start}–${outside.end} ends past the text (${length} characters)`,
      );
    if (!q.allowOverlap) {
      const sorted = [...spans].sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++)
        if (sorted[i]!.start < sorted[i - 1]!.end)
          throw badInput(`${q.name}: spans overlap, which this question does not allow`);
    }
  }
  return out;
}

export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

/**
 * Word diffs of every correction in `values` against the field it corrects: per question, per chat
 * turn (`turn` is the turn's index) or for the whole text. Unchanged corrections are left out.
 */
export function correctionDiffs(
  settings: DatasetSettings,
  record: DatasetRecord,
  values: Record<string, unknown>,
): Record<string, { turn?: number; parts: DiffPart[] }[]> {
  const out: Record<string, { turn?: number; parts: DiffPart[] }[]> = {};
  for (const q of settings.questions) {
    if (q.type !== 'text' || !q.corrects || own(values, q.name) === undefined) continue;
    const original = own(record.fields, q.corrects);
    const corrected = own(values, q.name);
    const changes: { turn?: number; parts: DiffPart[] }[] = [];
    if (typeof original === 'string' && typeof corrected === 'string') {
      if (original !== corrected) changes.push({ parts: wordDiff(original, corrected) });
    } else if (Array.isArray(original) && Array.isArray(corrected)) {
      const turns = Math.max(original.length, corrected.length);
      for (let i = 0; i < turns; i++) {
        const a = (original[i] as ChatMessage | undefined)?.content ?? '';
        const b = (corrected[i] as ChatMessage | undefined)?.content ?? '';
        if (a !== b) changes.push({ turn: i, parts: wordDiff(a, b) });
      }
    }
    if (changes.length) out[q.name] = changes;
  }
  return out;
}

function wordDiff(a: string, b: string): DiffPart[] {
  return diffWordsWithSpace(a, b).map((c) => ({
    op: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value,
  }));
}
