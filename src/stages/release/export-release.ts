import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TandemError, usage } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { datasetCard } from './card.js';
import { type ChangeSummary, changelogOf } from './changelog.js';
import { EXPORT_FORMATS, type ExportFormat } from './export/export-dataset.js';
import type { MappedRow } from './export/export-record.js';
import { trainingFormats } from './export/formats/index.js';
import { openRowSink, type RowSink } from './export/row-sink.js';
import { resolveRelease } from './read-release.js';
import { exportRecordOf } from './snapshot.js';

/**
 * `tandem release export D@1.2.0 --out DIR`: a folder a trainer uses as it is — one file per split
 * under `data/` and a `README.md` dataset card whose YAML tells the Hugging Face `datasets` library
 * (and the Hub) which file is which split. Everything is read from the frozen release, never from
 * the live records, with the settings the release froze: the same release exports to the same
 * bytes every time. One pass over the release, each row routed to its split's file.
 */

export interface ReleaseExportOptions {
  ref: string;
  out: string;
  format?: string | undefined;
  /** The chat field training formats read, when the dataset has several. */
  field?: string | undefined;
  license?: string | undefined;
  onProgress?: (done: number) => void;
}

export interface SplitFile {
  split: string;
  path: string;
  records: number;
  skipped: number;
  bytes: number;
}

export interface ReleaseExport {
  dataset: string;
  version: string;
  format: ExportFormat;
  out: string;
  files: SplitFile[];
  card: string;
}

export async function exportRelease(store: Store, o: ReleaseExportOptions): Promise<ReleaseExport> {
  const format = (o.format ?? 'jsonl') as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw usage(`unknown export format '${o.format}'; expected one of ${EXPORT_FORMATS.join(', ')}`);
  const { release, manifest } = await resolveRelease(store, o.ref);
  // An erasure emptied some of its records: exporting it would ship holes (or, from an older copy,
  // the erased data). A new version is cut without them (`release create --since`).
  if (release.superseded)
    throw usage(
      `${o.ref} was superseded (${release.superseded.reason ?? 'erasure'}); create a new version with \`tandem release create --since ${o.ref}\` and export that`,
    );
  const settings = manifest.settings;
  const map: (s: Record<string, unknown>) => MappedRow =
    format === 'jsonl' || format === 'parquet'
      ? (s) => ({ ok: true, row: s })
      : (
          (m) => (s) =>
            m(exportRecordOf(s))
        )(trainingFormats[format].prepare(settings, o.field ? { field: o.field } : {}));

  mkdirSync(join(o.out, 'data'), { recursive: true });
  const ext = format === 'parquet' ? 'parquet' : 'jsonl';
  const files = new Map<string, SplitFile & { sink: RowSink }>();
  for (const s of manifest.splits) {
    const rel = `data/${s.name}.${ext}`;
    const path = join(o.out, rel);
    const sink = openRowSink(path, format === 'parquet' ? 'parquet' : 'jsonl', settings);
    files.set(s.name, { split: s.name, path: rel, records: 0, skipped: 0, bytes: 0, sink });
  }

  let done = 0;
  try {
    for await (const page of store.releases.rows(release.id, { batchSize: 5000 })) {
      const bySplit = new Map<string, Record<string, unknown>[]>();
      for (const r of page) {
        const f = files.get(r.split);
        if (!f)
          throw new TandemError(
            'internal',
            `record ${r.recordId} is in split '${r.split}', not in the manifest`,
          );
        const m = map(r.snapshot);
        if (!m.ok) {
          f.skipped++;
          continue;
        }
        f.records++;
        const rows = bySplit.get(r.split);
        if (rows) rows.push(m.row);
        else bySplit.set(r.split, [m.row]);
      }
      for (const [split, rows] of bySplit) await files.get(split)!.sink.write(rows);
      done += page.length;
      o.onProgress?.(done);
    }
    for (const f of files.values()) await f.sink.close();
  } catch (e) {
    for (const f of files.values()) await f.sink.abort();
    throw e;
  }
  const out: SplitFile[] = [...files.values()].map(({ sink: _s, ...f }) => ({
    ...f,
    bytes: statSync(join(o.out, f.path)).size,
  }));
  const changes: ChangeSummary | null = manifest.base
    ? await changelogOf(store, manifest, release.datasetId)
    : null;
  const card = datasetCard(manifest, { format, files: out, license: o.license, changes });
  writeFileSync(join(o.out, 'README.md'), card);
  return {
    dataset: manifest.dataset,
    version: manifest.version,
    format,
    out: o.out,
    files: out,
    card: 'README.md',
  };
}
