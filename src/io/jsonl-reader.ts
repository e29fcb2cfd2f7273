/**
 * JSONL reader, plus the byte-level helpers the other text readers share (chunked file reads, UTF-8
 * checks, JSON error positions, batching). The hot path decodes a whole chunk of complete lines at once
 * and only falls back to per-line work when the chunk is not valid UTF-8.
 */

import { isUtf8 } from 'node:buffer';
import { type FileHandle, open } from 'node:fs/promises';
import { badInput, TandemError } from '../core/errors.js';
import type { ReaderOptions, SourceItem } from './rows.js';

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** Cap on one line / element: a bound on memory for untrusted input. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const NL = 0x0a;
const CR = 0x0d;

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

function isBlank(s: string): boolean {
  return /^\s*$/.test(s);
}

const tooLong = (line: number): SourceItem => ({ ok: false, line, message: 'line longer than 16 MiB' });

/** Streams a JSONL file. See rows.ts for the contract. */
export async function* readJsonl(file: string, opts: ReaderOptions): AsyncGenerator<SourceItem[]> {
  const out = new Batcher(opts.batchSize);
  let lineNo = 0;
  // Bytes of the current unfinished line, when it spans chunks.
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let overlong = false;

  const handleText = (text: string) => {
    const line = ++lineNo;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.charCodeAt(0) !== 0x7b && isBlank(text)) return; // '{' is the common case: skip the regex
    out.push(parseObjectItem(text, line, true));
  };

  // One line's bytes without the '\n'; slow path for lines that span chunks or are not valid UTF-8.
  const handleBytes = (b: Buffer, s: number, e: number) => {
    if (e > s && b[e - 1] === CR) e--;
    if (lineNo === 0 && e - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf) s += 3;
    if (e - s > MAX_RECORD_BYTES) return out.push(tooLong(++lineNo));
    if (isUtf8(b.subarray(s, e))) return handleText(b.toString('utf8', s, e));
    const bad = invalidUtf8Offset(b, s, e);
    out.push({ ok: false, line: ++lineNo, column: bad - s + 1, message: 'invalid UTF-8' });
  };

  // [start, end) holds complete lines, each ending in '\n'. One isUtf8 over the block is far cheaper
  // than one per line; decoding stays per line because V8 decodes many short strings faster than one
  // big one (and JSON.parse of slices of a big two-byte string is slower still).
  const handleBlock = (b: Buffer, start: number, end: number) => {
    if (!isUtf8(b.subarray(start, end))) {
      for (let s = start; s < end; ) {
        const nl = b.indexOf(NL, s);
        handleBytes(b, s, nl);
        s = nl + 1;
      }
      return;
    }
    for (let s = start; s < end; ) {
      const nl = b.indexOf(NL, s);
      const e = nl > s && b[nl - 1] === CR ? nl - 1 : nl;
      if (e - s > MAX_RECORD_BYTES) out.push(tooLong(++lineNo));
      else handleText(b.toString('utf8', s, e));
      s = nl + 1;
    }
  };

  // Reused buffers: every string is decoded (copied) before the next read, and `pending` keeps copies.
  for await (const chunk of readChunks(file, opts.chunkSize, true)) {
    let pos = 0;
    if (pendingLen > 0 || overlong) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        addPending(chunk);
        continue;
      }
      addPending(chunk.subarray(0, nl));
      finishPending();
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(NL);
    if (last >= pos) {
      handleBlock(chunk, pos, last + 1);
      pos = last + 1;
    }
    if (pos < chunk.length) addPending(chunk.subarray(pos));
    for (const batch of out.take()) yield batch;
  }
  if (pendingLen > 0 || overlong) finishPending();
  for (const batch of out.take(true)) yield batch;

  function addPending(part: Buffer) {
    if (overlong) return;
    pendingLen += part.length;
    // Allow one extra byte for a '\r' that is not part of the line.
    if (pendingLen > MAX_RECORD_BYTES + 1) {
      overlong = true;
      pending = [];
    } else {
      pending.push(Buffer.from(part));
    }
  }

  function finishPending() {
    if (overlong) out.push(tooLong(++lineNo));
    else {
      const b = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
      handleBytes(b, 0, b.length);
    }
    pending = [];
    pendingLen = 0;
    overlong = false;
  }
}
