/**
 * An HTTP/1.x response read from the bytes of one connection, as they arrive: status line, headers,
 * and a body framed by Content-Length, by chunked transfer coding, or by the connection's close.
 * It reads one response per request and never pipelines, so bytes after a complete response mean
 * the connection cannot be trusted again (the response is kept; the connection is not reused).
 */

import { decodeContent } from './content-coding.js';
import { Http1ProtocolError } from './protocol-error.js';

export { Http1ProtocolError };

/** The connection closed before the answer was whole (what `end()` throws unless the close frames it). */
export class ResponseCutShort extends Http1ProtocolError {}

export interface Http1Response {
  status: number;
  /** The header lines as received (without the status line); `headersOf` reads them. */
  head: string;
  body: Buffer;
  /** The server left the connection open for another request. */
  keepAlive: boolean;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;
/** A chunk-size line is short; one that is not would be a server bug or an attack. */
const MAX_LINE = 4096;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close';

export class Http1ResponseReader {
  private state: State = 'head';
  /** Bytes received but not yet consumed (an incomplete line or head). */
  private pending: Buffer | undefined;
  private status = 0;
  private head = '';
  /** Content-Encoding, when the server compressed the body anyway. */
  private coding: string | undefined;
  private keepAlive = false;
  /** Body pieces in order; after the first few, small pieces are copied into `tail` instead. */
  private parts: Buffer[] = [];
  private tail: Buffer | undefined;
  private tailLength = 0;
  private size = 0;
  private remaining = 0;

  constructor(
    private readonly maxBodyBytes: number,
    private readonly maxHeadBytes = 32 * 1024,
  ) {}

  /** True once any byte of the response arrived. */
  get started(): boolean {
    return this.state !== 'head' || this.pending !== undefined;
  }

