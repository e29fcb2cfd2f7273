import type { FieldSettings } from '../core/fields.js';
import { type DatasetSettings, datasetSettings } from '../core/settings.js';
import { looksLikeChat } from './chat-convert.js';

/** Column names that hold a record's language rather than text to annotate. */
export const LANGUAGE_COLUMNS = new Set(['language', 'lang', 'locale']);

export interface ColumnMapping {
  /** Column holding the external id, when the file has one. */
  idColumn: string | undefined;
  /** Dataset field name → source column. */
  fields: Map<string, string>;
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Infers dataset settings from the first rows of a file: strings become text fields, OpenAI
 * `messages` or ShareGPT `conversations` become chat fields, the id column the external id, and
 * everything else metadata. A field is required only if every sampled row has it.
 */
export function inferSettings(
  sample: Record<string, unknown>[],
  options: { idColumn?: string; map?: Map<string, string> },
): { settings: DatasetSettings; mapping: ColumnMapping } {
  const idColumn = options.idColumn ?? (sample.some((r) => 'id' in r) ? 'id' : undefined);
  const columns = new Map<string, { kinds: Set<string>; present: number }>();
  for (const row of sample) {
    for (const [k, v] of Object.entries(row)) {
      const c = columns.get(k) ?? { kinds: new Set<string>(), present: 0 };
      if (v !== null && v !== undefined && v !== '') {
        c.present++;
        c.kinds.add(looksLikeChat(v) ? 'chat' : typeof v === 'string' ? 'string' : 'other');
      }
      columns.set(k, c);
    }
  }
  const fields: FieldSettings[] = [];
  const mapping = new Map<string, string>();
  const explicit = options.map ?? new Map<string, string>();
  const mappedColumns = new Set(explicit.values());
  const addField = (name: string, column: string, kind: 'text' | 'chat') => {
    const present = columns.get(column)?.present ?? 0;
    fields.push({ name, type: kind, required: present === sample.length });
    mapping.set(name, column);
  };
  for (const [name, column] of explicit) {
    const kinds = columns.get(column)?.kinds;
    addField(name, column, kinds?.has('chat') ? 'chat' : 'text');
  }
  // With an explicit --map, only the mapped columns become fields; everything else is metadata.
  for (const [column, info] of explicit.size > 0 ? [] : columns) {
    if (column === idColumn || mappedColumns.has(column) || LANGUAGE_COLUMNS.has(column)) continue;
    if (!FIELD_NAME.test(column) || info.kinds.size !== 1) continue;
    const kind = [...info.kinds][0];
    if (kind === 'chat') addField(column === 'conversations' ? 'messages' : column, column, 'chat');
    else if (kind === 'string') addField(column, column, 'text');
  }
  const settings = datasetSettings.parse({ fields, distribution: { responsesPerRecord: 1 } });
  return { settings, mapping: { idColumn, fields: mapping } };
}

/** Maps an existing dataset's fields to columns: explicit `--map` first, then same-named columns. */
export function mappingFor(
  settings: DatasetSettings,
  options: { idColumn?: string; map?: Map<string, string> },
  firstRow: Record<string, unknown> | undefined,
): ColumnMapping {
  const fields = new Map<string, string>();
  for (const f of settings.fields) {
    const explicit = options.map?.get(f.name);
    if (explicit) fields.set(f.name, explicit);
    else if (f.type === 'chat' && firstRow && !(f.name in firstRow) && 'conversations' in firstRow)
      fields.set(f.name, 'conversations');
    else if (f.type === 'chat' && firstRow && !(f.name in firstRow) && 'messages' in firstRow)
      fields.set(f.name, 'messages');
    else fields.set(f.name, f.name);
  }
  const idColumn = options.idColumn ?? (firstRow && 'id' in firstRow ? 'id' : undefined);
  return { idColumn, fields };
}
