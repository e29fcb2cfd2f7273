import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../src/io/jsonl-reader.js';
import { invalidUtf8Offset, jsonErrorColumn } from '../../src/io/reader-kit.js';
import { readRows } from '../../src/io/rows.js';
import { collect, fixtures } from '../helpers/files.js';

const fixture = fixtures('jsonl', '.jsonl');
const all = (file: string, chunkSize?: number, batchSize = 1000) =>
  collect(readJsonl(file, { batchSize, chunkSize }));

describe('readJsonl', () => {
  it('reads objects with their line numbers and skips blank lines', async () => {
    const file = fixture('{"a":1}\n\n   \n{"b":"x"}\n\t\n{"c":[1,{"d":null}]}\n');
    expect(await all(file)).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: true, line: 4, value: { b: 'x' } },
      { ok: true, line: 6, value: { c: [1, { d: null }] } },
    ]);
  });

  it('handles CRLF, a BOM and a last line without a newline', async () => {
    const file = fixture(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n\r\n{"b":2}\r\n{"c":"é"}')]),
    );
    for (const chunk of [undefined, 1, 2, 3, 5]) {
      expect(await all(file, chunk)).toEqual([
        { ok: true, line: 1, value: { a: 1 } },
        { ok: true, line: 3, value: { b: 2 } },
        { ok: true, line: 4, value: { c: 'é' } },
      ]);
    }
  });

  it('reports malformed JSON with a message and column', async () => {
    const file = fixture('{"a":1}\n{"a": 1, "b": }\n{"a":1}x\n{"a\n');
    const items = await all(file);
    expect(items[0]).toMatchObject({ ok: true, line: 1 });
    expect(items[1]).toMatchObject({ ok: false, line: 2, column: 15 });
    expect((items[1] as { message: string }).message).toMatch(/^malformed JSON: Unexpected token/);
    expect(items[2]).toMatchObject({ ok: false, line: 3, column: 8 });
    expect((items[2] as { message: string }).message).toMatch(/^malformed JSON: .*position 7/);
    expect(items[3]).toMatchObject({ ok: false, line: 4, column: 4 });
  });

  it('rejects values that are not objects, naming what was found', async () => {
    const file = fixture('[1,2]\n"s"\n3\ntrue\nnull\n{"ok":true}\n');
    const msgs = (await all(file)).map((i) => (i.ok ? 'ok' : `${i.line}: ${i.message}`));
    expect(msgs).toEqual([
      '1: expected a JSON object, found an array',
      '2: expected a JSON object, found a string',
      '3: expected a JSON object, found a number',
      '4: expected a JSON object, found a boolean',
      '5: expected a JSON object, found null',
      'ok',
    ]);
  });

  it('reports invalid UTF-8 with the line and byte column', async () => {
    const file = fixture(
      Buffer.concat([Buffer.from('{"a":1}\n{"a":"x'), Buffer.from([0xff]), Buffer.from('"}\n{"b":2}\n')]),
    );
    for (const chunk of [undefined, 3]) {
      expect(await all(file, chunk)).toEqual([
        { ok: true, line: 1, value: { a: 1 } },
        { ok: false, line: 2, column: 8, message: 'invalid UTF-8' },
        { ok: true, line: 3, value: { b: 2 } },
      ]);
    }
  });

  it('keeps multibyte characters intact across chunk boundaries', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++)
      lines.push(JSON.stringify({ i, s: `héllo wörld ✓ 🎉 ${'ü'.repeat(i % 7)}` }));
    const file = fixture(`${lines.join('\n')}\n`);
    for (const chunk of [7, 64, 1000, 4096]) {
      const items = await all(file, chunk, 33);
      expect(items).toHaveLength(400);
      items.forEach((it, i) => {
        expect(it).toEqual({ ok: true, line: i + 1, value: JSON.parse(lines[i]!) });
      });
    }
  });

  it('yields batches of at most batchSize', async () => {
    const file = fixture(Array.from({ length: 25 }, (_, i) => `{"i":${i}}`).join('\n'));
    const sizes: number[] = [];
    for await (const b of readRows(file, 'jsonl', { batchSize: 10 })) sizes.push(b.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('turns a line over 16 MiB into a row error and carries on', async () => {
    const big = `{"a":"${'x'.repeat(16 * 1024 * 1024)}"}`;
    const file = fixture(`{"a":1}\n${big}\n{"b":2}\n`);
    expect(await all(file)).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: false, line: 2, message: 'line longer than 16 MiB' },
      { ok: true, line: 3, value: { b: 2 } },
    ]);
  });

  it('throws on an empty or blank file and on a missing file', async () => {
    await expect(collect(readRows(fixture(''), 'jsonl'))).rejects.toThrow(/the file is empty; expected/);
    await expect(collect(readRows(fixture('\n  \n\r\n'), 'jsonl'))).rejects.toMatchObject({
      code: 'bad_input',
    });
    const dir = dirname(fixture('{}'));
    await expect(collect(readRows(join(dir, 'nope.jsonl'), 'jsonl'))).rejects.toMatchObject({
      code: 'bad_input',
      location: { file: join(dir, 'nope.jsonl') },
      message: expect.stringMatching(/file not found/),
    });
    await expect(collect(readRows(dir, 'jsonl'))).rejects.toThrow(/directory/);
  });
});

describe('helpers', () => {
  it('invalidUtf8Offset finds the first bad byte', () => {
    expect(invalidUtf8Offset(Buffer.from('héllo ✓ 🎉'))).toBe(-1);
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xc3]))).toBe(1); // truncated
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(invalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(invalidUtf8Offset(Buffer.from([0x61, 0x62, 0xe2, 0x28, 0xa1]))).toBe(2);
  });

  it('jsonErrorColumn recovers positions from V8 messages', () => {
    for (const src of [
      '{"a":}',
      '{"a": 1, "b": x, "c": 3, "d": 4444444}',
      '{"abcdefghijklmnopqrstuvwxyz": 1, "b": x}',
    ]) {
      let msg = '';
      try {
        JSON.parse(src);
      } catch (e) {
        msg = (e as Error).message;
      }
      const col = jsonErrorColumn(msg, src);
      expect(col).toBeDefined();
      expect('}x').toContain(src[col! - 1]);
    }
  });
});
