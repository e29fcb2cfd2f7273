import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, readRows, type SourceItem } from '../../src/io/rows.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detectFormat', () => {
  it('guesses from the extension', () => {
    expect(detectFormat('a/b.jsonl')).toBe('jsonl');
    expect(detectFormat('b.NDJSON')).toBe('jsonl');
    expect(detectFormat('b.json')).toBe('json');
    expect(detectFormat('b.csv')).toBe('csv');
    expect(detectFormat('b.tsv')).toBe('csv');
    expect(detectFormat('b.parquet')).toBe('parquet');
  });

  it('lets an explicit format win', () => {
    expect(detectFormat('data.txt', 'jsonl')).toBe('jsonl');
    expect(detectFormat('data.csv', 'json')).toBe('json');
    expect(detectFormat('data', 'CSV')).toBe('csv');
  });

  it('throws badInput naming the file and the formats', () => {
    expect(() => detectFormat('data.txt')).toThrow(/data\.txt: .*jsonl, json, csv, parquet/);
    expect(() => detectFormat('data.txt')).toThrow(expect.objectContaining({ code: 'bad_input' }));
    expect(() => detectFormat('data.jsonl', 'xml')).toThrow(/unknown format 'xml'/);
  });
});

describe('readRows', () => {
  it('dispatches on the format and batches', async () => {
    const file = join(dir, 'x.data');
    writeFileSync(file, '[{"a":1},{"a":2},{"a":3}]');
    const batches: SourceItem[][] = [];
    for await (const b of readRows(file, 'json', { batchSize: 2 })) batches.push(b);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect(batches[1]![0]).toEqual({ ok: true, line: 1, value: { a: 3 } });
  });

  it('stops reading cleanly when the caller stops early', async () => {
    const file = join(dir, 'early.jsonl');
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `{"i":${i}}`).join('\n'));
    for (const format of ['jsonl', 'csv'] as const) {
      const f = format === 'csv' ? join(dir, 'early.csv') : file;
      if (format === 'csv') writeFileSync(f, `i\n${Array.from({ length: 5000 }, (_, i) => i).join('\n')}\n`);
      for await (const b of readRows(f, format, { batchSize: 10 })) {
        expect(b).toHaveLength(10);
        break;
      }
    }
  });
});
