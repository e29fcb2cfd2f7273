import * as z from 'zod/mini';
import type { FieldSettings } from './fields.js';
import type { QuestionSettings } from './questions.js';

/**
 * What a field and an answer hold: the schemas the server checks values with, which the web app
 * also runs to decide whether a suggestion or a saved draft fits a question. Written with zod/mini
 * (and nothing else at run time) so the app can bundle them: classic zod would add ~27 KB gzipped to
 * its first load, this ~7 KB. The classic schemas of settings take these as they are, and the error
 * messages are the same (both build on zod's core, and the server loads classic's English messages).
 */

/** A chat turn, in the OpenAI message shape that trainers read. */
export const chatRole = z.enum(['system', 'user', 'assistant', 'tool']);
export type ChatRole = z.infer<typeof chatRole>;

export const chatMessage = z.strictObject({
  role: chatRole,
  content: z.string(),
  name: z.optional(z.string().check(z.maxLength(64))),
  /** OpenAI fine-tuning: 0 excludes an assistant turn from the loss. */
  weight: z.optional(z.union([z.literal(0), z.literal(1)])),
});
export type ChatMessage = z.infer<typeof chatMessage>;
export const chat = z.array(chatMessage).check(z.minLength(1, 'a conversation needs at least one message'));
export type Chat = z.infer<typeof chat>;

/** The value schema of one field, by its type. */
export function fieldValueSchema(field: FieldSettings): z.ZodMiniType {
  switch (field.type) {
    case 'text':
    case 'markdown':
      return z.string();
    case 'chat':
      return chat;
    case 'json':
      return z.json();
  }
}

export const span = z.strictObject({
  start: z.number().check(z.int(), z.minimum(0)),
  end: z.number().check(z.int(), z.minimum(1)),
  label: z.string(),
});
export type Span = z.infer<typeof span>;

export const rankingEntry = z.strictObject({
  value: z.string(),
  rank: z.number().check(z.int(), z.minimum(1)),
});
export type RankingEntry = z.infer<typeof rankingEntry>;

export const preferenceValue = z.strictObject({
  choice: z.enum(['A', 'B', 'tie']),
  strength: z.optional(z.enum(['slight', 'clear', 'strong'])),
});
export type PreferenceValue = z.infer<typeof preferenceValue>;

/** Any answer to any question: what a response's values, a suggestion or a final value holds. */
export const answerValue = z.union([
  z.string(),
  z.number(),
  z.array(z.string()),
  z.array(span),
  z.array(rankingEntry),
  preferenceValue,
  chat,
]);
export type AnswerValue = z.infer<typeof answerValue>;

/**
 * The schema an answer to this question must satisfy. `correctedFieldSchema` is the value schema
 * of the field a text question corrects: a correction has the shape of the field it replaces.
 */
export function answerSchema(
  question: QuestionSettings,
  correctedFieldSchema?: z.ZodMiniType,
): z.ZodMiniType {
  switch (question.type) {
    case 'label':
      return z.enum(question.options.map((o) => o.value) as [string, ...string[]]);
    case 'multi_label': {
      const one = z.enum(question.options.map((o) => o.value) as [string, ...string[]]);
      return z.array(one).check(z.refine((v) => new Set(v).size === v.length, 'labels must not repeat'));
    }
    case 'rating':
      return z
        .number()
        .check(z.refine((v) => question.values.includes(v), `must be one of ${question.values.join(', ')}`));
    case 'ranking': {
      const values = question.options.map((o) => o.value);
      return z
        .array(rankingEntry)
        .check(
          z.refine(
            (v) => v.length === values.length && values.every((x) => v.some((r) => r.value === x)),
            `must rank every option once: ${values.join(', ')}`,
          ),
        );
    }
    case 'text':
      return question.corrects && correctedFieldSchema
        ? correctedFieldSchema
        : z.string().check(z.maxLength(100_000));
    case 'span': {
      const labels = new Set(question.labels.map((l) => l.value));
      return z.array(span).check(
        z.refine((v) => v.every((s) => s.end > s.start), 'each span must end after it starts'),
        z.refine(
          (v) => v.every((s) => labels.has(s.label)),
          `span labels must be one of ${[...labels].join(', ')}`,
        ),
      );
    }
    case 'preference':
      return preferenceValue;
  }
}

/** `answerSchema` in a dataset with these fields: a correction is checked against the field it corrects. */
export function answerSchemaIn(fields: readonly FieldSettings[], question: QuestionSettings): z.ZodMiniType {
  const corrected =
    question.type === 'text' && question.corrects
      ? fields.find((f) => f.name === question.corrects)
      : undefined;
  return answerSchema(question, corrected ? fieldValueSchema(corrected) : undefined);
}
