/**
 * Streaming Parquet output on hyparquet-writer's incremental ParquetWriter. Rows are buffered until a
 * row group is full and then encoded and written, so memory is bounded by one row group. Like the line
 * sink, output goes to `${path}.partial` and is renamed into place on close.
 */

import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, type ColumnSource, ParquetWriter } from 'hyparquet-writer';
import { badInput, TandemError } from '../core/errors.js';

export type ParquetColumnType = 'STRING' | 'JSON' | 'INT64' | 'DOUBLE' | 'BOOLEAN';
export interface ParquetColumn {
  name: string;
  type: ParquetColumnType;
}
export interface ParquetSink {
  /** Buffers rows; writes a row group whenever one is full. Await it before writing more. */
  write(rows: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** A ByteWriter that hands its bytes to a file after each row group instead of growing for the whole file. */
class FileByteWriter extends ByteWriter {
  constructor(private readonly fh: Promise<FileHandle>) {
    super(1024 * 1024);
  }
  async flush(): Promise<void> {
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    await (await this.fh).write(bytes);
    this.index = 0; // only after the write: the bytes live in this.buffer until then
  }
  override async finish(): Promise<void> {
    await this.flush();
    await (await this.fh).close();
  }
}

function schemaElement({ name, type }: ParquetColumn): SchemaElement {
  const repetition_type = 'OPTIONAL';
  switch (type) {
    case 'STRING':
      return {
        name,
        type: 'BYTE_ARRAY',
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' },
        repetition_type,
      };
    case 'JSON':
      // converted_type is set to JSON only for the footer, at close (see coerce).
      return {
        name,
        type: 'BYTE_ARRAY',
        converted_type: undefined,
        logical_type: { type: 'JSON' },
        repetition_type,
      };
    default:
      return { name, type, repetition_type };
  }
}

const unsupported = (col: ParquetColumn, v: unknown) =>
  new TandemError(
    'unsupported',
    `parquet column '${col.name}' (${col.type}) cannot hold ${typeof v === 'string' ? `the string '${v.slice(0, 40)}'` : `a ${typeof v} value`}`,
  );

const utf8 = new TextEncoder();

/**
 * Coerces one value to what the column's physical type needs; null/undefined become parquet nulls.
 *
 * JSON columns are serialised here, to the bytes hyparquet-writer would write
 * (`JSON.stringify(toJson(v))`): its conversion first deep-copies every value through `toJson` and
 * keeps each in a Map for the row group (`toJson` alone was ~5% of a release export's profile). The
 * values are JSON already (parsed rows and snapshots), where that copy changes nothing. So the writer
 * is given JSON columns without their converted type, which makes it write the bytes as they are,
 * and the type goes into the schema before the footer is written: the file is byte-identical.
 */
function coerce(col: ParquetColumn, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.type) {
    case 'STRING':
      if (typeof v === 'string') return v;
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'JSON':
      return utf8.encode(JSON.stringify(v));
    case 'INT64':
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
      throw unsupported(col, v);
    case 'DOUBLE':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      throw unsupported(col, v);
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      throw unsupported(col, v);
  }
}

export function openParquetSink(
  path: string,
  columns: ParquetColumn[],
  options: { rowGroupSize?: number } = {},
): ParquetSink {
  const rowGroupSize = Math.max(1, Math.floor(options.rowGroupSize ?? 50_000));
  const partial = `${path}.partial`;
  const cannotWrite = (e: unknown) =>
    !(e instanceof TandemError) && (e as NodeJS.ErrnoException)?.code
      ? badInput(`cannot write the file: ${(e as Error).message}`, { file: path })
      : e;
  const fh = open(partial, 'w').catch((e) => {
    throw cannotWrite(e);
  });
  fh.catch(() => {}); // reported by the first write or close, not as an unhandled rejection
  const elements = columns.map(schemaElement);
  const writer = new ParquetWriter({
    writer: new FileByteWriter(fh),
    schema: [{ name: 'root', num_children: columns.length }, ...elements],
    createdBy: 'tandem',
  });
  const markJsonColumns = () => {
    for (const e of elements) if (e.logical_type?.type === 'JSON') e.converted_type = 'JSON';
  };

  let pending: Record<string, unknown>[] = [];
  let state: 'open' | 'closed' | 'failed' = 'open';

  const writeGroup = async (rows: Record<string, unknown>[]) => {
    const columnData: ColumnSource[] = columns.map((col) => {
      const data = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) data[i] = coerce(col, rows[i]![col.name]);
      // Text min/max statistics cost a string compare per value (and JSON bounds are never truncated, so
      // they could copy huge values into the footer); exports are read whole, so only numbers keep them.
      return { name: col.name, data, statistics: col.type !== 'JSON' && col.type !== 'STRING' };
    });
    await writer.write({ columnData, rowGroupSize: rows.length });
  };

  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (state !== 'open') throw new Error(`parquet sink is ${state}`);
    try {
      return await fn();
    } catch (e) {
      state = 'failed';
      throw cannotWrite(e);
    }
  };

  const removePartial = async () => {
    await fh.then((h) => h.close()).catch(() => {}); // already closed or never opened: fine
    await unlink(partial).catch(() => {});
  };

  return {
    write: (rows) =>
      guard(async () => {
        for (const row of rows) pending.push(row);
        while (pending.length >= rowGroupSize) {
          const group = pending.length === rowGroupSize ? pending : pending.slice(0, rowGroupSize);
          pending = pending.length === rowGroupSize ? [] : pending.slice(rowGroupSize);
          await writeGroup(group);
        }
      }),
    async close() {
      try {
        await guard(async () => {
          if (pending.length > 0) await writeGroup(pending);
          pending = [];
          markJsonColumns();
          await writer.finish();
          await rename(partial, path);
        });
        state = 'closed';
      } catch (e) {
        await removePartial();
        throw e;
      }
    },
    async abort() {
      const wasClosed = state === 'closed';
      state = 'failed';
      pending = [];
      if (!wasClosed) await removePartial();
    },
  };
}
