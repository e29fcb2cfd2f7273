import zlib from 'node:zlib';
import { Http1ProtocolError } from './protocol-error.js';

/**
 * Undoes a response's Content-Encoding. The chat path asks for `identity`, but a server or a proxy
 * may compress anyway; the codings Node can undo are undone, up to the same size limit as the body.
 * Codings apply in the order listed, so they are undone from the last.
 */
export function decodeContent(body: Buffer, coding: string, maxBytes: number): Buffer {
  const codings = coding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  let out = body;
  for (const c of codings.reverse()) {
    const options = { maxOutputLength: maxBytes };
    try {
      if (c === 'gzip' || c === 'x-gzip') out = zlib.gunzipSync(out, options);
      else if (c === 'deflate') out = zlib.inflateSync(out, options);
      else if (c === 'br') out = zlib.brotliDecompressSync(out, options);
      else throw new Http1ProtocolError(`the answer is encoded with '${c}', which this client cannot undo`);
    } catch (e) {
      if (e instanceof Http1ProtocolError) throw e;
      const tooLarge = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new Http1ProtocolError(
        tooLarge
          ? `answer larger than ${maxBytes} bytes once decompressed`
          : `the answer's ${c} encoding is corrupt: ${(e as Error).message}`,
      );
    }
  }
  return out;
}
