import { readFileSync } from 'node:fs';
import { badInput } from '../core/errors.js';

/**
 * Small hand-edited TSV tables shipped as data (the audit's lexicons and swap lists): a header line
 * naming the columns, then one row a line; `#` lines and blank lines are comments. Any problem is bad
 * input named by file and line, before anything uses the table.
 */

export interface TsvRow {
  /** Trimmed cells, exactly as many as the header has. */
  cells: string[];
  line: number;
  where: { file: string; line: number };
}

/** The rows of `text` under `header`; `what` names the table in messages ("the lexicon"). */
export function tsvRows(text: string, file: string, header: readonly string[], what: string): TsvRow[] {
  const rows: TsvRow[] = [];
  let seenHeader = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    const where = { file, line };
    if (!seenHeader) {
      if (cells.join('\t') !== header.join('\t'))
        throw badInput(`the header must be '${header.join('<TAB>')}', found '${raw}'`, where);
      seenHeader = true;
      return;
    }
    if (cells.length !== header.length)
      throw badInput(
        `expected ${header.length} tab-separated columns (${header.join(', ')}), found ${cells.length}`,
        where,
      );
    rows.push({ cells, line, where });
  });
  if (!seenHeader) throw badInput(`${what} is empty (no header line)`, { file });
  return rows;
}

/** The file's text; an unreadable file is bad input naming it. */
export function readTsvText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw badInput(`cannot read ${what}: ${(e as Error).message}`, { file });
  }
}

/** A language column: an ISO 639 code, two or three lower-case letters. */
export function checkLanguage(language: string, where: { file: string; line: number }): void {
  if (!/^[a-z]{2,3}$/.test(language))
    throw badInput(`language '${language}' is not an ISO 639 code (two or three lower-case letters)`, where);
}
