import type { Provenance } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { FileFormat, SourceItem } from '../../io/rows.js';
import { type EncodedRecord, encodeRecord, type NewRecord } from '../../store/records.js';
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

/** How JSON.stringify writes U+0000. */
const NUL = '\\u0000';

/** Where in a value U+0000 first occurs (a string or a key), as `.a[2].b`; null when nowhere. */
export function nulPath(v: unknown, at = ''): string | null {
  if (typeof v === 'string') return v.includes('\0') ? at : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = nulPath(v[i], `${at}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('\0')) return `${at}.${JSON.stringify(k)}`;
      const p = nulPath(x, `${at}.${k}`);
      if (p !== null) return p;
    }
  }
  return null;
}

function nulMessage(r: NewRecord): string {
  const where = (() => {
    if (r.externalId.includes('\0')) return 'the id';
    for (const [k, v] of Object.entries(r.fields)) {
      const p = nulPath(v);
      if (p !== null) return `field '${k}${p}'`;
    }
    for (const [k, v] of Object.entries(r.metadata)) {
      if (k.includes('\0')) return `a metadata column's name (${JSON.stringify(k)})`;
      const p = nulPath(v);
      if (p !== null) return `metadata column '${k}${p}'`;
    }
    return 'a value';
  })();
  return `${where}: text contains U+0000, which PostgreSQL cannot store (refused on every store)`;
}

/** Maps one batch of source items; `budget` is how many more rows the import may take. */

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
    // PostgreSQL cannot store U+0000 in text or jsonb; refusing it on SQLite too keeps one rule for
    // both stores (and a dataset movable between them). A row error, so --skip-invalid imports the rest.
    if (encoded.fields.includes(NUL) || encoded.metadata.includes(NUL) || encoded.externalId.includes('\0')) {
      out.errors.push({ line: item.line, message: nulMessage(m.record) });
      continue;
    }
    out.records.push(encoded);
  }
  return out;
}
