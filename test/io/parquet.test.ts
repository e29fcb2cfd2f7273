import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { toPlain } from '../../src/io/parquet-reader.js';
import { openParquetSink, type ParquetColumn } from '../../src/io/parquet-sink.js';
import { readRows, type SourceItem } from '../../src/io/rows.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (name = `f${n++}.parquet`) => join(dir, name);

async function collect(it: AsyncIterable<SourceItem[]>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const batch of it) out.push(...batch);
  return out;
}

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

const columns: ParquetColumn[] = [
  { name: 'id', type: 'INT64' },
  { name: 'text', type: 'STRING' },
  { name: 'fields', type: 'JSON' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'done', type: 'BOOLEAN' },
];
const row = (i: number) => ({
  id: i,
  text: i % 5 === 0 ? null : `row ${i} ✓ é`,
  fields: i % 7 === 0 ? null : { messages: [{ role: 'user', content: `hi ${i}` }], tags: ['a', i] },
  score: i % 3 === 0 ? null : i / 4,
  done: i % 11 === 0 ? null : i % 2 === 0,
});

describe('parquet sink and reader', () => {
  it('round-trips through openParquetSink and readRows, in bounded row groups', async () => {
    const file = path();
    const sink = openParquetSink(file, columns, { rowGroupSize: 100 });
    const total = 257;
    for (let i = 0; i < total; i += 40) {
      await sink.write(Array.from({ length: Math.min(40, total - i) }, (_, k) => row(i + k)));
    }
    expect(existsSync(`${file}.partial`)).toBe(true);
    expect(existsSync(file)).toBe(false);
    await sink.close();
    expect(existsSync(`${file}.partial`)).toBe(false);

    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([100, 100, 57]);

    const items = await collect(readRows(file, 'parquet', { batchSize: 64 }));
    expect(items).toHaveLength(total);
    items.forEach((it, i) => {
      expect(it).toEqual({ ok: true, line: i + 1, value: row(i) });
    });
  });

  it('writes files DuckDB reads, with JSON columns as JSON text', async () => {
    const file = path();
    const sink = openParquetSink(file, columns);
    await sink.write([row(1), row(5), row(7)]);
    await sink.close();
    const rows = await duck(
      `select id, text, fields::varchar as fields, score, done from read_parquet('${file}') order by id`,
    );
    expect(rows).toEqual([
      { id: '1', text: 'row 1 ✓ é', fields: JSON.stringify(row(1).fields), score: 0.25, done: false },
      { id: '5', text: null, fields: JSON.stringify(row(5).fields), score: 1.25, done: false },
      { id: '7', text: 'row 7 ✓ é', fields: null, score: 1.75, done: false },
    ]);
    const types = await duck(
      `select column_name, column_type from (describe select * from read_parquet('${file}'))`,
    );
    expect(types.find((t) => t.column_name === 'text')?.column_type).toBe('VARCHAR');
    expect(['JSON', 'VARCHAR']).toContain(types.find((t) => t.column_name === 'fields')?.column_type);
  });

  it('reads a parquet file written by DuckDB, converting types', async () => {
    const file = path();
    await duck(`copy (
      select i::bigint as id, 'name ' || i as name, i * 1.5 as score, i % 2 = 0 as even,
        [i, i + 1] as list, {'k': i, 's': 'x'} as struct, 9007199254740993::bigint as big,
        timestamp '2024-01-02 03:04:05' as ts, '\\x01\\x02'::blob as bytes,
        case when i = 2 then null else i end as maybe
      from range(1, 2501) t(i)
    ) to '${file}' (format parquet, row_group_size 1000)`);
    const items = await collect(readRows(file, 'parquet'));
    expect(items).toHaveLength(2500);
    expect(items[0]).toEqual({
      ok: true,
      line: 1,
      value: {
        id: 1,
        name: 'name 1',
        score: 1.5,
        even: false,
        list: [1, 2],
        struct: { k: 1, s: 'x' },
        big: '9007199254740993',
        ts: '2024-01-02T03:04:05.000Z',
        bytes: 'AQI=',
        maybe: 1,
      },
    });
    expect(items[1]).toMatchObject({ line: 2, value: { maybe: null } });
    expect(items[2499]).toMatchObject({ line: 2500, value: { id: 2500 } });
  });

  it('reads ZSTD, GZIP and Brotli compressed files (Polars and pyarrow options), not only Snappy', async () => {
    for (const codec of ['zstd', 'gzip', 'brotli']) {
      const file = path();
      await duck(
        `copy (select i as id, 'text ' || i as text from range(1, 301) t(i)) to '${file}' (format parquet, compression ${codec})`,
      );
      const items = await collect(readRows(file, 'parquet'));
      expect(items, codec).toHaveLength(300);
      expect(items[299], codec).toEqual({ ok: true, line: 300, value: { id: 300, text: 'text 300' } });
    }
  });

  it('throws badInput for a corrupt, empty or missing parquet file', async () => {
    const bad = path();
    writeFileSync(bad, 'PAR1 this is not really parquet PAR1');
    await expect(collect(readRows(bad, 'parquet'))).rejects.toMatchObject({
      code: 'bad_input',
      location: { file: bad },
      message: expect.stringContaining(
        'the Parquet file is corrupt: its footer (schema and row groups) does not parse',
      ),
    });
    const empty = path();
    writeFileSync(empty, '');
    await expect(collect(readRows(empty, 'parquet'))).rejects.toThrow(/the file is empty/);
    await expect(collect(readRows(path(), 'parquet'))).rejects.toThrow(/file not found/);
  });

  it('reports a zero-row parquet file as empty', async () => {
    const file = path();
    const sink = openParquetSink(file, columns);
    await sink.close();
    await expect(collect(readRows(file, 'parquet'))).rejects.toThrow(/the file is empty/);
  });

  it('abort removes the partial file; bad values fail the write', async () => {
    const file = path('aborted.parquet');
    const sink = openParquetSink(file, columns, { rowGroupSize: 2 });
    await sink.write([row(1), row(2), row(3)]);
    await sink.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('aborted'))).toEqual([]);

    const bad = openParquetSink(path(), [{ name: 'n', type: 'INT64' }], { rowGroupSize: 1 });
    await expect(bad.write([{ n: 1.5 }])).rejects.toMatchObject({ code: 'unsupported' });
    await bad.abort();

    const nowhere = openParquetSink(join(dir, 'missing-dir', 'x.parquet'), columns, { rowGroupSize: 1 });
    await expect(nowhere.write([row(1)])).rejects.toMatchObject({ code: 'bad_input' });
    await nowhere.abort();
  });

  it('toPlain converts parquet values to JSON-friendly ones', () => {
    expect(toPlain(5n)).toBe(5);
    expect(toPlain(2n ** 60n)).toBe('1152921504606846976');
    expect(toPlain(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(toPlain(new Uint8Array([1, 2]))).toBe('AQI=');
    expect(toPlain({ a: [1n, undefined, new Float64Array([0.5])] })).toEqual({ a: [1, null, [0.5]] });
  });
});
