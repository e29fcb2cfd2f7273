/**
 * A record's statuses as a plain list: what the store and the lifecycle need at run time, without
 * loading zod (`recordStatus` in `record.ts` is the schema built from it). See `lifecycle.ts`.
 */
export const RECORD_STATUSES = [
  'new',
  'checked',
  'flagged',
  'in_review',
  'accepted',
  'rejected',
  'retired',
  'erased',
] as const;
