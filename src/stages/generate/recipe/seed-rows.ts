import { readFileSync, statSync } from 'node:fs';
import { badInput } from '../../../core/errors.js';

/**
 * A recipe's seed file: objects a column hands out one per row (documents to ground answers in,
 * scenarios, example pairs). Read whole when the recipe loads — it is the recipe's own material,
 * bounded here — so every row, in any process, sees the same list.
 */
export const MAX_SEED_BYTES = 64 * 1024 * 1024;

export function readSeedRows(file: string): Record<string, unknown>[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw badInput(`seed file '${file}' cannot be read`, { file });
  }
  if (size > MAX_SEED_BYTES)
    throw badInput(
      `seed file is ${Math.round(size / 1e6)} MB; the limit is ${MAX_SEED_BYTES / 1e6} MB (import large corpora as a dataset instead)`,
      { file },
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
