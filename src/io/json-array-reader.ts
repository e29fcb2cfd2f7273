/**
 * Streams a top-level JSON array without loading the file: a byte scanner that knows strings, escapes
 * and bracket nesting cuts the array into element texts, and each element goes to JSON.parse alone.
 * The scanner does not validate element contents (JSON.parse does); it only needs the structure.
 */

import { isUtf8 } from 'node:buffer';
import { badInput } from '../core/errors.js';
import {
  Batcher,
  MAX_RECORD_BYTES,
  parseObjectItem,
  type ReaderOptions,
  readChunks,
  type SourceItem,
} from './reader-kit.js';

enum S {
  Start, // before the '['
  Between, // inside the array, expecting an element or ']' (after '[' or ',')
  AfterElement, // expecting ',' or ']'
  Element, // inside an element
  Done, // after the closing ']'
}

const BOM = [0xef, 0xbb, 0xbf];
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The byte scanner: feed() chunks in order, then end(). Items go to `out`; structural errors throw. */
export class JsonArrayScanner {
  private state = S.Start as S;
  private line = 1;
  private lineStart = 0; // file offset where the current line starts; columns are derived only when needed
  private offset = 0; // file offset of the current chunk
  private trailingComma = false;
  private elLine = 0; // where the current element starts
  private elCol = 0;
  private readonly stack: number[] = []; // open brackets of the current element ('{' or '[')
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = []; // bytes of the current element
  private size = 0;
  private overlong = false;

  constructor(
    private readonly file: string,
    private readonly out: Batcher,
  ) {}

  private colAt(i: number): number {
    return this.offset + i - this.lineStart + 1;
  }

  private fail(message: string, line: number, column?: number): never {
    const file = this.file;
    throw badInput(message, column === undefined ? { file, line } : { file, line, column });
  }

  private keep(part: Buffer): void {
    if (this.overlong) return;
    this.size += part.length;
    if (this.size > MAX_RECORD_BYTES) {
      this.overlong = true;
      this.parts = [];
    } else {
      this.parts.push(part);
    }
  }

  private emit(): void {
    const line = this.elLine;
    if (this.overlong) {
      this.out.push({ ok: false, line, message: 'element longer than 16 MiB' });
    } else {
      const b = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
      this.out.push(
        isUtf8(b)
          ? parseObjectItem(b.toString('utf8'), line, false)
          : { ok: false, line, message: 'invalid UTF-8' },
      );
    }
    this.parts = [];
    this.size = 0;
    this.overlong = false;
    this.state = S.AfterElement;
  }

  feed(chunk: Buffer): void {
    const len = chunk.length;
    let elStart = this.state === S.Element ? 0 : -1; // where the current element begins in this chunk
    for (let i = 0; i < len; i++) {
      let c = chunk[i]!;
      if (this.state === S.Element) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else {
            // Most bytes are string content: skip to the next quote, backslash or newline.
            while (c !== 0x22 && c !== 0x5c && c !== 0x0a && ++i < len) c = chunk[i]!;
            if (i === len) break;
            if (c === 0x5c) this.escaped = true;
            else if (c === 0x22) {
              this.inString = false;
              if (this.stack.length === 0) {
                this.keep(chunk.subarray(elStart, i + 1));
                this.emit();
              }
            }
          }
          if (c === 0x0a) {
            this.line++;
            this.lineStart = this.offset + i + 1;
          }
          continue;
        }
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.stack.push(c);
        else if (c === 0x7d || c === 0x5d) {
          if (this.stack.length === 0) {
            // A bare scalar ends at the array's ']' (or a stray '}'): AfterElement re-reads this byte.
            this.keep(chunk.subarray(elStart, i));
            this.emit();
            i--;
            continue;
          }
          const open = this.stack.pop();
          if ((c === 0x7d) !== (open === 0x7b))
            this.fail(`mismatched '${String.fromCharCode(c)}' in the JSON array`, this.line, this.colAt(i));
          if (this.stack.length === 0) {
            this.keep(chunk.subarray(elStart, i + 1));
            this.emit();
          }
        } else if (this.stack.length === 0 && (c === 0x2c || isWs(c))) {
          // End of a bare scalar (number, true, ...): AfterElement re-reads the separator.
          this.keep(chunk.subarray(elStart, i));
          this.emit();
          i--;
        } else if (c === 0x0a) {
          this.line++;
          this.lineStart = this.offset + i + 1;
        }
        continue;
      }
      if (c === 0x0a) {
        this.line++;
        this.lineStart = this.offset + i + 1;
        continue;
      }
      if (isWs(c)) continue;
      if (this.state === S.Start && this.offset + i < 3 && c === BOM[this.offset + i]) {
        this.lineStart++; // a BOM takes no column
        continue;
      }
      switch (this.state) {
        case S.Start:
          if (c !== 0x5b)
            this.fail('expected a JSON array of objects at the top level', this.line, this.colAt(i));
          this.state = S.Between;
          break;
        case S.Between:
          if (c === 0x5d) {
            if (this.trailingComma)
              this.fail("unexpected ']' after ',' in the JSON array", this.line, this.colAt(i));
            this.state = S.Done;
          } else if (c === 0x2c) {
            this.fail("unexpected ',' in the JSON array (missing element)", this.line, this.colAt(i));
          } else {
            this.state = S.Element;
            this.trailingComma = false;
            elStart = i;
            this.elLine = this.line;
            this.elCol = this.colAt(i);
            if (c === 0x7b || c === 0x5b) this.stack.push(c);
            else if (c === 0x22) this.inString = true;
          }
          break;
        case S.AfterElement:
          if (c === 0x2c) {
            this.state = S.Between;
            this.trailingComma = true;
          } else if (c === 0x5d) this.state = S.Done;
          else this.fail("expected ',' or ']' after an element of the JSON array", this.line, this.colAt(i));
          break;
        case S.Done:
          this.fail('unexpected content after the end of the top-level JSON array', this.line, this.colAt(i));
      }
    }
    if (this.state === S.Element) this.keep(chunk.subarray(elStart));
    this.offset += len;
  }

  end(): void {
    if (this.state === S.Element) {
      this.fail(
        'the file ends inside an element of the JSON array (truncated file or unbalanced brackets)',
        this.elLine,
        this.elCol,
      );
    }
    if (this.state === S.Between || this.state === S.AfterElement) {
      this.fail('the file ends before the JSON array is closed (truncated file or missing "]")', this.line);
    }
  }
}

/** Streams a JSON array file. See rows.ts for the contract. */
export async function* readJsonArray(file: string, opts: ReaderOptions): AsyncGenerator<SourceItem[]> {
  const out = new Batcher(opts.batchSize);
  const scanner = new JsonArrayScanner(file, out);
  for await (const chunk of readChunks(file, opts.chunkSize)) {
    scanner.feed(chunk);
    for (const batch of out.take()) yield batch;
  }
  scanner.end();
  for (const batch of out.take(true)) yield batch;
}
