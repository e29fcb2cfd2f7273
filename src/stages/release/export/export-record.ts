import type { DatasetRecord } from '../../../core/record.js';
import type { DatasetSettings } from '../../../core/settings.js';

/** A record as an exporter sees it: read from the store, responses attached when asked for. */
export interface ExportRecord
  extends Pick<
    DatasetRecord,
    | 'id'
    | 'externalId'
    | 'fields'
    | 'metadata'
    | 'provenance'
    | 'contentHash'
    | 'language'
    | 'status'
    | 'finalValues'
  > {
  responses?: ExportResponse[];
}

export interface ExportResponse {
  user: string;
  round: number;
  status: 'draft' | 'submitted' | 'discarded';
  values: Record<string, unknown>;
  /** Why the record was discarded, when it was. */
  reason?: string;
}

/** What a training-format mapper produced for one record: a row, or the reason it cannot be one. */
export type MappedRow = { ok: true; row: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Maps records to one training format. `prepare` runs once per export and fails fast (a TandemError
 * of code 'unsupported') when the dataset's settings cannot express this format at all.
 */
export interface TrainingFormat {
  name: string;
  prepare(settings: DatasetSettings, options: FormatOptions): (record: ExportRecord) => MappedRow;
}

export interface FormatOptions {
  /** The chat field to read; defaults to the only chat field. */
  field?: string;
}
