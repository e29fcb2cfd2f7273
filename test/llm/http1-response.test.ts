import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Http1Response, Http1ResponseReader, headersOf } from '../../src/llm/http/http1-response.js';

/** Feeds the bytes in pieces cut at `cuts`; returns the response, or what `end()` gives at the close. */
function read(bytes: string | Buffer, cuts: number[] = [], opts: { close?: boolean; max?: number } = {}) {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  const reader = new Http1ResponseReader(opts.max ?? 1 << 20);
  let at = 0;
  let out: Http1Response | undefined;
  for (const cut of [...cuts, buf.length]) {
    if (cut <= at) continue;
    const r = reader.push(buf.subarray(at, cut));
    at = cut;
    if (r) {
      out = r;
      break;
    }
  }
  if (!out && opts.close) out = reader.end();
  return out;
}

/** Every way of cutting the bytes in two, and one byte at a time. */
function everySplit(bytes: string): number[][] {
  const splits = Array.from({ length: bytes.length - 1 }, (_, i) => [i + 1]);
  splits.push(Array.from({ length: bytes.length }, (_, i) => i + 1));
  return splits;
}

const OK =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 11\r\nX-Request-Id: a:b\r\n\r\n{"ok":true}';
const CHUNKED =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"ok\r\n7\r\n":true}\r\n0\r\nX-Trailer: 1\r\n\r\n';

