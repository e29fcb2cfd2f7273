/**
 * What every format reader shares: the item and option types they yield and take, chunked file reads,
 * UTF-8 checks, JSON error positions and batching. Readers import this module; `rows.ts` imports the
 * readers and picks one per format, so imports point one way.
 */

import { type FileHandle, open } from 'node:fs/promises';
import { badInput, TandemError } from '../core/errors.js';

/**
 * One row of a data file, or a row-level problem. `line` is 1-based: the line in JSONL/CSV (for CSV the
 * line the record starts on), the line on which the element starts in a JSON array, the 1-based row
 * number in Parquet.
 */
export type SourceItem =
  | { ok: true; line: number; value: Record<string, unknown> }
  | { ok: false; line: number; column?: number; message: string };

/** Options every format reader receives. `chunkSize` (bytes per read) is for tests that force chunk splits. */
export interface ReaderOptions {
  batchSize: number;
  chunkSize?: number;
  delimiter?: string;
}

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** Cap on one line / element: a bound on memory for untrusted input. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Reads a file in chunks; the next read is already in flight while the caller works on the current
 * chunk. By default every chunk is a fresh Buffer, so callers may keep subarrays. With `reuse`, two
 * buffers alternate (less allocation and GC): a chunk is only valid until the caller asks for the next.
 */
export async function* readChunks(
  file: string,
  chunkSize = DEFAULT_CHUNK_SIZE,
  reuse = false,
): AsyncGenerator<Buffer> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw unreadable(file, e);
  }
  const pool = reuse ? [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)] : [];
  let turn = 0;
  const readOne = async (): Promise<Buffer | undefined> => {
    const buf = reuse ? pool[turn++ & 1]! : Buffer.allocUnsafe(chunkSize);
    try {
      const n = (await fh.read(buf, 0, chunkSize, null)).bytesRead;
      return n === 0 ? undefined : n === chunkSize ? buf : buf.subarray(0, n);
    } catch (e) {
      throw unreadable(file, e);
    }
  };
  let next = readOne();
  try {
    for (;;) {
      const buf = await next;
      if (!buf) return;
      next = readOne();
      yield buf;
    }
  } finally {
    await next.catch(() => undefined); // settle the read in flight before closing
    await fh.close();
  }
}

/** Maps fs errors to a user-facing badInput; anything unexpected keeps its cause for debugging. */
export function unreadable(file: string, e: unknown): TandemError {
  if (e instanceof TandemError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot read the file (${(e as Error)?.message ?? String(e)})`;
  return badInput(reason, { file });
}

/** Offset of the first byte that starts an invalid or truncated UTF-8 sequence in [start, end), or -1. */
export function invalidUtf8Offset(b: Uint8Array, start = 0, end = b.length): number {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= end) return i;
    const c1 = b[i + 1]!;
    // Overlongs, surrogates and code points above U+10FFFF are rejected on the second byte.
    if (
      (c === 0xe0 && c1 < 0xa0) ||
      (c === 0xed && c1 > 0x9f) ||
      (c === 0xf0 && c1 < 0x90) ||
      (c === 0xf4 && c1 > 0x8f)
    )
      return i;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Best-effort 1-based column of a JSON.parse error. V8 gives "at position N" for most errors; for
 * "Unexpected token" it quotes a snippet of about 10 characters either side instead, so the position
 * is recovered from the snippet and only trusted when the token is really there.
 */
export function jsonErrorColumn(message: string, source: string): number | undefined {
  const p = /at position (\d+)/.exec(message);
  if (p) return Number(p[1]) + 1;
  const m = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!m) return undefined;
  const [, token = '', lead, snippet = '', trail] = m;
  const at = (pos: number) => (source.startsWith(token, pos) ? pos + 1 : undefined);
  if (lead) {
    const start = trail ? source.indexOf(snippet) : source.length - snippet.length;
    if (start < 0 || (trail && source.indexOf(snippet, start + 1) >= 0)) return undefined;
    return at(start + 11) ?? at(start + 10);
  }
  // Snippet starts at 0: only usable when the token occurs once in it.
  const first = snippet.indexOf(token);
  return first >= 0 && snippet.indexOf(token, first + 1) < 0 ? at(first) : undefined;
}

/** Parses one JSON text that must be an object; returns the item for the caller's line. */
export function parseObjectItem(text: string, line: number, withColumn: boolean): SourceItem {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const column = withColumn ? jsonErrorColumn(message, text) : undefined;
    return column === undefined
      ? { ok: false, line, message: `malformed JSON: ${message}` }
      : { ok: false, line, column, message: `malformed JSON: ${message}` };
  }
  if (isPlainObject(v)) return { ok: true, line, value: v };
  return { ok: false, line, message: `expected a JSON object, found ${describeJson(v)}` };
}

/** Collects items into full batches so readers can push one at a time and yield per chunk. */
export class Batcher {
  ready: SourceItem[][] = [];
  private cur: SourceItem[] = [];
  constructor(private readonly size: number) {}
  push(item: SourceItem): void {
    this.cur.push(item);
    if (this.cur.length >= this.size) {
      this.ready.push(this.cur);
      this.cur = [];
    }
  }
  /** Full batches so far; at the end also the partial one. */
  take(final = false): SourceItem[][] {
    if (final && this.cur.length > 0) {
      this.ready.push(this.cur);
      this.cur = [];
    }
    const out = this.ready;
    this.ready = [];
    return out;
  }
}
