/** Rounds of work on a record: answers (annotation), review, and a sampled second review. */
export const ANNOTATION_ROUND = 1;
export const REVIEW_ROUND = 2;
export const SECOND_REVIEW_ROUND = 3;

/** What an `assignments` row is: a lease from the queue, or a standing assignment. */
export type AssignmentKind = 'lease' | 'assigned' | 'returned' | 'skipped';
