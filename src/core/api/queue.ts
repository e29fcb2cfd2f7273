import { z } from 'zod';
import { recordView } from './records.js';

/** Which queue: answering records, reviewing them, or the sampled second review of accepted ones. */
export const round = z.enum(['annotate', 'review', 'second']);
export type Round = z.infer<typeof round>;

/** `GET /api/datasets/{name}/next` (204 when nothing is left). */
export const nextRecord = z.object({
  record: recordView,
  /** The record is the caller's until the lease expires (epoch ms) or they answer or skip it. */
  lease: z.object({ expiresAt: z.number(), round }),
});
export type NextRecord = z.infer<typeof nextRecord>;

/** `POST /api/datasets/{name}/assignments`: named annotators get these records first. */
export const assignmentsBody = z.strictObject({
  usernames: z.array(z.string().min(1).max(100)).min(1).max(100),
  recordIds: z.array(z.number().int().positive()).min(1).max(10_000),
});
/** Assignments made: records × users. */
export const assignedResult = z.object({ assigned: z.number().int() });
export type AssignedResult = z.infer<typeof assignedResult>;
