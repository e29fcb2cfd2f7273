import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Actor } from '../../core/actor.js';
import { badInput } from '../../core/errors.js';
import type { DatasetSettings } from '../../core/settings.js';
import { detectFormat, type FileFormat, readRows } from '../../io/rows.js';
import type { Store } from '../../store/store.js';
import { assertColumnsExist, type ColumnMapping, inferSettings, mappingFor } from './infer.js';
import { type MapPlan, planMapping, type RowError } from './map-batch.js';
import { mappedBatches } from './mapped-source.js';

export interface ImportOptions {
  file: string;
  dataset: string;
  format?: string;
  /** FIELD → COLUMN. */
  map?: Map<string, string>;
  idColumn?: string;
  /** Columns a new dataset keeps as metadata even when they hold text (intent, category, …). */
  metadata?: string[];
  /** Settings for a dataset that does not exist yet; inferred from the data when absent. */
  settings?: DatasetSettings;
  skipInvalid?: boolean;
  /** Where --skip-invalid writes rejected lines (JSONL). Default: ./<file name>.rejected.jsonl */
  reportPath?: string;
  actor: Actor;
  batchSize?: number;
  /** Import at most this many rows (the first ones). */
  limit?: number;
  /** Map rows on a worker thread (default: when the compiled worker exists). */
  thread?: boolean;
  onProgress?: (rows: number) => void;
}

export interface Rejected {
  line: number;
  column?: number;
  error: string;
}

export interface ImportSummary {
  dataset: string;
  created: boolean;
  /** The settings a new dataset was created with (inferred or given). */
  settings?: DatasetSettings;
  file: string;
  format: FileFormat;
  importId: string;
  rows: number;
  inserted: number;
  /** Rows the dataset already held (same external id): importing twice adds nothing. */
  existing: number;
  rejected: number;
  report?: string;
}

/**
 * Imports one data file into a dataset in a single transaction: a bad row (without
 * --skip-invalid) aborts the import and nothing from the file is committed.
 */
export async function importFile(store: Store, opts: ImportOptions): Promise<ImportSummary> {
  const format = detectFormat(opts.file, opts.format);
  const importId = randomUUID();
  const fileLabel = basename(opts.file);
  const batchSize = opts.batchSize ?? 1000;
  // The first batch decides the fields of a new dataset and the column mapping; the full pass follows.
  const { sample, firstError } = await firstRows(opts.file, format, batchSize);

  const rejected: Rejected[] = [];
  const reject = (e: RowError) => {
    if (!opts.skipInvalid) throw badInput(e.message, { file: opts.file, line: e.line, column: e.column });
    rejected.push({ line: e.line, ...(e.column ? { column: e.column } : {}), error: e.message });
  };

  // One insert in flight while the next batch is mapped: on PostgreSQL the server works on one batch
  // while Node prepares the next.
  let inflight: Promise<void> = Promise.resolve();
  assertColumnsExist(sample, opts, opts.file);
  const written = await store.transaction(async (tx) => {
    try {
      let dataset = await tx.datasets.find(opts.dataset);
      let created = false;
      let mapping: ColumnMapping;
      if (!dataset) {
        let settings = opts.settings;
        if (settings) {
          mapping = mappingFor(settings, opts, sample[0]);
        } else {
          if (sample.length === 0) {
            // The first bad row says more than "no valid rows" (an unterminated 50 MB line, say):
            // the same error an existing dataset's import gives for it.
            if (firstError) reject(firstError);
            throw badInput(
              `no valid rows to infer the dataset fields from${firstError ? ` (line ${firstError.line}: ${firstError.message})` : ''}`,
              { file: opts.file },
            );
          }
          const inferred = inferSettings(sample, opts, opts.file);
          settings = inferred.settings;
          mapping = inferred.mapping;
        }
        dataset = await tx.datasets.create(opts.dataset, settings, opts.actor);
        created = true;
      } else {
        mapping = mappingFor(dataset.settings, opts, sample[0]);
      }
      const target = dataset;

      const plan: MapPlan = {
        file: opts.file,
        format,
        fileLabel,
        importId,
        settings: target.settings,
        ...planMapping(mapping),
        batchSize,
        limit: opts.limit ?? Number.POSITIVE_INFINITY,
      };
      let rows = 0;
      let inserted = 0;
      let existing = 0;
      for await (const batch of mappedBatches(
        plan,
        opts.thread === undefined ? {} : { thread: opts.thread },
      )) {
        rows += batch.rows;
        for (const e of batch.errors) reject(e);
        await inflight;
        const done = rows;
        inflight = tx.records
          .insertEncoded(target.id, batch.records, opts.actor, {
            file: fileLabel,
            importId,
          })
          .then((r) => {
            inserted += r.inserted;
            existing += r.skipped;
            opts.onProgress?.(done);
          });
        // Awaited before the next batch or at the end; this only keeps Node from calling it unhandled meanwhile.
        inflight.catch(() => {});
      }
      await inflight;
      if (rows === 0) throw badInput('the file is empty; expected at least one row', { file: opts.file });
      return { created, target, rows, inserted, existing };
    } catch (e) {
      // A failed batch insert still in flight must settle before the transaction rolls back.
      await inflight.catch(() => {});
      throw e;
    }
  });
  const { created, target, rows, inserted, existing } = written;

  let report: string | undefined;
  if (rejected.length > 0)
    report = await writeReport(opts.reportPath ?? `${fileLabel}.rejected.jsonl`, opts.file, rejected);
  return {
    dataset: opts.dataset,
    created,
    ...(created ? { settings: target.settings } : {}),
    file: opts.file,
    format,
    importId,
    rows,
    inserted,
    existing,
    rejected: rejected.length,
    ...(report ? { report } : {}),
  };
}

/** The valid rows of the file's first batch, and its first bad row. */
async function firstRows(
  file: string,
  format: FileFormat,
  batchSize: number,
): Promise<{ sample: Record<string, unknown>[]; firstError: RowError | undefined }> {
  const it = readRows(file, format, { batchSize })[Symbol.asyncIterator]();
  try {
    const first = await it.next();
    const items = first.done ? [] : first.value;
    const bad = items.find((i) => !i.ok);
    return {
      sample: items.filter((i) => i.ok).map((i) => i.value),
      firstError:
        bad && !bad.ok
          ? { line: bad.line, ...(bad.column ? { column: bad.column } : {}), message: bad.message }
          : undefined,
    };
  } finally {
    await it.return?.();
  }
}

async function writeReport(path: string, file: string, rejected: Rejected[]): Promise<string> {
  const full = resolve(path);
  const out = createWriteStream(full);
  for (const r of rejected) out.write(`${JSON.stringify({ file, ...r })}\n`);
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  return full;
}
