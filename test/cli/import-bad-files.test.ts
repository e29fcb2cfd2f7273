import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openParquetSink } from '../../src/io/parquet-sink.js';
import { tandem } from '../helpers/cli.js';

// Broken files are the user's to fix: exit 2, the file named, what is wrong and where (issue 16, item 9).

const dir = mkdtempSync(join(tmpdir(), 'tandem-bad-files-'));
const at = (name: string) => join(dir, name);
let n = 0;
const db = () => at(`store-${n++}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a truncated or corrupt Parquet file', () => {
  let whole: Buffer;
  beforeAll(async () => {
    const sink = openParquetSink(at('whole.parquet'), [
      { name: 'id', type: 'INT64' },
      { name: 'text', type: 'STRING' },
    ]);
    await sink.write(Array.from({ length: 200 }, (_, i) => ({ id: i, text: `row ${i} of a file` })));
    await sink.close();
    whole = readFileSync(at('whole.parquet'));
  });

  it('cut short: names the file and says it is truncated, exit 2, nothing stored', () => {
    writeFileSync(at('cut.parquet'), whole.subarray(0, Math.floor(whole.length / 2)));
    const store = db();
    const r = tandem(['import', at('cut.parquet'), '--dataset', 'd', '--db', store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(at('cut.parquet'));
    expect(r.stderr).toMatch(
      /the Parquet file is truncated: it starts as Parquet but its footer .* is missing/,
    );
    expect(tandem(['datasets', 'list', '--db', store]).stdout).not.toMatch(/\bd\b/);
  });

  it('not Parquet at all: says so', () => {
    writeFileSync(at('text.parquet'), 'id,text\n1,hello\n');
    const r = tandem(['import', at('text.parquet'), '--dataset', 'd', '--db', db()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${at('text.parquet')}: not a Parquet file (it does not start with PAR1)`);
  });

  it('damaged data with an intact footer: names the row group and rows', () => {
    const damaged = Buffer.from(whole);
    damaged.fill(0xff, 4, Math.min(200, whole.length - 8));
    writeFileSync(at('damaged.parquet'), damaged);
    const r = tandem(['import', at('damaged.parquet'), '--dataset', 'd', '--db', db()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /damaged\.parquet:1: row group 1 of 1 \(rows 1–200\) is corrupt, truncated or unsupported/,
    );
  });
});

describe('an unterminated 50 MB line', () => {
  beforeAll(() => {
    // Only the long line, so a new dataset has no valid row to infer its fields from.
    const fd = openSync(at('long.jsonl'), 'w');
    writeSync(fd, '{"id": 1, "text": "');
    const chunk = Buffer.alloc(1 << 20, 'a');
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    writeFileSync(at('ok.jsonl'), '{"id": 0, "text": "fine"}\n');
  });

  it('gives the line-length error into a new dataset, as into an existing one', () => {
    const store = db();
    const fresh = tandem(['import', at('long.jsonl'), '--dataset', 'new', '--db', store]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain(`${at('long.jsonl')}:1: line longer than 16 MiB`);
    expect(fresh.stderr).not.toContain('no valid rows');

    expect(tandem(['import', at('ok.jsonl'), '--dataset', 'old', '--db', store]).code).toBe(0);
    const existing = tandem(['import', at('long.jsonl'), '--dataset', 'old', '--db', store]);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toContain(`${at('long.jsonl')}:1: line longer than 16 MiB`);
  });

  it('with --skip-invalid into a new dataset: nothing to infer from, and says why', () => {
    const r = tandem([
      'import',
      at('long.jsonl'),
      '--dataset',
      'new',
      '--skip-invalid',
      '--db',
      db(),
      '--report',
      at('long.rejected.jsonl'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'no valid rows to infer the dataset fields from (line 1: line longer than 16 MiB)',
    );
  });
});
