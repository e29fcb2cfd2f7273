import { describe, expect, it } from 'vitest';
import { readJsonArray } from '../../src/io/json-array-reader.js';
import { readRows } from '../../src/io/rows.js';
import { collect, fixtures } from '../helpers/files.js';

const fixture = fixtures('json', '.json');
const all = (file: string, chunkSize?: number) =>
  collect(readJsonArray(file, { batchSize: 1000, chunkSize }));

describe('readJsonArray', () => {
  it('streams elements with the line each starts on, through nested brackets and tricky strings', async () => {
    const text = [
      '[',
      '  {"a": "has ] and [ and } and {", "b": [1, [2, {"c": 3}]]},',
      '  {"q": "escaped \\" quote ] still inside", "e": "\\\\"},',
      '  {',
      '    "multi": "line",',
      '    "n": {"deep": [[], {}]}',
      '  }, {"same": "line"}',
      ']',
      '',
    ].join('\n');
    const file = fixture(text);
    const expected = [
      { ok: true, line: 2, value: { a: 'has ] and [ and } and {', b: [1, [2, { c: 3 }]] } },
      { ok: true, line: 3, value: { q: 'escaped " quote ] still inside', e: '\\' } },
      { ok: true, line: 4, value: { multi: 'line', n: { deep: [[], {}] } } },
      { ok: true, line: 7, value: { same: 'line' } },
    ];
    for (const chunk of [undefined, 1, 2, 5, 16]) expect(await all(file, chunk)).toEqual(expected);
  });

  it('handles a BOM, CRLF and multibyte characters across chunks', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, s: `ünï ✓ 🎉 ${'é'.repeat(i % 5)}` }));
    const text = `\uFEFF[\r\n${items.map((o) => JSON.stringify(o)).join(',\r\n')}\r\n]\r\n`;
    const file = fixture(text);
    for (const chunk of [1, 3, 7, 100, 4096]) {
      const got = await all(file, chunk);
      expect(got).toHaveLength(200);
      got.forEach((it, i) => {
        expect(it).toEqual({ ok: true, line: i + 2, value: items[i] });
      });
    }
  });

  it('reports elements that are not objects or not valid JSON as row errors', async () => {
    const file = fixture('[\n1,\n"str",\n[1,2],\n{"a": tru},\nnull,\n{"ok": 1}\n]');
    const got = await all(file);
    expect(got.map((i) => (i.ok ? `${i.line} ok` : `${i.line} ${i.message}`))).toEqual([
      '2 expected a JSON object, found a number',
      '3 expected a JSON object, found a string',
      '4 expected a JSON object, found an array',
      expect.stringMatching(/^5 malformed JSON: /),
      '6 expected a JSON object, found null',
      '7 ok',
    ]);
  });

  it('reports invalid UTF-8 on the element line', async () => {
    const file = fixture(
      Buffer.concat([
        Buffer.from('[{"a":1},\n{"b":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"},\n{"c":3}]'),
      ]),
    );
    expect(await all(file)).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: false, line: 2, message: 'invalid UTF-8' },
      { ok: true, line: 3, value: { c: 3 } },
    ]);
  });

  it('throws when the top level is not an array', async () => {
    await expect(all(fixture('\n  {"a": 1}'))).rejects.toMatchObject({
      code: 'bad_input',
      location: { line: 2, column: 3 },
      message: expect.stringContaining('expected a JSON array of objects at the top level'),
    });
  });

  it('throws with a line on truncated files and broken structure', async () => {
    await expect(all(fixture('[\n{"a": 1},\n{"b": [1, 2}'))).rejects.toMatchObject({
      code: 'bad_input',
      location: { line: 3, column: 12 },
    });
    await expect(all(fixture('[\n{"a": 1},\n{"b": {"c": 2}'))).rejects.toMatchObject({
      location: { line: 3, column: 1 },
      message: expect.stringContaining('truncated'),
    });
    await expect(all(fixture('[\n{"a": 1},\n'))).rejects.toMatchObject({ location: { line: 3 } });
    await expect(all(fixture('[{"a": 1}\n{"b": 2}]'))).rejects.toMatchObject({
      location: { line: 2, column: 1 },
    });
    await expect(all(fixture('[{"a": 1},]'))).rejects.toThrow(/after ','/);
    await expect(all(fixture('[{"a": 1}]\n[{"b": 2}]'))).rejects.toMatchObject({ location: { line: 2 } });
    await expect(all(fixture('[{"a": "unterminated}]'))).rejects.toThrow(/ends inside an element/);
  });

  it('turns an element over 16 MiB into a row error and carries on', async () => {
    const file = fixture(`[{"a":1},\n{"big":"${'x'.repeat(16 * 1024 * 1024)}"},\n{"b":2}]`);
    expect(await all(file)).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: false, line: 2, message: 'element longer than 16 MiB' },
      { ok: true, line: 3, value: { b: 2 } },
    ]);
  });

  it('treats an empty array or empty file as an empty file', async () => {
    await expect(collect(readRows(fixture('[ ]'), 'json'))).rejects.toThrow(
      /the file is empty; expected a JSON array/,
    );
    await expect(collect(readRows(fixture(''), 'json'))).rejects.toThrow(/the file is empty/);
  });
});
