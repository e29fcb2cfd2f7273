import { badInput } from '../core/errors.js';
import { describeJson } from './reader-kit.js';
import { type FileFormat, readRows } from './rows.js';

export interface Row {
  line: number;
  value: Record<string, unknown>;
}

/**
 * The rows of a file for tools that take no partial input: the first bad row stops the read with a
 * bad_input error naming `file:line[:column]`.
 */
export async function* strictRows(
  file: string,
  format: FileFormat = 'jsonl',
  options: { batchSize?: number; chunkSize?: number } = {},
): AsyncGenerator<Row[]> {
  for await (const items of readRows(file, format, options)) {
    const rows: Row[] = [];
    for (const item of items) {
      if (!item.ok) {
        throw badInput(item.message, {
          file,
          line: item.line,
          ...(item.column !== undefined ? { column: item.column } : {}),
        });
      }
      rows.push({ line: item.line, value: item.value });
    }
    yield rows;
  }
}

/** A row's field as text, or a bad_input error naming the field and the row's line. */
export function textField(row: Row, field: string, file: string): string {
  const v = row.value[field];
  if (typeof v === 'string') return v;
  throw badInput(
    v === undefined
      ? `field '${field}' is missing`
      : `field '${field}' must be a string, found ${describeJson(v)}`,
    { file, line: row.line },
  );
}
