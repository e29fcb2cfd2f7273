/**
 * Streams a top-level JSON array without loading the file: a byte scanner that knows strings, escapes
 * and bracket nesting cuts the array into element texts, and each element goes to JSON.parse alone.
 * The scanner does not validate element contents (JSON.parse does); it only needs the structure.
 */

import { isUtf8 } from 'node:buffer';
import { badInput } from '../core/errors.js';
import { Batcher, MAX_RECORD_BYTES, parseObjectItem, readChunks } from './jsonl-reader.js';
import type { ReaderOptions, SourceItem } from './rows.js';

enum S {
  Start, // before the '['
  Between, // inside the array, expecting an element or ']' (after '[' or ',')
  AfterElement, // expecting ',' or ']'
  Element, // inside an element
  Done, // after the closing ']'
}

const BOM = [0xef, 0xbb, 0xbf];
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Streams a JSON array file. See rows.ts for the contract. */
export async function* readJsonArray(file: string, opts: ReaderOptions): AsyncGenerator<SourceItem[]> {
  const out = new Batcher(opts.batchSize);
  let state = S.Start as S; // widened: closures change it
  let line = 1;
  let col = 0; // byte column of the last byte seen
  let offset = 0; // file offset of the current chunk, to skip a BOM even when it is split across reads
  let trailingComma = false;
  // Element state.
  let elLine = 0;
  let elCol = 0;
  const stack: number[] = []; // open brackets of the current element ('{' or '[')
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let size = 0;
  let overlong = false;

  const fail = (message: string, l = line, c: number | undefined = col): never => {
    throw badInput(message, c === undefined ? { file, line: l } : { file, line: l, column: c });
  };

  const emit = () => {
    if (overlong) {
      out.push({ ok: false, line: elLine, message: 'element longer than 16 MiB' });
    } else {
      const b = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      out.push(
        isUtf8(b)
          ? parseObjectItem(b.toString('utf8'), elLine, false)
          : { ok: false, line: elLine, message: 'invalid UTF-8' },
      );
    }
    parts = [];
    size = 0;
    overlong = false;
    state = S.AfterElement;
  };

  const keep = (part: Buffer) => {
    if (overlong) return;
    size += part.length;
    if (size > MAX_RECORD_BYTES) {
      overlong = true;
      parts = [];
    } else {
      parts.push(part);
    }
  };

  for await (const chunk of readChunks(file, opts.chunkSize)) {
    let i = 0;
    let elStart = state === S.Element ? 0 : -1; // where the current element begins in this chunk
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 0x0a) {
        line++;
        col = 0;
      } else {
        col++;
      }
      if (state === S.Element) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) {
            inString = false;
            if (stack.length === 0) {
              keep(chunk.subarray(elStart, i + 1));
              emit();
            }
          }
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) stack.push(c);
        else if (c === 0x7d || c === 0x5d) {
          if (stack.length === 0) {
            // A bare scalar ends at the array's ']' (or a stray '}').
            keep(chunk.subarray(elStart, i));
            emit();
            i--; // let AfterElement see this byte
            col--;
            continue;
          }
          const open = stack.pop();
          if ((c === 0x7d) !== (open === 0x7b))
            fail(`mismatched '${String.fromCharCode(c)}' in the JSON array`);
          if (stack.length === 0) {
            keep(chunk.subarray(elStart, i + 1));
            emit();
          }
        } else if (stack.length === 0 && (c === 0x2c || isWs(c))) {
          // End of a bare scalar (number, true, ...): re-read the separator in AfterElement.
          keep(chunk.subarray(elStart, i));
          emit();
          if (c === 0x0a) line--;
          else col--;
          i--;
        }
        continue;
      }
      if (isWs(c)) continue;
      if (state === S.Start && offset + i < 3 && c === BOM[offset + i]) {
        col--;
        continue;
      }
      switch (state) {
        case S.Start:
          if (c !== 0x5b) fail('expected a JSON array of objects at the top level');
          state = S.Between;
          break;
        case S.Between:
          if (c === 0x5d) {
            if (trailingComma) fail("unexpected ']' after ',' in the JSON array");
            state = S.Done;
          } else if (c === 0x2c) {
            fail("unexpected ',' in the JSON array (missing element)");
          } else {
            state = S.Element;
            trailingComma = false;
            elStart = i;
            elLine = line;
            elCol = col;
            if (c === 0x7b || c === 0x5b) stack.push(c);
            else if (c === 0x22) inString = true;
          }
          break;
        case S.AfterElement:
          if (c === 0x2c) {
            state = S.Between;
            trailingComma = true;
          } else if (c === 0x5d) state = S.Done;
          else fail("expected ',' or ']' after an element of the JSON array");
          break;
        case S.Done:
          fail('unexpected content after the end of the top-level JSON array');
      }
    }
    if (state === S.Element) keep(chunk.subarray(elStart));
    offset += chunk.length;
    for (const batch of out.take()) yield batch;
  }

  if (state === S.Element) {
    fail(
      'the file ends inside an element of the JSON array (truncated file or unbalanced brackets)',
      elLine,
      elCol,
    );
  }
  if (state === S.Between || state === S.AfterElement) {
    fail('the file ends before the JSON array is closed (truncated file or missing "]")', line, undefined);
  }
  for (const batch of out.take(true)) yield batch;
}
