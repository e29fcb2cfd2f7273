import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openLineSink } from '../../src/io/line-sink.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Writable that takes `delayMs` per chunk and has a tiny buffer, so write() soon asks for a drain. */
function slowWritable(delayMs: number) {
  const chunks: string[] = [];
  let ended = false;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      setTimeout(cb, delayMs);
    },
    final(cb) {
      ended = true;
      cb();
    },
  });
  return { stream, text: () => chunks.join(''), ended: () => ended };
}

describe('openLineSink', () => {
  it('writes to a .partial file and renames it into place on close', async () => {
    const file = join(dir, 'out.jsonl');
    const sink = openLineSink(file);
    for (let i = 0; i < 3; i++) await sink.write(JSON.stringify({ i }));
    expect(existsSync(file)).toBe(false);
    await sink.close();
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('{"i":0}\n{"i":1}\n{"i":2}\n');
  });

  it('writes many lines, flushing in chunks', async () => {
    const file = join(dir, 'many.jsonl');
    const sink = openLineSink(file);
    const line = 'x'.repeat(300);
    for (let i = 0; i < 20_000; i++) {
      const w = sink.write(`${i} ${line}`);
      if (w) await w;
    }
    await sink.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(20_001);
    expect(lines[19_999]).toBe(`19999 ${line}`);
  });

  it('abort removes the partial file and leaves no final file', async () => {
    const file = join(dir, 'aborted.jsonl');
    const sink = openLineSink(file);
    sink.write('{"a":1}');
    await sink.abort();
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('fails with badInput when the file cannot be created', async () => {
    const sink = openLineSink(join(dir, 'no', 'such', 'dir.jsonl'));
    sink.write('x');
    await expect(sink.close()).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('returns a promise only under backpressure, and loses nothing', async () => {
    const slow = slowWritable(2);
    const sink = openLineSink(slow.stream);
    const line = 'y'.repeat(1000);
    let waits = 0;
    let syncWrites = 0;
    for (let i = 0; i < 5000; i++) {
      const w = sink.write(`${i}:${line}`);
      if (w) {
        waits++;
        await w;
      } else syncWrites++;
    }
    await sink.close();
    expect(waits).toBeGreaterThan(0);
    expect(syncWrites).toBeGreaterThan(waits * 100); // most writes take the synchronous path
    const lines = slow.text().split('\n');
    expect(lines).toHaveLength(5001);
    expect(lines[4999]).toBe(`4999:${line}`);
    expect(slow.ended()).toBe(true);
  });

  it('does not end process.stdout', async () => {
    const sink = openLineSink('-');
    await sink.close();
    expect(process.stdout.writableEnded).toBe(false);
  });
});
