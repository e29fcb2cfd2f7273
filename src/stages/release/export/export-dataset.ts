import { TandemError, usage } from '../../../core/errors.js';
import { type RecordStatus, recordStatus } from '../../../core/record.js';
import type { Store } from '../../../store/store.js';
import type { ExportRecord, MappedRow } from './export-record.js';
import { applyCorrections } from './formats/corrections.js';
import { trainingFormats } from './formats/index.js';
import { fullRow } from './full-record.js';
import { openRowSink } from './row-sink.js';

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

/** Formats that keep everything known about a record; the others feed a trainer. */
const LOSSLESS: readonly ExportFormat[] = ['jsonl', 'parquet'];

/**
 * The statuses a format exports when none are asked for: a trainer gets only what people accepted
 * (rejected records carry the very errors review caught); a lossless export keeps everything.
 */
export function defaultStatuses(format: ExportFormat): RecordStatus[] | 'all' {
  return LOSSLESS.includes(format) ? 'all' : ['accepted'];
}

export interface ExportOptions {
  dataset: string;
  format: string;
  /** Only records in these statuses ('all', or an empty list: every one); default per format. */
  status?: RecordStatus[] | 'all';
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
  /** The statuses exported ('all': every one). */
  statuses: RecordStatus[] | 'all';
  /** Records left out for their status, by status: what `--status all` would add. */
  leftOut: Partial<Record<RecordStatus, number>>;
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
  const requested = opts.status ?? defaultStatuses(format);
  const statuses = requested === 'all' || requested.length === 0 ? 'all' : requested;
  // Erased records are tombstones: never exported, even when every status is asked for.
  const filter = (statuses === 'all' ? recordStatus.options : statuses).filter((s) => s !== 'erased');
  const leftOut: Partial<Record<RecordStatus, number>> = {};
  if (statuses !== 'all') {
    for (const [status, n] of Object.entries(await store.datasets.countByStatus(dataset.id)))
      if (n && !statuses.includes(status as RecordStatus)) leftOut[status as RecordStatus] = n;
  }
  const total = await store.records.count(dataset.id, filter);
  const out = opts.out ?? '-';

  let map: (r: ExportRecord) => MappedRow;
  if (format === 'jsonl' || format === 'parquet') {
    map = (r) => ({ ok: true, row: fullRow(settings, r, applyCorrections(settings, r)) });
  } else {
    map = trainingFormats[format].prepare(settings, opts.field ? { field: opts.field } : {});
  }

  if (format === 'parquet' && out === '-')
    throw usage('parquet export needs --out FILE (it cannot be written to stdout)');
  const sink = openRowSink(out, format === 'parquet' ? 'parquet' : 'jsonl', settings);

  let written = 0;
  let done = 0;
  const reasons = new Map<string, number>();
  try {
    for await (const page of store.records.stream(dataset.id, { status: filter })) {
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
                  // Why an annotator discarded the record: part of its lineage.
                  ...(x.reason !== null ? { reason: x.reason } : {}),
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
  return {
    dataset: dataset.name,
    format,
    out,
    written,
    statuses,
    leftOut,
    skipped: done - written,
    skipReasons,
  };
}
