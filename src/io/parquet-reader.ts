/**
 * Parquet reader on hyparquet. Reads one row group at a time, so memory is bounded by the largest row
 * group rather than the file, and converts values to what a JSON record can hold.
 */

import { stat } from 'node:fs/promises';
import { asyncBufferFromFile, type FileMetaData, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
// ZSTD (Polars' default), GZIP, Brotli and LZ4 besides Snappy: files from any common writer open.
import { compressors } from 'hyparquet-compressors';
import { badInput, type TandemError } from '../core/errors.js';
import { Batcher, type ReaderOptions, type SourceItem, unreadable } from './reader-kit.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Makes a parquet value JSON-friendly: BigInt -> number (or string if unsafe), Date -> ISO, bytes -> base64. */
export function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'bigint':
      return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
    case 'object':
      break;
    default:
      return v;
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
  return out;
}

/** Streams a Parquet file. See rows.ts for the contract. */
export async function* readParquet(file: string, opts: ReaderOptions): AsyncGenerator<SourceItem[]> {
  // fs problems (missing, directory, permissions) read better as such than as "corrupt parquet".
  const failure = (e: unknown, what: string, line?: number): TandemError =>
    (e as NodeJS.ErrnoException)?.code
      ? unreadable(file, e)
      : badInput(
          `${what}: ${(e as Error)?.message ?? String(e)}`,
          line === undefined ? { file } : { file, line },
        );

  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw unreadable(file, e);
  }
  if (size === 0) return; // the dispatcher reports an empty file

  const buffer = await asyncBufferFromFile(file).catch((e) => {
    throw unreadable(file, e);
  });
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw failure(e, await whyNoFooter(buffer, size));
  }

  const out = new Batcher(opts.batchSize);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    if (rowEnd === rowStart) continue;
    let rows: Record<string, unknown>[];
    try {
      // utf8: false keeps undeclared BYTE_ARRAY columns as bytes (base64 below); UTF8/JSON columns still decode.
      rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, utf8: false, compressors });
    } catch (e) {
      const g = metadata.row_groups.indexOf(group) + 1;
      throw failure(
        e,
        `row group ${g} of ${metadata.row_groups.length} (rows ${rowStart + 1}–${rowEnd}) is corrupt, truncated or unsupported`,
        rowStart + 1,
      );
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      for (const k of Object.keys(row)) row[k] = toPlain(row[k]);
      out.push({ ok: true, line: rowStart + i + 1, value: row });
    }
    rows = [];
    for (const batch of out.take()) yield batch;
    rowStart = rowEnd;
  }
  for (const batch of out.take(true)) yield batch;
}

const MAGIC = 'PAR1';

/**
 * What is wrong with a file whose footer does not parse. A Parquet file starts and ends with PAR1 and
 * keeps its schema in the footer: a file that starts right but ends wrong was cut short (an
 * interrupted copy or download), one that starts wrong is not Parquet at all.
 */
async function whyNoFooter(
  buffer: { slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer> },
  size: number,
): Promise<string> {
  const text = async (start: number, end: number) =>
    Buffer.from(await buffer.slice(start, end)).toString('latin1');
  const head = await text(0, Math.min(4, size)).catch(() => '');
  const tail = size >= 8 ? await text(size - 4, size).catch(() => '') : '';
  if (head !== MAGIC) return 'not a Parquet file (it does not start with PAR1)';
  if (tail !== MAGIC)
    return `the Parquet file is truncated: it starts as Parquet but its footer (schema and row groups) is missing at the end of its ${size.toLocaleString('en-US')} bytes; copy or download it again`;
  return 'the Parquet file is corrupt: its footer (schema and row groups) does not parse';
}
