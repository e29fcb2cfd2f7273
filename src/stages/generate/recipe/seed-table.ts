import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput } from '../../../core/errors.js';
import { detectFormat, type FileFormat, readRows } from '../../../io/rows.js';

/**
 * The objects a seed column hands out, by position. Row i of a run asks for object i (or a seeded draw),
 * in any order, from any lane, so a table answers `get(k)` for any k synchronously.
 */
export interface SeedTable {
  /** Undefined until `open` has run for a streamed table. */
  readonly length: number;
  get(k: number): Record<string, unknown>;
  /** Reads what must be read before `get` (a no-op for a table already in memory). */
  open(): Promise<void>;
}

/** A seed file small enough to hold (one JSON or JSONL file ≤ 64 MB): read when the recipe loads. */
export function memorySeedTable(rows: readonly Record<string, unknown>[]): SeedTable {
  return { length: rows.length, get: (k) => rows[k]!, open: async () => {} };
}

/** More rows than this is a corpus, not seed data (and 8 bytes of index each). */
export const MAX_SEED_ROWS = 50_000_000;

/**
 * Seed files read as a stream (Parquet, CSV, large JSONL, several files by wildcard): one pass copies
 * each object as a JSON line into a private temporary file and keeps only its byte offset, so memory is
 * 8 bytes per row whatever the files weigh, and any row is then one positioned read away. The temporary
 * file is unlinked as soon as it is open: nothing is left behind, even after kill -9.
 */
class StreamedSeedTable implements SeedTable {
  private offsets = new Float64Array(1024);
  private count = -1;
  private fd = -1;
  private opening: Promise<void> | undefined;
  private scratch = Buffer.allocUnsafe(64 * 1024);

  constructor(
    private readonly files: readonly string[],
    private readonly format: FileFormat | undefined,
  ) {}

  get length(): number {
    if (this.count < 0) throw new Error('seed table read before open()');
    return this.count;
  }

  open(): Promise<void> {
    this.opening ??= this.index();
    return this.opening;
  }

  get(k: number): Record<string, unknown> {
    if (this.count < 0) throw new Error('seed table read before open()');
    const from = this.offsets[k]!;
    const bytes = this.offsets[k + 1]! - from;
    if (this.scratch.length < bytes) this.scratch = Buffer.allocUnsafe(bytes * 2);
    let got = 0;
    while (got < bytes) got += readSync(this.fd, this.scratch, got, bytes - got, from + got);
    return JSON.parse(this.scratch.toString('utf8', 0, bytes)) as Record<string, unknown>;
  }

  private async index(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-seed-'));
    const path = join(dir, 'rows.jsonl');
    const fd = openSync(path, 'w+');
    rmSync(dir, { recursive: true, force: true }); // the open descriptor keeps the data readable
    let n = 0;
    let at = 0;
    try {
      for (const file of this.files) {
        const format = detectFormat(file, this.format);
        for await (const batch of readRows(file, format, { batchSize: 1000 })) {
          let text = '';
          for (const item of batch) {
            if (!item.ok)
              throw badInput(item.message, {
                file,
                line: item.line,
                ...(item.column ? { column: item.column } : {}),
              });
            if (n >= MAX_SEED_ROWS)
              throw badInput(`more than ${MAX_SEED_ROWS.toLocaleString('en')} seed rows`, { file });
            const line = `${JSON.stringify(item.value)}\n`;
            this.grow(n + 2);
            this.offsets[n] = at;
            at += Buffer.byteLength(line);
            n++;
            text += line;
          }
          writeSync(fd, text);
        }
      }
      this.offsets[n] = at;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    this.fd = fd;
    this.count = n;
  }

  private grow(size: number): void {
    if (size <= this.offsets.length) return;
    const next = new Float64Array(Math.max(size, this.offsets.length * 2));
    next.set(this.offsets);
    this.offsets = next;
  }
}

/**
 * One streamed table per set of files as they are now (paths, sizes, modification times) per process:
 * a worker loads the recipe for every job, and indexing a large corpus once is enough.
 */
const tables = new Map<string, StreamedSeedTable>();

export function streamedSeedTable(files: readonly string[], format: FileFormat | undefined): SeedTable {
  const key = JSON.stringify([
    format,
    files.map((f) => {
      const st = statSync(f, { throwIfNoEntry: false });
      return [f, st?.size, st?.mtimeMs];
    }),
  ]);
  let t = tables.get(key);
  if (!t) {
    t = new StreamedSeedTable(files, format);
    tables.set(key, t);
  }
  return t;
}