describe('Http1ResponseReader', () => {
  it('reads a Content-Length response however the bytes are cut', () => {
    for (const cuts of everySplit(OK)) {
      const r = read(OK, cuts);
      expect(r?.status, `cut at ${cuts}`).toBe(200);
      expect(r?.body.toString(), `cut at ${cuts}`).toBe('{"ok":true}');
      expect(r?.keepAlive).toBe(true);
    }
  });

  it('reads a chunked response with extensions and trailers however the bytes are cut', () => {
    for (const cuts of everySplit(CHUNKED)) {
      const r = read(CHUNKED, cuts);
      expect(r?.body.toString(), `cut at ${cuts}`).toBe('{"ok":true}');
      expect(r?.keepAlive).toBe(true);
    }
  });

  it('keeps multi-byte UTF-8 whole across pieces', () => {
    const body = Buffer.from('{"text":"生まれ — ünïcode"}');
    const bytes = Buffer.concat([
      Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`),
      body,
    ]);
    for (let cut = 1; cut < bytes.length; cut++)
      expect(read(bytes, [cut])?.body.toString('utf8')).toBe(body.toString('utf8'));
  });

  it('skips informational answers before the real one', () => {
    const r = read(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${OK}`);
    expect(r?.status).toBe(200);
    expect(r?.body.toString()).toBe('{"ok":true}');
  });

  it('reads a body framed by the close, and never reuses that connection', () => {
    const bytes = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it';
    const r = read(bytes, [40], { close: true });
    expect(r?.body.toString()).toBe('all of it');
    expect(r?.keepAlive).toBe(false);
    // A transfer coding other than chunked last is framed by the close too.
    const gz = read('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz', [], { close: true });
    expect(gz?.body.toString()).toBe('xyz');
    expect(gz?.keepAlive).toBe(false);
  });

  it('follows Connection and the HTTP version for keep-alive', () => {
    expect(read('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(false);
    expect(
      read('HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\nContent-Length: 0\r\n\r\n')?.keepAlive,
    ).toBe(false);
    expect(read('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(false);
    expect(read('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(
      true,
    );
    // Bytes after a whole answer: the connection's state is unknown, so it is not reused.
    expect(read(`${OK}HTTP/1.1 200 OK`)?.keepAlive).toBe(false);
  });

  it('reads 204 and 304 without a body whatever they claim', () => {
    const r = read('HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n');
    expect(r?.status).toBe(204);
    expect(r?.body.length).toBe(0);
  });

  it('keeps the header lines for errors, read on demand', () => {
    const r = read(
      'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 2\r\n\r\n{}',
    );
    expect(r?.status).toBe(429);
    const h = headersOf(r!.head);
    expect(h['retry-after']).toBe('3');
    expect(h['x-a']).toBe('1, 2');
    expect(h['content-length']).toBe('2');
  });

  it('refuses what it cannot read, saying what', () => {
    expect(() => read('HTTP/2 200\r\n\r\n')).toThrow(/not an HTTP\/1\.x status line: "HTTP\/2 200"/);
    expect(() => read('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')).toThrow(/bad header line "no colon here"/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n')).toThrow(
      /bad Content-Length "5, 6"/,
    );
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toThrow(/bad Content-Length/);
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toThrow(
      /bad chunk size "zz"/,
    );
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n')).toThrow(
      /longer than its size/,
    );
    expect(() => read('HTTP/1.1 101 Switching Protocols\r\n\r\n')).toThrow(/switched protocols/);
  });

  it('refuses a body over the limit before buffering it', () => {
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n', [], { max: 1000 })).toThrow(
      /answer larger than 1000 bytes/,
    );
    expect(() =>
      read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n', [], { max: 1000 }),
    ).toThrow(/answer larger than 1000 bytes/);
    const reader = new Http1ResponseReader(10);
    reader.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\n12345'));
    expect(() => reader.push(Buffer.from('678901'))).toThrow(/answer larger than 10 bytes/);
  });

  it('refuses a head that never ends', () => {
    const reader = new Http1ResponseReader(1000, 100);
    expect(() => reader.push(Buffer.from(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(200)}`))).toThrow(
      /response head is longer than 100 bytes/,
    );
  });

  it('says a response cut short by the close is cut short', () => {
    const reader = new Http1ResponseReader(1000);
    expect(reader.started).toBe(false);
    expect(() => reader.end()).toThrow(/closed before any response/);
    const half = new Http1ResponseReader(1000);
    half.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345'));
    expect(half.started).toBe(true);
    expect(() => half.end()).toThrow(/closed in the middle of the response/);
  });

  it('undoes a Content-Encoding the server used anyway, within the size limit', () => {
    const json = Buffer.from(JSON.stringify({ text: 'x'.repeat(2000) }));
    const framed = (coding: string, body: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]);
    for (const [coding, body] of [
      ['gzip', zlib.gzipSync(json)],
      ['deflate', zlib.deflateSync(json)],
      ['br', zlib.brotliCompressSync(json)],
      ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(json))],
    ] as const) {
      expect(read(framed(coding, body))?.body.equals(json), coding).toBe(true);
    }
    expect(() => read(framed('zstd', json))).toThrow(/encoded with 'zstd', which this client cannot undo/);
    expect(() => read(framed('gzip', json))).toThrow(/gzip encoding is corrupt/);
    // A small body that inflates past the limit is refused, not inflated.
    const bomb = zlib.gzipSync(Buffer.alloc(50_000));
    expect(() => read(framed('gzip', bomb), [], { max: 10_000 })).toThrow(
      /larger than 10000 bytes once decompressed/,
    );
  });

  it('keeps the bytes in order when a server sends them a few at a time', () => {
    // 3,000 chunks of 1–3 bytes with a few large ones between: small pieces are gathered into one
    // buffer after the first few, large ones kept as they are.
    const pieces: string[] = [];
    for (let i = 0; i < 3000; i++)
      pieces.push(i % 1000 === 500 ? 'L'.repeat(2000) : String(i % 997).slice(0, 1 + (i % 3)));
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    const wire = `${head + pieces.map((p) => `${p.length.toString(16)}\r\n${p}\r\n`).join('')}0\r\n\r\n`;
    expect(read(wire)?.body.toString()).toBe(pieces.join(''));
    // The same with one byte per read, framed by the close.
    const body = pieces.join('');
    const bytes = `HTTP/1.1 200 OK\r\n\r\n${body}`;
    const cuts = Array.from({ length: 5000 }, (_, i) => 19 + i);
    expect(read(bytes, cuts, { close: true })?.body.toString()).toBe(body);
  });
});
