import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv-reader.js';
import { readRows, type SourceItem } from '../../src/io/rows.js';
import { collect, fixtures } from '../helpers/files.js';

const fixture = fixtures('csv', '.csv');
const all = (file: string, chunkSize?: number, delimiter?: string) =>
  collect(readCsv(file, { batchSize: 1000, chunkSize, delimiter }));
const summary = (items: SourceItem[]) =>
  items.map((i) =>
    i.ok ? `${i.line} ${JSON.stringify(i.value)}` : `${i.line}${i.column ? `:${i.column}` : ''} ${i.message}`,
  );

describe('readCsv', () => {
  it('reads records as strings keyed by the header, with start lines', async () => {
    const file = fixture(
      'name,age,note\nAda,36,\n\nBob,,"x, y"\n"Cy\nMulti",7,"a ""quoted"" word"\nDi,1,last',
    );
    expect(summary(await all(file))).toEqual([
      '2 {"name":"Ada","age":"36","note":""}',
      '4 {"name":"Bob","age":"","note":"x, y"}',
      '5 {"name":"Cy\\nMulti","age":"7","note":"a \\"quoted\\" word"}',
      '7 {"name":"Di","age":"1","note":"last"}',
    ]);
  });

  it('keeps line numbers right with CRLF, quoted newlines, blank lines and a BOM', async () => {
    const text = '\uFEFF\r\nk,v\r\n1,"a\r\nb\r\nc"\r\n\r\n2,x\r\n3\r\n4,"\r\n"\r\n5,y\r\n';
    const expected = [
      '3 {"k":"1","v":"a\\r\\nb\\r\\nc"}',
      '7 {"k":"2","v":"x"}',
      '8 expected 2 columns (from the header), found 1',
      '9 {"k":"4","v":"\\r\\n"}',
      '11 {"k":"5","v":"y"}',
    ];
    const file = fixture(text);
    for (const chunk of [undefined, 1, 2, 5]) expect(summary(await all(file, chunk))).toEqual(expected);
  });

  it('reports wrong column counts as row errors and continues', async () => {
    const file = fixture('a,b,c\n1,2,3\n1,2\n1,2,3,4\n"x\ny",2\n7,8,9\n');
    expect(summary(await all(file))).toEqual([
      '2 {"a":"1","b":"2","c":"3"}',
      '3 expected 3 columns (from the header), found 2',
      '4 expected 3 columns (from the header), found 4',
      '5 expected 3 columns (from the header), found 2',
      '7 {"a":"7","b":"8","c":"9"}',
    ]);
  });

  it('uses a tab delimiter for .tsv and honours an explicit delimiter', async () => {
    const tsv = fixture('a\tb\n1\t2,3\n', '.tsv');
    expect(summary(await collect(readRows(tsv, 'csv')))).toEqual(['2 {"a":"1","b":"2,3"}']);
    const semi = fixture('a;b\n1;2\n');
    expect(summary(await collect(readRows(semi, 'csv', { delimiter: ';' })))).toEqual([
      '2 {"a":"1","b":"2"}',
    ]);
  });

  it('reports invalid UTF-8 with the record line, also across chunks', async () => {
    const file = fixture(
      Buffer.concat([
        Buffer.from('a,b\n1,é\n2,x'),
        Buffer.from([0xff]),
        Buffer.from('y\n"3\nz'),
        Buffer.from([0xe2, 0x82]), // truncated euro sign
        Buffer.from('",w\n4,€\n'),
      ]),
    );
    const expected = [
      '2 {"a":"1","b":"é"}',
      '3:4 invalid UTF-8',
      '4 invalid UTF-8 (on line 5, byte 2)',
      '6 {"a":"4","b":"€"}',
    ];
    for (const chunk of [undefined, 1, 3, 13]) expect(summary(await all(file, chunk))).toEqual(expected);
  });

  it('throws a located error for quote problems csv-parse cannot recover from', async () => {
    await expect(all(fixture('a,b\n1,2\n"3,4\n5,6\n'))).rejects.toMatchObject({
      code: 'bad_input',
      location: { line: 3 },
      message: expect.stringContaining('never closed'),
    });
    await expect(all(fixture('a,b\n1,2\n"3"x,4\n'))).rejects.toMatchObject({
      location: { line: 3 },
      message: expect.stringContaining("followed by 'x'"),
    });
  });

  it('rejects duplicate header names and invalid UTF-8 in the header', async () => {
    await expect(all(fixture('a,b,a\n1,2,3\n'))).rejects.toThrow(/duplicate column name 'a'/);
    await expect(
      all(fixture(Buffer.concat([Buffer.from('a,'), Buffer.from([0xff]), Buffer.from('\n1,2\n')]))),
    ).rejects.toMatchObject({
      location: { line: 1, column: 3 },
    });
  });

  it('treats an empty or header-only file as empty', async () => {
    await expect(collect(readRows(fixture(''), 'csv'))).rejects.toThrow(
      /the file is empty; expected a header line/,
    );
    await expect(collect(readRows(fixture('a,b\n'), 'csv'))).rejects.toThrow(/the file is empty/);
  });
});
