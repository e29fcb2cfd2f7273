import { z } from 'zod';
import { identifier } from './names.js';

/**
 * One rubric criterion an LLM judge scores: a name, what it means, and an integer scale. It lives
 * in core because it is pure domain shared by every stage that judges — a recipe's judge column,
 * the judge check, and next the audit — none of which may reach into another's internals.
 */
export const criterion = z.strictObject({
  name: identifier,
  description: z.string().min(1).max(4000),
  scale: z
    .tuple([z.number().int(), z.number().int()])
    .default([1, 5])
    .refine(([lo, hi]) => lo < hi, 'scale is [lowest, highest]'),
});

export type Criterion = z.infer<typeof criterion>;
