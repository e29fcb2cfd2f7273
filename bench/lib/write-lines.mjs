import { createWriteStream } from 'node:fs';

/** Writes `n` lines (`lineAt(i)`, newline added) in ~1 MiB chunks with backpressure; resolves with the byte count. */
export async function writeLines(path, n, lineAt) {
  const out = createWriteStream(path);
  let bytes = 0;
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += `${lineAt(i)}\n`;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await new Promise((ok) => out.once('drain', ok));
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.write(buf);
  await new Promise((ok) => out.end(ok));
  return bytes;
}
