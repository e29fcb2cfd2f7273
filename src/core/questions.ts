import { z } from 'zod';
import { identifier } from './names.js';

/** One choice of a label, multi-label, ranking or span question. */
export const option = z.strictObject({
  value: z.string().min(1).max(200),
  text: z.string().max(200).optional(),
  description: z.string().max(1000).optional(),
});
export type Option = z.infer<typeof option>;

/** Options may be written as plain strings in settings files; they are normalised to objects. */
const options = z
  .array(
    z.union([
      z
        .string()
        .min(1)
        .max(200)
        // Typed as an Option so settings read as one shape: an option always has its optional text.
        .transform((value): Option => ({ value })),
      option,
    ]),
  )
  .min(2, 'needs at least two options')
  .refine((opts) => new Set(opts.map((o) => o.value)).size === opts.length, 'option values must be unique');

const questionBase = {
  name: identifier,
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  required: z.boolean().default(true),
};

export const labelQuestion = z.strictObject({ ...questionBase, type: z.literal('label'), options });
export const multiLabelQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('multi_label'),
  options,
});

export const ratingQuestion = z
  .strictObject({
    ...questionBase,
    type: z.literal('rating'),
    /** Allowed scores, e.g. [1, 2, 3, 4, 5]. Integers from 0 to 10. */
    values: z.array(z.number().int().min(0).max(10)).min(2).max(11),
  })
  .refine((q) => new Set(q.values).size === q.values.length, {
    message: 'rating values must be unique',
    path: ['values'],
  });

export const rankingQuestion = z.strictObject({ ...questionBase, type: z.literal('ranking'), options });

export const textQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  /** When set, the answer is a corrected version of this field (shown as a diff); exports use it. */
  corrects: identifier.optional(),
  /**
   * When it corrects a conversation: the roles whose turns may change (`src/core/corrections.ts`);
   * other turns are shown read-only and kept as they are. Default: assistant.
   */
  roles: z
    .array(z.enum(['system', 'user', 'assistant', 'tool']))
    .min(1)
    .refine((r) => new Set(r).size === r.length, 'roles must not repeat')
    .optional(),
  /** Render the answer as markdown in the app. */
  markdown: z.boolean().default(false),
});

export const spanQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('span'),
  /** The text field whose characters are tagged. */
  field: identifier,
  labels: options,
  allowOverlap: z.boolean().default(false),
});

export const preferenceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('preference'),
  /** The two fields compared, A then B. */
  options: z.tuple([identifier, identifier]),
  allowTie: z.boolean().default(true),
  /** Ask how strong the preference is (slight, clear, strong). */
  strength: z.boolean().default(true),
});

export const questionSettings = z.discriminatedUnion('type', [
  labelQuestion,
  multiLabelQuestion,
  ratingQuestion,
  rankingQuestion,
  textQuestion,
  spanQuestion,
  preferenceQuestion,
]);
export type QuestionSettings = z.infer<typeof questionSettings>;
export type QuestionType = QuestionSettings['type'];
