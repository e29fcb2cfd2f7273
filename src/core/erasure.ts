/**
 * Erasure (GDPR Art. 17, data-owner requests): which records of a dataset to erase, and the
 * tombstone an erasure leaves. The tombstone holds no content: the value a `where` or `match`
 * selector looked for is the very thing being erased, so only its kind (and field name) is kept.
 */

/** How the records to erase are chosen. */
export type ErasureSelector =
  /** These record ids of the dataset. */
  | { kind: 'record'; recordIds: number[] }
  /** Records whose field, metadata key or external id equals a value. */
  | { kind: 'where'; field: string; in: 'fields' | 'metadata' | 'external_id'; value: string }
  /**
   * Records whose content (fields, metadata, final values, answers, suggestions, comments)
   * contains the text, case-insensitively (ASCII letters only on SQLite).
   */
  | { kind: 'match'; text: string };

/** What the tombstone says about the selector: never the value looked for. */
export type SelectorDescription =
  | { kind: 'record' }
  | { kind: 'where'; field: string; in: 'fields' | 'metadata' | 'external_id' }
  | { kind: 'match' };

export function describeSelector(s: ErasureSelector): SelectorDescription {
  switch (s.kind) {
    case 'record':
      return { kind: 'record' };
    case 'where':
      return { kind: 'where', field: s.field, in: s.in };
    case 'match':
      return { kind: 'match' };
  }
}

/** Rows an erasure removes or scrubs, per place Tandem keeps content. */
export interface ErasureCounts {
  records: number;
  responses: number;
  suggestions: number;
  checkResults: number;
  comments: number;
  assignments: number;
  events: number;
  llmCache: number;
  jobs: number;
  releaseRecords: number;
}

/** A release that contained an erased record. */
export interface AffectedRelease {
  id: number;
  version: string;
}

/** What an erasure will touch (shown before asking for confirmation). */
export interface ErasurePlan {
  datasetId: number;
  dataset: string;
  recordIds: number[];
  counts: ErasureCounts;
  releases: AffectedRelease[];
}

/** The tombstone: who, when, why, which records; no content. */
export interface Erasure {
  id: number;
  datasetId: number;
  dataset: string;
  actor: string;
  reason: string;
  selector: SelectorDescription;
  recordIds: number[];
  counts: ErasureCounts;
  releases: AffectedRelease[];
  at: number;
  /** When the content left the store's files too (SQLite VACUUM, PostgreSQL VACUUM); null = pending. */
  purgedAt: number | null;
}

/**
 * Strings shorter than this, taken from an erased record to find copies of it elsewhere (the model
 * response cache, other events), are not looked for: "yes" would wipe unrelated rows.
 */
export const MIN_DERIVED_NEEDLE = 12;

/** The string leaves of a JSON value, long enough to look for elsewhere. */
export function needlesOf(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (value.trim().length >= MIN_DERIVED_NEEDLE) out.add(value);
  } else if (Array.isArray(value)) for (const v of value) needlesOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) needlesOf(v, out);
  return out;
}