  /** Reads the bytes; returns the response when it is complete. Throws Http1ProtocolError. */
  push(chunk: Buffer): Http1Response | undefined {
    let buf = chunk;
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    let pos = 0;
    while (pos < buf.length) {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf(HEAD_END, pos);
          if (end < 0) return this.keep(buf, pos, this.maxHeadBytes, 'the response head');
          if (end - pos > this.maxHeadBytes) this.tooLong('the response head', this.maxHeadBytes);
          pos = this.readHead(buf.toString('latin1', pos, end), end + 4);
          if (this.state === 'head') continue; // an informational 1xx: the real head follows
          if (this.isDone()) return this.finish(pos < buf.length);
          break;
        }
        case 'length': {
          pos = this.take(buf, pos, this.remaining);
          if (this.remaining === 0) return this.finish(pos < buf.length);
          break;
        }
        case 'chunk-size': {
          const eol = buf.indexOf(CRLF, pos);
          if (eol < 0) return this.keep(buf, pos, MAX_LINE, 'a chunk-size line');
          const line = buf.toString('latin1', pos, eol);
          const hex = line.split(';', 1)[0]!.trim();
          if (!/^[0-9a-fA-F]{1,12}$/.test(hex))
            throw new Http1ProtocolError(`bad chunk size ${JSON.stringify(line.slice(0, 40))}`);
          const n = Number.parseInt(hex, 16);
          this.grow(n);
          pos = eol + 2;
          this.remaining = n;
          this.state = n === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          pos = this.take(buf, pos, this.remaining);
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          if (buf.length - pos < 2) return this.keep(buf, pos, 2, 'a chunk end');
          if (buf[pos] !== 13 || buf[pos + 1] !== 10)
            throw new Http1ProtocolError('a chunk was longer than its size said');
          pos += 2;
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          const eol = buf.indexOf(CRLF, pos);
          if (eol < 0) return this.keep(buf, pos, MAX_LINE, 'a trailer line');
          const empty = eol === pos;
          pos = eol + 2;
          if (empty) return this.finish(pos < buf.length);
          break;
        }
        case 'until-close': {
          this.grow(buf.length - pos);
          this.keepBody(pos === 0 ? buf : buf.subarray(pos));
          pos = buf.length;
          break;
        }
      }
    }
    return undefined;
  }

  /**
   * The connection closed. A body framed by the close is complete now; anything else is cut short.
   */
  end(): Http1Response {
    if (this.state === 'until-close') return this.finish(false);
    throw new ResponseCutShort(
      this.started
        ? 'the connection closed in the middle of the response'
        : 'the connection closed before any response',
    );
  }

  /**
   * Reads the status line and the three headers that frame the body; the others are read only when
   * asked for (`headersOf`), since a successful answer needs none of them.
   */
  private readHead(head: string, bodyStart: number): number {
    const eol = head.indexOf('\r\n');
    const statusLine = eol < 0 ? head : head.slice(0, eol);
    const m = STATUS_LINE.exec(statusLine);
    if (!m)
      throw new Http1ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 60))}`);
    const status = Number(m[2]);
    const lines = eol < 0 ? '' : head.slice(eol + 2);
    if (status >= 100 && status < 200) {
      // 100 Continue, 103 Early Hints: not the answer. 101 would switch protocols, which we never ask.
      if (status === 101)
        throw new Http1ProtocolError('the server switched protocols (101), which was not asked');
      return bodyStart;
    }
    let connection = '';
    let te: string | undefined;
    let cl: string | undefined;
    for (let i = 0; i < lines.length; ) {
      let end = lines.indexOf('\r\n', i);
      if (end < 0) end = lines.length;
      const colon = lines.indexOf(':', i);
      if (colon <= i || colon > end)
        throw new Http1ProtocolError(
          `bad header line ${JSON.stringify(lines.slice(i, Math.min(end, i + 60)))}`,
        );
      // Only names starting with c or t can frame the body: the rest are skipped unread.
      const first = lines.charCodeAt(i) | 0x20;
      if (first === 0x63 || first === 0x74) {
        const name = lines.slice(i, colon).trim().toLowerCase();
        const value = lines.slice(colon + 1, end).trim();
        if (name === 'content-length') cl = cl === undefined ? value : `${cl}, ${value}`;
        else if (name === 'transfer-encoding') te = te === undefined ? value : `${te}, ${value}`;
        else if (name === 'connection') connection += ` ${value.toLowerCase()}`;
        else if (name === 'content-encoding') this.coding = this.coding ? `${this.coding}, ${value}` : value;
      }
      i = end + 2;
    }
    this.status = status;
    this.head = lines;
    this.keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    if (status === 204 || status === 304) {
      this.state = 'length';
      this.remaining = 0;
    } else if (te !== undefined) {
      // A coding other than chunked last can only be framed by the close (RFC 9112 §6.3).
      if (/(?:^|,)\s*chunked\s*$/i.test(te)) this.state = 'chunk-size';
      else this.untilClose();
    } else if (cl !== undefined) {
      const values = new Set(cl.split(',').map((v) => v.trim()));
      const [only] = values;
      if (values.size !== 1 || !/^\d{1,15}$/.test(only!))
        throw new Http1ProtocolError(`bad Content-Length ${JSON.stringify(cl.slice(0, 40))}`);
      this.remaining = Number(only);
      this.grow(this.remaining);
      this.state = 'length';
    } else this.untilClose();
    return bodyStart;
  }

  private untilClose(): void {
    this.state = 'until-close';
    this.keepAlive = false;
  }

  private isDone(): boolean {
    return this.state === 'length' && this.remaining === 0;
  }

  /** Takes up to `want` body bytes from `buf` at `pos`; returns the new position. */
  private take(buf: Buffer, pos: number, want: number): number {
    const n = Math.min(want, buf.length - pos);
    if (n > 0) this.keepBody(pos === 0 && n === buf.length ? buf : buf.subarray(pos, pos + n));
    this.remaining -= n;
    return pos + n;
  }

  /**
   * Keeps a piece of the body. A server that sends its answer a few bytes at a time (tiny chunks,
   * or one byte per read) would otherwise cost an object per piece: up to the body limit, that is
   * gigabytes. Small pieces after the first few go into one buffer that doubles as it fills.
   */
  private keepBody(piece: Buffer): void {
    if (piece.length >= 1024 || this.parts.length < 16) {
      this.flushTail();
      this.parts.push(piece);
      return;
    }
    const need = this.tailLength + piece.length;
    if (!this.tail || need > this.tail.length) {
      const grown = Buffer.allocUnsafe(Math.max(4096, need * 2));
      if (this.tail) this.tail.copy(grown, 0, 0, this.tailLength);
      this.tail = grown;
    }
    piece.copy(this.tail, this.tailLength);
    this.tailLength = need;
  }

  private flushTail(): void {
    if (this.tail && this.tailLength > 0) this.parts.push(this.tail.subarray(0, this.tailLength));
    this.tail = undefined;
    this.tailLength = 0;
  }

  /** Counts body bytes about to come; refuses a body over the limit before buffering it. */
  private grow(n: number): void {
    this.size += n;
    if (this.size > this.maxBodyBytes)
      throw new Http1ProtocolError(`answer larger than ${this.maxBodyBytes} bytes`);
  }

  private keep(buf: Buffer, pos: number, limit: number, what: string): undefined {
    if (buf.length - pos > limit) this.tooLong(what, limit);
    this.pending = pos === 0 ? buf : buf.subarray(pos);
    return undefined;
  }

  private tooLong(what: string, limit: number): never {
    throw new Http1ProtocolError(`${what} is longer than ${limit} bytes`);
  }

  private finish(extraBytes: boolean): Http1Response {
    this.flushTail();
    const raw = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const body = this.coding ? decodeContent(raw, this.coding, this.maxBodyBytes) : raw;
    return {
      status: this.status,
      head: this.head,
      body,
      // Bytes after the answer: the connection is in an unknown state, so it is not reused.
      keepAlive: this.keepAlive && !extraBytes,
    };
  }
}

/** The header lines of a response: names lower-cased, a repeated header's values joined with ", ". */
export function headersOf(head: string): Record<string, string> {
  const headers: Record<string, string> = Object.create(null);
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}
