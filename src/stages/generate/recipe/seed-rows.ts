import { readFileSync, statSync } from 'node:fs';
import { badInput, type SourceLocation } from '../../../core/errors.js';
import { detectFormat, type FileFormat } from '../../../io/rows.js';
import type { SeedColumn } from './columns.js';
import { seedFiles } from './seed-files.js';
import { memorySeedTable, type SeedTable, streamedSeedTable } from './seed-table.js';

/**
 * A recipe's seed files: objects a column hands out one per row (documents to ground answers in,
 * scenarios, example pairs). A small JSON/JSONL file is read whole when the recipe loads; anything else
 * is streamed into a `SeedTable` when the run starts. Either way every row, in any process, sees the
 * same list.
 */
export const MAX_SEED_BYTES = 64 * 1024 * 1024;

/**
 * The table a seed column reads: a single JSON or JSONL file up to 64 MB is read now (errors while the
 * recipe loads); wildcards, CSV, Parquet and larger files are streamed when the run opens its seeds.
 */
export function seedTable(spec: SeedColumn['seed'], recipeDir: string, at: SourceLocation): SeedTable {
  const files = seedFiles(spec.file, recipeDir, at);
  const only = files[0]!;
  const format = spec.format ?? detectFormatOrUndefined(only);
  const size = statSync(only, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw badInput(`seed file '${spec.file}' cannot be read`, at);
  if (files.length === 1 && (format === 'json' || format === 'jsonl') && size <= MAX_SEED_BYTES)
    return memorySeedTable(readSeedRows(only));
  if (format === undefined)
    throw badInput(
      `seed file '${spec.file}': cannot tell its format from the name; set seed.format (jsonl, json, csv, parquet)`,
      at,
    );
  return streamedSeedTable(files, spec.format);
}

function detectFormatOrUndefined(file: string): FileFormat | undefined {
  try {
    return detectFormat(file);
  } catch {
    return undefined;
  }
}

export function readSeedRows(file: string): Record<string, unknown>[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw badInput(`seed file '${file}' cannot be read`, { file });
  }
  if (size > MAX_SEED_BYTES)
    throw badInput(
      `seed file is ${Math.round(size / 1e6)} MB; the limit here is ${MAX_SEED_BYTES / 1e6} MB`,
      {
        file,
      },
    );
  const text = readFileSync(file, 'utf8');
  const rows: Record<string, unknown>[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (/^\s*\[/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw badInput(`not valid JSON: ${(e as Error).message}`, { file });
    }
    (data as unknown[]).forEach((v, i) => {
      if (!isObject(v)) throw badInput(`item ${i + 1} is not an object`, { file });
      rows.push(v);
    });
  } else {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch (e) {
        throw badInput(`not valid JSON: ${(e as Error).message}`, { file, line: i + 1 });
      }
      if (!isObject(v)) throw badInput('each line must be a JSON object', { file, line: i + 1 });
      rows.push(v);
    });
  }
  if (rows.length === 0) throw badInput('the seed file has no rows', { file });
  return rows;
}
