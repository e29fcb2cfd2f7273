import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { badInput } from '../core/errors.js';
import type { Provenance } from '../core/record.js';
import type { DatasetSettings } from '../core/settings.js';
import { detectFormat, type FileFormat, readRows, type SourceItem } from '../io/rows.js';
import type { Store } from '../store/connect.js';
import type { Ctx } from '../store/context.js';
import { createDataset, findDataset } from '../store/datasets.js';
import type { Actor } from '../store/events.js';
import { insertRecords, type NewRecord } from '../store/records.js';
import { inferSettings, mappingFor } from './infer.js';
import { RowMapper } from './row-mapper.js';

export interface ImportOptions {
  file: string;
  dataset: string;
  format?: string;
  /** FIELD → COLUMN. */
  map?: Map<string, string>;
  idColumn?: string;
  /** Settings for a dataset that does not exist yet; inferred from the data when absent. */
  settings?: DatasetSettings;
  skipInvalid?: boolean;
  /** Where --skip-invalid writes rejected lines (JSONL). Default: ./<file name>.rejected.jsonl */
  reportPath?: string;
  actor: Actor;
  batchSize?: number;
  /** Import at most this many rows (the first ones). */
  limit?: number;
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
  const iterator = readRows(opts.file, format, { batchSize: opts.batchSize ?? 1000 })[Symbol.asyncIterator]();
  const first = await iterator.next();
  const firstBatch: SourceItem[] = first.done ? [] : first.value;

  const rejected: Rejected[] = [];
  const reject = (item: SourceItem & { ok: false }) => {
    if (!opts.skipInvalid)
      throw badInput(item.message, { file: opts.file, line: item.line, column: item.column });
    rejected.push({ line: item.line, ...(item.column ? { column: item.column } : {}), error: item.message });
  };

  // One insert in flight while the next batch is read and mapped: on PostgreSQL the server works
  // on one batch while Node parses the next, so both cores are busy.
  let inflight: Promise<void> = Promise.resolve();
  const trx = await store.db.startTransaction().execute();
  const tx: Ctx = { db: trx, dialect: store.dialect, sqlite: store.sqlite };
  try {
    let dataset = await findDataset(tx, opts.dataset);
    let created = false;
    let mapper: RowMapper;
    const provenance = (line: number, idFrom: 'column' | 'content_hash'): Provenance => ({
      origin: 'imported',
      file: fileLabel,
      line,
      format,
      importId,
      idFrom,
    });
    const sample = firstBatch.filter((i) => i.ok).map((i) => i.value);
    if (!dataset) {
      let settings = opts.settings;
      let mapping: ReturnType<typeof mappingFor>;
      if (settings) {
        mapping = mappingFor(settings, opts, sample[0]);
      } else {
        if (sample.length === 0)
          throw badInput('no valid rows to infer the dataset fields from', { file: opts.file });
        const inferred = inferSettings(sample, opts);
        if (inferred.settings.fields.length === 0) {
          throw badInput(
            'could not infer any text or chat field from the data; name one with --map FIELD=COLUMN or give --settings',
            { file: opts.file },
          );
        }
        settings = inferred.settings;
        mapping = inferred.mapping;
      }
      dataset = await createDataset(tx, opts.dataset, settings, opts.actor);
      created = true;
      mapper = new RowMapper(settings, mapping, provenance);
    } else {
      mapper = new RowMapper(dataset.settings, mappingFor(dataset.settings, opts, sample[0]), provenance);
    }

    let rows = 0;
    let inserted = 0;
    let existing = 0;
    const limit = opts.limit ?? Number.POSITIVE_INFINITY;
    const handle = async (batch: SourceItem[]) => {
      const records: NewRecord[] = [];
      for (const item of batch) {
        if (rows >= limit) break;
        rows++;
        if (!item.ok) {
          reject(item);
          continue;
        }
        const m = mapper.map(item.value, item.line);
        if (m.ok) records.push(m.record);
        else reject({ ok: false, line: item.line, message: m.message });
      }
      await inflight;
      const done = rows;
      inflight = insertRecords(tx, dataset.id, records, opts.actor, { file: fileLabel, importId }).then(
        (r) => {
          inserted += r.inserted;
          existing += r.skipped;
          opts.onProgress?.(done);
        },
      );
      // Awaited before the next batch or at the end; this only keeps Node from calling it unhandled meanwhile.
      inflight.catch(() => {});
    };
    await handle(firstBatch);
    while (rows < limit) {
      const next = await iterator.next();
      if (next.done) break;
      await handle(next.value);
    }
    await inflight;
    if (rows >= limit) await iterator.return?.();
    if (rows === 0) throw badInput('the file is empty; expected at least one row', { file: opts.file });
    await trx.commit().execute();

    let report: string | undefined;
    if (rejected.length > 0)
      report = await writeReport(opts.reportPath ?? `${fileLabel}.rejected.jsonl`, opts.file, rejected);
    return {
      dataset: opts.dataset,
      created,
      ...(created ? { settings: dataset.settings } : {}),
      file: opts.file,
      format,
      importId,
      rows,
      inserted,
      existing,
      rejected: rejected.length,
      ...(report ? { report } : {}),
    };
  } catch (e) {
    await inflight.catch(() => {});
    await trx.rollback().execute();
    await iterator.return?.();
    throw e;
  }
}

async function writeReport(path: string, file: string, rejected: Rejected[]): Promise<string> {
  const full = resolve(path);
  const out = createWriteStream(full);
  for (const r of rejected) out.write(`${JSON.stringify({ file, ...r })}\n`);
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  return full;
}
