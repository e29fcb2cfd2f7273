/**
 * The JSONL reader. The hot path decodes a whole chunk of complete lines at once and only falls back
 * to per-line work when the chunk is not valid UTF-8. The helpers it shares with the other readers are
 * in `reader-kit.ts`.
 */

import { isUtf8 } from 'node:buffer';
import {
  Batcher,
  invalidUtf8Offset,
  MAX_RECORD_BYTES,
  parseObjectItem,
  type ReaderOptions,
  readChunks,
  type SourceItem,
} from './reader-kit.js';

const NL = 0x0a;
const CR = 0x0d;

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
