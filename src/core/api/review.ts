import { z } from 'zod';

const answers = z.record(z.string(), z.unknown());

/** `POST /api/records/{id}/review`: a reviewer's decision on a record whose answers are in. */
export const reviewAction = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('accept'),
    responseId: z.number().int().positive(),
    comment: z.string().max(10_000).optional(),
  }),
  z.strictObject({ action: z.literal('edit'), values: answers, comment: z.string().max(10_000).optional() }),
  z.strictObject({
    action: z.literal('return'),
    usernames: z.array(z.string().min(1).max(100)).min(1).max(100),
    comment: z.string().trim().min(1, 'say why the record goes back').max(10_000),
  }),
  z.strictObject({ action: z.literal('reject'), comment: z.string().trim().min(1, 'say why').max(10_000) }),
]);
export type ReviewAction = z.input<typeof reviewAction>;

/** `POST /api/records/{id}/second-review`: a second reviewer on a sampled accepted record. */
export const secondVerdict = z.discriminatedUnion('verdict', [
  z.strictObject({ verdict: z.literal('agree'), comment: z.string().max(10_000).optional() }),
  z.strictObject({
    verdict: z.literal('disagree'),
    comment: z.string().trim().min(1, 'say what is wrong').max(10_000),
  }),
]);
export type SecondVerdict = z.input<typeof secondVerdict>;
