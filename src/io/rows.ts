/**
 * One entry point for reading data files as a stream of row batches. Each format has its own
 * reader; this module picks one and enforces the shared rules (batching, empty file). The types the
 * readers share live in `reader-kit.ts` and are re-exported here.
 */

import { extname } from 'node:path';
import { badInput } from '../core/errors.js';
import { readCsv } from './csv-reader.js';
import { readJsonArray } from './json-array-reader.js';
import { readJsonl } from './jsonl-reader.js';
import { readParquet } from './parquet-reader.js';
import type { ReaderOptions, SourceItem } from './reader-kit.js';

export type { ReaderOptions, SourceItem } from './reader-kit.js';

export type FileFormat = 'jsonl' | 'json' | 'csv' | 'parquet';

export const FILE_FORMATS: readonly FileFormat[] = ['jsonl', 'json', 'csv', 'parquet'];

const EXTENSIONS: Record<string, FileFormat> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.parquet': 'parquet',
};

/** What a non-empty file of each format looks like; used in the "file is empty" message. */
const EXPECTED: Record<FileFormat, string> = {
  jsonl: 'one JSON object per line',
  json: 'a JSON array of objects',
  csv: 'a header line followed by at least one row',
  parquet: 'a parquet file with at least one row',
};

/** Guess from extension (.jsonl/.ndjson, .json, .csv/.tsv, .parquet); explicit wins; unknown -> throw badInput naming the file and listing formats. */
export function detectFormat(file: string, explicit?: string): FileFormat {
  if (explicit !== undefined && explicit !== '') {
    const f = explicit.toLowerCase();
    if (f === 'ndjson') return 'jsonl';
    if (f === 'tsv') return 'csv';
    if ((FILE_FORMATS as readonly string[]).includes(f)) return f as FileFormat;
    throw badInput(`unknown format '${explicit}'; expected one of: ${FILE_FORMATS.join(', ')}`, { file });
  }
  const format = EXTENSIONS[extname(file).toLowerCase()];
  if (format) return format;
  throw badInput(
    `cannot tell the format from the file name; use a known extension (${Object.keys(EXTENSIONS).join(', ')}) or name the format (${FILE_FORMATS.join(', ')})`,
    { file },
  );
}

/**
 * Streams a file in batches of up to `batchSize` items (default 1000). Row-level problems are yielded as
 * ok:false items (the caller decides whether to abort or skip). File-level problems throw a TandemError
 * via badInput with {file} location: missing/unreadable file, empty file, a JSON file whose top level is
 * not an array, a corrupt parquet file. Memory stays flat regardless of file size.
 */
export function readRows(
  file: string,
  format: FileFormat,
  options: { batchSize?: number; delimiter?: string; chunkSize?: number } = {},
): AsyncIterable<SourceItem[]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  let delimiter = options.delimiter;
  if (delimiter === undefined && format === 'csv' && extname(file).toLowerCase() === '.tsv') delimiter = '\t';
  const opts: ReaderOptions = {
    batchSize,
    delimiter,
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
  };
  return nonEmpty(file, format, select(format)(file, opts));
}

function select(format: FileFormat): (file: string, opts: ReaderOptions) => AsyncIterable<SourceItem[]> {
  switch (format) {
    case 'jsonl':
      return readJsonl;
    case 'json':
      return readJsonArray;
    case 'csv':
      return readCsv;
    case 'parquet':
      return readParquet;
  }
}

/** Readers only report what they see; the zero-rows rule is the same for all formats, so it lives here. */
async function* nonEmpty(
  file: string,
  format: FileFormat,
  batches: AsyncIterable<SourceItem[]>,
): AsyncGenerator<SourceItem[]> {
  let seen = false;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    seen = true;
    yield batch;
  }
  if (!seen) throw badInput(`the file is empty; expected ${EXPECTED[format]}`, { file });
}
