import { TandemError, usage } from '../../../core/errors.js';
import { type RecordStatus, recordStatus } from '../../../core/record.js';
import { openLineSink } from '../../../io/line-sink.js';
import { openParquetSink } from '../../../io/parquet-sink.js';
import type { Store } from '../../../store/store.js';
import type { ExportRecord, MappedRow } from './export-record.js';
import { applyCorrections } from './formats/corrections.js';
import { trainingFormats } from './formats/index.js';
import { fullRow, parquetColumns, parquetRow } from './full-record.js';

export const EXPORT_FORMATS = [
  'jsonl',
  'openai',
  'sharegpt',
  'alpaca',
  'trl-sft',
  'trl-preference',
  'parquet',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  dataset: string;
  format: string;
  /** Only records in these statuses; all when empty. */
  status?: RecordStatus[];
  /** A path, or '-' / undefined for stdout. Parquet needs a path. */
  out?: string;
  /** The chat field training formats read, when the dataset has several. */
  field?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  dataset: string;
  format: ExportFormat;
  out: string;
  written: number;
  skipped: number;
  /** Why records were left out, with counts, most frequent first. */
  skipReasons: { reason: string; count: number }[];
}

function isFormat(f: string): f is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(f);
}

/** Streams a dataset out in one format; memory stays flat whatever the dataset's size. */
export async function exportDataset(store: Store, opts: ExportOptions): Promise<ExportSummary> {
  if (!isFormat(opts.format))
    throw usage(`unknown export format '${opts.format}'; expected one of ${EXPORT_FORMATS.join(', ')}`);
  const format = opts.format;
  const dataset = await store.datasets.get(opts.dataset);
  const settings = dataset.settings;
  // Erased records are tombstones: never exported, even when every status is asked for.
  const status = opts.status?.length ? opts.status : recordStatus.options.filter((s) => s !== 'erased');
  const total = await store.records.count(dataset.id, status);
  const out = opts.out ?? '-';

  let map: (r: ExportRecord) => MappedRow;
  if (format === 'jsonl' || format === 'parquet') {
    map = (r) => ({ ok: true, row: fullRow(settings, r, applyCorrections(settings, r)) });
  } else {
    map = trainingFormats[format].prepare(settings, opts.field ? { field: opts.field } : {});
  }

  let sink: {
    write(rows: Record<string, unknown>[]): Promise<void> | void;
    close(): Promise<void>;
    abort(): Promise<void>;
  };
  if (format === 'parquet') {
    if (out === '-') throw usage('parquet export needs --out FILE (it cannot be written to stdout)');
    // 20,000 rows of a few hundred bytes make row groups of ~10 MB: small enough to keep export
    // memory flat, large enough for readers' column scans.
    const p = openParquetSink(out, parquetColumns(settings), { rowGroupSize: 20_000 });
    sink = { write: (rows) => p.write(rows.map(parquetRow)), close: () => p.close(), abort: () => p.abort() };
  } else {
    const lines = openLineSink(out);
    sink = {
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

  let written = 0;
  let done = 0;
  const reasons = new Map<string, number>();
  try {
    for await (const page of store.records.stream(dataset.id, { status })) {
      const responses =
        format === 'jsonl' ? await store.responses.forRecords(page.map((r) => r.id)) : undefined;
      const rows: Record<string, unknown>[] = [];
      for (const rec of page) {
        const er: ExportRecord = {
          ...rec,
          ...(responses
            ? {
                responses: (responses.get(rec.id) ?? []).map((x) => ({
                  user: x.username,
                  round: x.round,
                  status: x.status,
                  values: x.values,
                })),
              }
            : {}),
        };
        const m = map(er);
        if (m.ok) rows.push(m.row);
        else reasons.set(m.reason, (reasons.get(m.reason) ?? 0) + 1);
      }
      await sink.write(rows);
      written += rows.length;
      done += page.length;
      opts.onProgress?.(done, total);
    }
    await sink.close();
  } catch (e) {
    await sink.abort();
    if (e instanceof TandemError) throw e;
    throw new TandemError('internal', `export failed: ${(e as Error).message}`, { cause: e });
  }
  const skipReasons = [...reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count);
  return { dataset: dataset.name, format, out, written, skipped: done - written, skipReasons };
}
