/**
 * CSV/TSV reader on csv-parse's stream API. csv-parse decodes bytes itself, so a validating stage in
 * front of it checks UTF-8 and records where the newlines are: csv-parse's own line counter is off for
 * CRLF inside quoted fields, so record lines are computed from its byte offsets instead.
 *
 * Error policy: a wrong column count is a row-level error (csv-parse drops that record and carries on
 * cleanly). Quote errors and oversized records throw badInput, because csv-parse cannot resynchronise
 * after them and every later row would be wrong.
 */

import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { type CsvError, Parser } from 'csv-parse';
import { badInput, type TandemError } from '../core/errors.js';
import {
  Batcher,
  invalidUtf8Offset,
  MAX_RECORD_BYTES,
  type ReaderOptions,
  readChunks,
  type SourceItem,
} from './reader-kit.js';

interface BadByte {
  line: number;
  column: number;
}

/** Newline offsets between the validating stage and the parser, counted off as the parser passes them. */
class NewlineIndex {
  private q: number[] = [];
  private head = 0;
  private passed = 0;
  add(offset: number) {
    this.q.push(offset);
  }
  /** 1-based line of a byte offset; offsets must not decrease between calls. */
  lineOf(offset: number): number {
    const q = this.q;
    while (this.head < q.length && q[this.head]! < offset) {
      this.head++;
      this.passed++;
    }
    if (this.head > 65536) {
      this.q = q.slice(this.head);
      this.head = 0;
    }
    return this.passed + 1;
  }
}

