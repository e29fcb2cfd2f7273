import type { DatasetSettings } from '../../../core/settings.js';
import { openLineSink } from '../../../io/line-sink.js';
import { openParquetSink } from '../../../io/parquet-sink.js';
import { parquetColumns, parquetRow } from './full-record.js';

/** Where exported rows go: a Parquet file or JSON lines (a path, or '-' for stdout). */
export interface RowSink {
  write(rows: Record<string, unknown>[]): Promise<void> | void;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export function openRowSink(path: string, kind: 'parquet' | 'jsonl', settings: DatasetSettings): RowSink {
  if (kind === 'parquet') {
    // 20,000 rows of a few hundred bytes make row groups of ~10 MB: small enough to keep export
    // memory flat, large enough for readers' column scans.
    const p = openParquetSink(path, parquetColumns(settings), { rowGroupSize: 20_000 });
    return { write: (rows) => p.write(rows.map(parquetRow)), close: () => p.close(), abort: () => p.abort() };
  }
  const lines = openLineSink(path);
  return {
    write: async (rows) => {
      for (const row of rows) {
        const w = lines.write(JSON.stringify(row));
        if (w) await w;
      }
    },
    close: () => lines.close(),
    abort: () => lines.abort(),
  };
}
