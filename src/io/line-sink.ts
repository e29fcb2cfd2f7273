/**
 * Line-oriented output (JSONL exports) to stdout, a caller's stream or a file. Lines are batched into
 * ~1 MiB writes; write() only returns a promise when the stream asks the caller to wait, so the common
 * path costs no promise per line. Files are written under `${path}.partial` and renamed on close, so a
 * failed export never leaves a half-written file under the real name.
 */

import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { badInput, TandemError } from '../core/errors.js';

export interface LineSink {
  /** Queues one line ('\n' is appended). A returned promise means: wait before writing more. */
  write(line: string): void | Promise<void>;
  /** Flushes; a file is renamed into place, a caller's stream is ended (stdout/stderr are left open). */
  close(): Promise<void>;
  /** Drops unwritten lines; a file's partial output is removed. */
  abort(): Promise<void>;
}

const FLUSH_AT = 1024 * 1024;

export interface LineSinkOptions {
  /**
   * Characters queued before a write (default 1 MiB). A producer that allocates a lot between lines
   * (the PII scan) wants less: lines queued across several young-generation GCs are copied by each and
   * then promoted to the old generation, which costs more than the extra writes.
   */
  flushAt?: number;
}

export function openLineSink(
  target: string | NodeJS.WritableStream,
  options: LineSinkOptions = {},
): LineSink {
  const flushAt = options.flushAt ?? FLUSH_AT;
  const path = typeof target === 'string' && target !== '-' ? target : undefined;
  const partial = path === undefined ? undefined : `${path}.partial`;
  const stream: NodeJS.WritableStream =
    typeof target !== 'string' ? target : partial === undefined ? process.stdout : createWriteStream(partial);
  const shared = stream === process.stdout || stream === process.stderr;

  let buf = '';
  let failure: Error | undefined;
  let drain: Promise<void> | undefined;
  let done = false;

  const wrap = (e: Error): Error =>
    path !== undefined && !(e instanceof TandemError) && (e as NodeJS.ErrnoException).code
      ? badInput(`cannot write the file: ${e.message}`, { file: path })
      : e;
  const onError = (e: Error) => {
    failure ??= wrap(e);
  };
  stream.on('error', onError);

  /** Resolves on 'drain', rejects if the stream fails first. */
  const waitDrain = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        stream.off('drain', ok);
        stream.off('error', bad);
      };
      const ok = () => {
        cleanup();
        resolve();
      };
      const bad = (e: Error) => {
        cleanup();
        reject(wrap(e));
      };
      stream.on('drain', ok);
      stream.on('error', bad);
    });

  const flush = (): void | Promise<void> => {
    if (buf.length === 0) return drain;
    const chunk = buf;
    buf = '';
    if (!stream.write(chunk) && !drain) {
      drain = waitDrain().finally(() => {
        drain = undefined;
      });
      drain.catch(() => undefined); // a caller that stops writing still sees the error from close()
    }
    return drain;
  };

  const finished = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      // 'finish' means all data is flushed; a file stream then also closes its fd, which rename wants.
      const evt = partial !== undefined ? 'close' : 'finish';
      const ok = () => {
        stream.off('error', bad);
        resolve();
      };
      const bad = (e: Error) => {
        stream.off(evt, ok);
        reject(wrap(e));
      };
      stream.once('error', bad);
      if (shared) {
        // Never end stdout; an empty write's callback fires once everything before it has been handed over.
        stream.write('', (e?: Error | null) => (e ? bad(e) : ok()));
      } else {
        stream.once(evt, ok);
        stream.end();
      }
    });

  return {
    write(line: string) {
      if (failure) throw failure;
      if (done) throw new Error('write after close');
      buf += line;
      buf += '\n';
      if (buf.length >= flushAt) return flush();
      return drain;
    },
    async close() {
      if (done) return;
      done = true;
      try {
        if (failure) throw failure;
        await flush();
        await finished();
        if (partial !== undefined && path !== undefined) await rename(partial, path);
      } catch (e) {
        await removePartial();
        throw e;
      } finally {
        stream.off('error', onError);
      }
    },
    async abort() {
      const wasDone = done;
      done = true;
      buf = '';
      if (partial === undefined) {
        stream.off('error', onError); // a caller's stream is otherwise left as it is
        return;
      }
      if (!wasDone) await destroyed();
      await removePartial();
    },
  };

  function destroyed(): Promise<void> {
    const s = stream as NodeJS.WritableStream & { destroy?: () => void; closed?: boolean };
    if (s.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.destroy?.();
    });
  }

  async function removePartial() {
    if (partial === undefined) return;
    await unlink(partial).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
