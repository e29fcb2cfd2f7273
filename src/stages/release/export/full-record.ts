import type { DatasetSettings } from '../../../core/settings.js';
import type { ParquetColumn } from '../../../io/parquet-sink.js';
import type { ExportRecord } from './export-record.js';

/**
 * The lossless export row: everything Tandem knows about a record. `fields` hold the corrected
 * values trainers should use; `original_fields` keeps what was there before, when a correction
 * changed it.
 */
export function fullRow(
  _settings: DatasetSettings,
  r: ExportRecord,
  corrected: Record<string, unknown>,
): Record<string, unknown> {
  const changed = JSON.stringify(corrected) !== JSON.stringify(r.fields);
  return {
    id: r.id,
    external_id: r.externalId,
    status: r.status,
    language: r.language,
    fields: corrected,
    ...(changed ? { original_fields: r.fields } : {}),
    metadata: r.metadata,
    final_values: r.finalValues,
    ...(r.responses ? { responses: r.responses } : {}),
    provenance: r.provenance,
    content_hash: r.contentHash,
  };
}

const FIXED = new Set([
  'id',
  'external_id',
  'status',
  'language',
  'metadata',
  'final_values',
  'provenance',
  'content_hash',
]);

/** A field whose name is taken by a fixed column is written as `field_<name>`. */
export const fieldColumn = (name: string): string => (FIXED.has(name) ? `field_${name}` : name);

/** Parquet gets one column per field, so trainers read `conversation` or `text` directly. */
export function parquetColumns(settings: DatasetSettings): ParquetColumn[] {
  return [
    { name: 'id', type: 'INT64' },
    { name: 'external_id', type: 'STRING' },
    { name: 'status', type: 'STRING' },
    { name: 'language', type: 'STRING' },
    ...settings.fields.map(
      (f): ParquetColumn => ({
        name: fieldColumn(f.name),
        type: f.type === 'text' || f.type === 'markdown' ? 'STRING' : 'JSON',
      }),
    ),
    { name: 'metadata', type: 'JSON' },
    { name: 'final_values', type: 'JSON' },
    { name: 'provenance', type: 'JSON' },
    { name: 'content_hash', type: 'STRING' },
  ];
}

export function parquetRow(row: Record<string, unknown>): Record<string, unknown> {
  const {
    fields,
    original_fields: _original,
    ...rest
  } = row as { fields: Record<string, unknown> } & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  for (const [k, v] of Object.entries(fields)) out[fieldColumn(k)] = v ?? null;
  return out;
}
