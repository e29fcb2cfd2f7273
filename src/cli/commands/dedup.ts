import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { strictRows, textField } from '../../io/strict-rows.js';
import { findNearDuplicates } from '../../text/dedup.js';
import { globals } from '../context.js';
import { emit, progress } from '../output.js';

/** Clusters shown in the human output; --json lists them all. */
const SHOWN = 10;

function parseNumber(flag: string, s: string, ok: (n: number) => boolean, expected: string): number {
  const n = Number(s);
  if (s.trim() === '' || !ok(n)) throw usage(`${flag} must be ${expected}, got '${s}'`);
  return n;
}

const isInt = (lo: number, hi: number) => (n: number) => Number.isInteger(n) && n >= lo && n <= hi;

/** Line numbers in input order, growing without a per-row array element. */
class Lines {
  private a = new Int32Array(1 << 16);
  length = 0;
  push(line: number): void {
    if (this.length === this.a.length) {
      const grown = new Int32Array(this.a.length * 2);
      grown.set(this.a);
      this.a = grown;
    }
    this.a[this.length++] = line;
  }
  at(i: number): number {
    return this.a[i]!;
  }
}

/** The texts of a JSONL file's field, batch by batch; a bad line or field stops with file:line. */
async function* fieldTexts(file: string, field: string, lines: Lines): AsyncGenerator<string[]> {
  for await (const rows of strictRows(file)) {
    yield rows.map((row) => {
      lines.push(row.line);
      return textField(row, field, file);
    });
  }
}

export function registerDedup(program: Command): void {
  program
    .command('dedup')
    .description('find near-duplicate texts in a JSONL file (MinHash + LSH, confirmed by Jaccard similarity)')
    .argument('<file>', 'JSONL file, one object per line')
    .option('--field <name>', 'the field holding the text', 'text')
    .option(
      '--threshold <number>',
      'Jaccard similarity of shingle sets at or above which texts are duplicates',
      '0.8',
    )
    .option('--num-perm <number>', 'MinHash permutations', '128')
    .option('--ngram <number>', 'shingle length in words (characters for text written without spaces)', '5')
    .action(
      async (
        file: string,
        o: { field: string; threshold: string; numPerm: string; ngram: string },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const threshold = parseNumber(
          '--threshold',
          o.threshold,
          (n) => n > 0 && n <= 1,
          'a number in (0, 1]',
        );
        const numPerm = parseNumber('--num-perm', o.numPerm, isInt(1, 1024), 'an integer from 1 to 1024');
        const ngram = parseNumber('--ngram', o.ngram, isInt(1, 100), 'an integer from 1 to 100');
        const lines = new Lines();
        const bar = progress('dedup');
        const r = await findNearDuplicates(fieldTexts(file, o.field, lines), {
          threshold,
          numPerm,
          ngram,
          onProgress: (n) => bar.update(n),
        }).finally(() => bar.stop());
        const clusters = r.clusters.map((c) => c.map((i) => lines.at(i)));
        const json = { records: r.documents, duplicates: r.duplicates, clusters };
        emit(g, json, () =>
          [
            `${r.documents} records, ${r.duplicates} duplicates in ${clusters.length} clusters ` +
              `(Jaccard ≥ ${threshold} over ${ngram}-shingles; MinHash ${numPerm}, LSH ${r.bands} bands × ${r.rows} rows; ` +
              `${r.exactDuplicates} exact after normalisation).`,
            ...(clusters.length > 0 ? ['Clusters (lines; the kept one first):'] : []),
            ...clusters.slice(0, SHOWN).map((c) => `  ${c.join(', ')}`),
            ...(clusters.length > SHOWN
              ? [`  … and ${clusters.length - SHOWN} more (--json lists all)`]
              : []),
          ].join('\n'),
        );
      },
    );
}
