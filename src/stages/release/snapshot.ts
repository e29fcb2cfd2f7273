import { sha256 } from '../../core/hash.js';
import type { DatasetRecord, FinalValues, Provenance, RecordStatus } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { ExportRecord, ExportResponse } from './export/export-record.js';
import { applyCorrections } from './export/formats/corrections.js';
import { fullRow } from './export/full-record.js';

/**
 * A record as a release freezes it: the lossless export row (corrected fields, the original ones
 * when a correction changed them, metadata, final values, responses, provenance, content hash).
 * Serialised as read (JSON.stringify keeps the store's key order, stable for a stored record); a
 * diff that finds two hashes differ compares the parsed rows, so key order alone never shows as a
 * change. canonicalJson cost three times as much over a million records.
 */

export function snapshotOf(
  settings: DatasetSettings,
  rec: DatasetRecord,
  responses: ExportResponse[] | undefined,
): Record<string, unknown> {
  const er: ExportRecord = { ...rec, ...(responses?.length ? { responses } : {}) };
  return fullRow(settings, er, applyCorrections(settings, er));
}

export interface Frozen {
  text: string;
  hash: string;
}

export function freeze(snapshot: Record<string, unknown>): Frozen {
  const text = JSON.stringify(snapshot);
  return { text, hash: sha256(text).slice(0, 32) };
}

/** The record a training-format mapper reads, rebuilt from a snapshot (fields as before corrections). */
export function exportRecordOf(s: Record<string, unknown>): ExportRecord {
  return {
    id: Number(s.id),
    externalId: String(s.external_id),
    fields: (s.original_fields ?? s.fields) as Record<string, unknown>,
    metadata: (s.metadata ?? {}) as Record<string, unknown>,
    provenance: s.provenance as Provenance,
    contentHash: String(s.content_hash),
    language: (s.language ?? null) as string | null,
    status: s.status as RecordStatus,
    finalValues: (s.final_values ?? null) as FinalValues | null,
    ...(Array.isArray(s.responses) ? { responses: s.responses as ExportResponse[] } : {}),
  };
}
