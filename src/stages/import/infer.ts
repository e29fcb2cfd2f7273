import { badInput } from '../../core/errors.js';
import type { FieldSettings } from '../../core/fields.js';
import { type DatasetSettings, datasetSettings } from '../../core/settings.js';
import { didYouMean } from '../../core/suggest.js';
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
  options: { idColumn?: string; map?: Map<string, string>; metadata?: string[] },
  file = 'the file',
): { settings: DatasetSettings; mapping: ColumnMapping } {
  const idColumn = options.idColumn ?? (sample.some((r) => 'id' in r) ? 'id' : undefined);
  type Kind = 'chat' | 'string' | 'other';
  const columns = new Map<string, { counts: Record<Kind, number>; present: number }>();
  for (const row of sample) {
    for (const [k, v] of Object.entries(row)) {
      const c = columns.get(k) ?? { counts: { chat: 0, string: 0, other: 0 }, present: 0 };
      if (v !== null && v !== undefined && v !== '') {
        c.present++;
        c.counts[looksLikeChat(v) ? 'chat' : typeof v === 'string' ? 'string' : 'other']++;
      }
      columns.set(k, c);
    }
  }
  // A column's kind is what most of its values are: the odd row of another type is then reported
  // as a bad row with its line, instead of silently turning the whole column into metadata.
  const kindOf = (column: string): Kind | undefined => {
    const c = columns.get(column);
    if (!c || c.present === 0) return undefined;
    const [kind, n] = (Object.entries(c.counts) as [Kind, number][]).sort((a, b) => b[1] - a[1])[0]!;
    return n * 2 > c.present ? kind : undefined;
  };
  const fields: FieldSettings[] = [];
  const mapping = new Map<string, string>();
  const explicit = options.map ?? new Map<string, string>();
  const mappedColumns = new Set(explicit.values());
  const addField = (name: string, column: string, kind: 'text' | 'chat') => {
    const present = columns.get(column)?.present ?? 0;
    fields.push({ name, type: kind, required: present === sample.length });
    mapping.set(name, column);
  };
  for (const [name, column] of explicit) addField(name, column, kindOf(column) === 'chat' ? 'chat' : 'text');
  // With an explicit --map, only the mapped columns become fields; everything else is metadata.
  for (const column of explicit.size > 0 ? [] : columns.keys()) {
    if (column === idColumn || mappedColumns.has(column) || LANGUAGE_COLUMNS.has(column)) continue;
    if (options.metadata?.includes(column)) continue;
    if (!FIELD_NAME.test(column)) continue;
    const kind = kindOf(column);
    if (kind === 'chat') addField(column === 'conversations' ? 'messages' : column, column, 'chat');
    else if (kind === 'string') addField(column, column, 'text');
  }
  if (fields.length === 0) {
    const seen = [...columns.keys()].slice(0, 12).join(', ') || 'none';
    throw badInput(
      `could not infer a text or chat field from the first ${sample.length} rows (columns: ${seen}); name one with --map FIELD=COLUMN or give --settings`,
      { file },
    );
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

/**
 * A `--map` or `--id-column` naming a column no row of the sample has is a typo, not an empty
 * field: without this, every record would import with that field missing.
 */
export function assertColumnsExist(
  sample: Record<string, unknown>[],
  options: { idColumn?: string; map?: Map<string, string> },
  file: string,
): void {
  if (sample.length === 0) return;
  const seen = new Set(sample.flatMap((r) => Object.keys(r)));
  const wanted: [flag: string, column: string][] = [...(options.map ?? [])].map(([f, c]) => [
    `--map ${f}=${c}`,
    c,
  ]);
  if (options.idColumn) wanted.push([`--id ${options.idColumn}`, options.idColumn]);
  for (const [flag, column] of wanted) {
    if (seen.has(column)) continue;
    throw badInput(
      `${flag}: no column '${column}' in the first ${sample.length} rows${didYouMean(column, seen)}; the columns are ${[...seen].join(', ')}`,
      { file },
    );
  }
}