/** Length of an incomplete UTF-8 sequence at the end of `b` (0 if the last character is complete). */
function incompleteTail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Streams a CSV file. See rows.ts for the contract. */
export async function* readCsv(file: string, opts: ReaderOptions): AsyncGenerator<SourceItem[]> {
  const out = new Batcher(opts.batchSize);
  const newlines = new NewlineIndex();
  const badBytes: BadByte[] = []; // first bad byte per line, in file order

  // Validating stage: passes chunks through unchanged, noting newlines and invalid UTF-8.
  async function* validated(): AsyncGenerator<Buffer> {
    let offset = 0; // file offset of the next chunk
    let lines = 0; // newlines before `offset`
    let lineStart = 0; // file offset where the current line starts
    let carry: Buffer | undefined; // incomplete character held back from the previous chunk
    // Notes the first bad byte of each line in data[0, end); data starts at file offset dataOffset.
    const check = (data: Buffer, dataOffset: number, end: number) => {
      if (isUtf8(data.subarray(0, end))) return; // native fast path; the JS scan below only runs on bad data
      let line = lines + 1;
      let start = lineStart;
      let scanned = 0;
      for (let from = 0; from < end; ) {
        const bad = invalidUtf8Offset(data, from, end);
        if (bad < 0) return;
        for (let i = data.indexOf(10, scanned); i >= 0 && i < bad; i = data.indexOf(10, i + 1)) {
          line++;
          start = dataOffset + i + 1;
        }
        scanned = bad;
        badBytes.push({ line, column: dataOffset + bad - start + 1 });
        const nl = data.indexOf(10, bad);
        from = nl < 0 ? end : nl + 1; // one report per line is enough
      }
    };
    for await (const chunk of readChunks(file, opts.chunkSize)) {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const dataOffset = offset - (carry?.length ?? 0);
      const keep = incompleteTail(data);
      check(data, dataOffset, data.length - keep);
      carry = keep > 0 ? Buffer.from(data.subarray(data.length - keep)) : undefined;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        newlines.add(offset + i);
        lines++;
        lineStart = offset + i + 1;
      }
      offset += chunk.length;
      yield chunk;
    }
    if (carry) check(carry, offset - carry.length, carry.length); // a truncated last character
  }

  type Pushed =
    | { info: { bytes: number; empty_lines: number }; record: Record<string, string> }
    | { skip: CsvError };
  let headerError: TandemError | undefined;
  let headerLine = 1; // where the header starts
  let headerEnd = 1; // and ends (a quoted name may span lines)
  let prevEnd = 0; // byte offset after the previous record (or the header)
  let prevEmpty = 0; // csv-parse's count of skipped empty lines at that point
  let columnCount = 0;

  const parser: Parser = new Parser({
    bom: true,
    delimiter: opts.delimiter ?? ',',
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: true,
    relax_column_count: false,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
    columns: (header: string[]) => {
      prevEnd = parser.info.bytes;
      prevEmpty = parser.info.empty_lines;
      headerLine = parser.info.empty_lines + 1; // only empty lines can precede the header
      headerEnd = newlines.lineOf(Math.max(0, parser.info.bytes - 1));
      columnCount = header.length;
      const seen = new Set<string>();
      for (const name of header) {
        if (seen.has(name))
          headerError ??= badInput(`duplicate column name '${name}' in the header`, {
            file,
            line: headerLine,
          });
        seen.add(name);
      }
      return header;
    },
    // Errors arrive in order with the records, so they are queued in the same readable stream.
    on_skip: (err?: CsvError) => {
      if (err) parser.push({ skip: err } satisfies Pushed);
      return undefined;
    },
  });

  // First and last line of the record that ends at byte offset `end`.
  const span = (end: number, empty: number): [number, number] => {
    const first = newlines.lineOf(prevEnd) + (empty - prevEmpty);
    const last = newlines.lineOf(Math.max(prevEnd, end - 1));
    prevEnd = end;
    prevEmpty = empty;
    return [first, Math.max(first, last)];
  };

  const source = Readable.from(validated(), { objectMode: false });
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<Pushed>) {
      if (headerError) throw headerError;
      if ('skip' in item) {
        const err = item.skip;
        const [first] = span(Number(err.bytes ?? prevEnd), Number(err.empty_lines ?? prevEmpty));
        if (err.code !== 'CSV_RECORD_INCONSISTENT_COLUMNS')
          throw badInput(fatalMessage(err), { file, line: first });
        const found = Array.isArray(err.record) ? err.record.length : undefined;
        out.push({
          ok: false,
          line: first,
          message: `expected ${columnCount} columns (from the header), found ${found ?? 'a different number'}`,
        });
      } else {
        const [first, last] = span(item.info.bytes, item.info.empty_lines);
        out.push(recordItem(item.record, first, last));
      }
      if (out.ready.length > 0) for (const batch of out.take()) yield batch;
    }
    if (headerError) throw headerError;
    const bad = badBytes[0];
    if (bad && bad.line <= headerEnd) throw badInput('invalid UTF-8 in the header', { file, ...bad });
    for (const batch of out.take(true)) yield batch;
  } finally {
    source.destroy();
    parser.destroy();
  }

  function recordItem(record: Record<string, string>, first: number, last: number): SourceItem {
    while (badBytes.length > 0 && badBytes[0]!.line < first) {
      const b = badBytes.shift()!;
      if (b.line <= headerEnd) throw badInput('invalid UTF-8 in the header', { file, ...b });
    }
    const bad = badBytes[0];
    if (bad && bad.line <= last) {
      while (badBytes.length > 0 && badBytes[0]!.line <= last) badBytes.shift();
      return bad.line === first
        ? { ok: false, line: first, column: bad.column, message: 'invalid UTF-8' }
        : { ok: false, line: first, message: `invalid UTF-8 (on line ${bad.line}, byte ${bad.column})` };
    }
    return { ok: true, line: first, value: record };
  }
}

function fatalMessage(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field in the record starting on this line is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = /got "(.*?)"/.exec(err.message)?.[1];
      return `a closing quote is followed by ${got ? `'${got}'` : 'a character'} instead of a delimiter or line end`;
    }
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (quote the whole field and double inner quotes)';
    case 'CSV_MAX_RECORD_SIZE':
      return 'record longer than 16 MiB';
    default:
      return `malformed CSV: ${err.message}`;
  }
}
