import type { Provenance } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { FileFormat, SourceItem } from '../../io/rows.js';
import { type EncodedRecord, encodeRecord } from '../../store/records.js';
import type { ColumnMapping } from './infer.js';
import { RowMapper } from './row-mapper.js';

/** Everything needed to map rows, in a form that crosses a worker boundary (plain data only). */
export interface MapPlan {
  file: string;
  format: FileFormat;
  fileLabel: string;
  importId: string;
  settings: DatasetSettings;
  idColumn: string | undefined;
  fields: [string, string][];
  batchSize: number;
  limit: number;
}

export interface RowError {
  line: number;
  column?: number;
  message: string;
}

export interface MappedBatch {
  /** Rows read in this batch, valid or not. */
  rows: number;
  records: EncodedRecord[];
  errors: RowError[];
}

export function planMapping(mapping: ColumnMapping): Pick<MapPlan, 'idColumn' | 'fields'> {
  return { idColumn: mapping.idColumn, fields: [...mapping.fields] };
}

export function mapperFor(plan: MapPlan): RowMapper {
  const provenance = (line: number, idFrom: 'column' | 'content_hash'): Provenance => ({
    origin: 'imported',
    file: plan.fileLabel,
    line,
    format: plan.format,
    importId: plan.importId,
    idFrom,
  });
  return new RowMapper(plan.settings, { idColumn: plan.idColumn, fields: new Map(plan.fields) }, provenance);
}

/** Maps one batch of source items; `budget` is how many more rows the import may take. */
/** How JSON.stringify writes U+0000. */
const NUL = '\\u0000';

export function mapBatch(mapper: RowMapper, items: SourceItem[], budget: number): MappedBatch {
  const out: MappedBatch = { rows: 0, records: [], errors: [] };
  for (const item of items) {
    if (out.rows >= budget) break;
    out.rows++;
    if (!item.ok) {
      out.errors.push({
        line: item.line,
        ...(item.column ? { column: item.column } : {}),
        message: item.message,
      });
      continue;
    }
    const m = mapper.map(item.value, item.line);
    if (!m.ok) {
      out.errors.push({ line: item.line, message: m.message });
      continue;
    }
    const encoded = encodeRecord(m.record);
    // PostgreSQL's jsonb cannot hold U+0000; refusing it on SQLite too keeps a dataset movable
    // between the two, and the user learns which line to clean instead of a driver error.
    if (encoded.fields.includes(NUL) || encoded.metadata.includes(NUL) || encoded.externalId.includes('\0')) {
      out.errors.push({
        line: item.line,
        message: 'contains a NUL character (U+0000), which the store cannot hold',
      });
      continue;
    }
    out.records.push(encoded);
  }
  return out;
}
