import { z } from 'zod';

export const responseStatus = z.enum(['draft', 'submitted', 'discarded']);
export type ResponseStatus = z.infer<typeof responseStatus>;

/** One annotator's answers to a record in one round (1 = annotation, 2 = second review, …). */
export interface RecordResponse {
  id: number;
  recordId: number;
  userId: number;
  round: number;
  values: Record<string, unknown>;
  status: ResponseStatus;
  /** Why a record was discarded, when it was. */
  reason: string | null;
  timeSpentMs: number;
  createdAt: number;
  updatedAt: number;
}

/** A pre-filled answer from a model or a check. */
export interface Suggestion {
  id: number;
  recordId: number;
  question: string;
  value: unknown;
  score: number | null;
  /** Who suggested it: "openai:gpt-4o-mini", "check:pii", … */
  agent: string;
  createdAt: number;
}

export const role = z.enum(['owner', 'admin', 'reviewer', 'annotator']);
export type Role = z.infer<typeof role>;

export interface User {
  id: number;
  username: string;
  role: Role;
  languages: string[];
  disabled: boolean;
  createdAt: number;
}

/** An answer given on a gold record, beside the gold record's known answers. */
export interface GoldAnswer {
  userId: number;
  username: string;
  recordId: number;
  status: 'submitted' | 'discarded';
  values: Record<string, unknown>;
  gold: Record<string, unknown>;
}
