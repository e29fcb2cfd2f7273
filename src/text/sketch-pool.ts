import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TandemError } from '../core/errors.js';
import { createSketcher, type SketchBatch, type SketchParams } from './sketch.js';

export type SketchRequest = { id: number; texts: string[] };
export type SketchReply = { id: number; batch: SketchBatch } | { id: number; error: string };

const workerFile = fileURLToPath(new URL('./sketch-worker.js', import.meta.url));

/** Sketches batches of texts, on worker threads or on this one. */
export interface SketchRunner {
  /** Worker threads in use (0: this thread). */
  readonly threads: number;
  sketch(texts: string[]): Promise<SketchBatch>;
  close(): Promise<void>;
}

/**
 * Worker threads when the compiled worker exists (always, from the built CLI) and more than zero are
 * asked for (default: one per core, or $TANDEM_DEDUP_THREADS); this thread otherwise (tests running the
 * TypeScript sources, or threads: 0).
 */
export function sketchRunner(params: SketchParams, threads?: number): SketchRunner {
  const n = threads ?? Number(process.env.TANDEM_DEDUP_THREADS ?? availableParallelism());
  if (!(n > 0) || !existsSync(workerFile)) {
    const sketcher = createSketcher(params);
    return { threads: 0, sketch: async (texts) => sketcher(texts), close: async () => {} };
  }
  return new WorkerPool(params, Math.floor(n));
}

interface Pending {
  resolve: (b: SketchBatch) => void;
  reject: (e: Error) => void;
}

class WorkerPool implements SketchRunner {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(
    params: SketchParams,
    readonly threads: number,
  ) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerFile, { workerData: params });
      const pending = new Map<number, Pending>();
      const fail = (e: Error) => {
        this.failure ??= new TandemError('internal', `dedup worker failed: ${e.message}`, { cause: e });
        for (const p of pending.values()) p.reject(this.failure);
        pending.clear();
      };
      worker.on('message', (m: SketchReply) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if ('error' in m) p.reject(new TandemError('internal', `dedup worker failed: ${m.error}`));
        else p.resolve(m.batch);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (pending.size > 0) fail(new Error(`exited with code ${code}`));
      });
      this.workers.push({ worker, pending });
    }
  }

  sketch(texts: string[]): Promise<SketchBatch> {
    if (this.failure) return Promise.reject(this.failure);
    // The least busy worker: batches are of equal size, so this keeps both cores fed.
    let w = this.workers[0]!;
    for (const c of this.workers) if (c.pending.size < w.pending.size) w = c;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      w.pending.set(id, { resolve, reject });
      w.worker.postMessage({ id, texts } satisfies SketchRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
