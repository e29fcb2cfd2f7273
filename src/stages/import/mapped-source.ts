import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, type SourceLocation, TandemError } from '../../core/errors.js';
import { readRows } from '../../io/rows.js';
import { type MapPlan, type MappedBatch, mapBatch, mapperFor } from './map-batch.js';

export type WorkerMessage =
  | { type: 'batch'; batch: MappedBatch }
  | { type: 'done' }
  | { type: 'fail'; error: { code: ErrorCode; message: string; location?: SourceLocation | undefined } };

const workerFile = fileURLToPath(new URL('./map-worker.js', import.meta.url));

/**
 * Mapped batches of a file. On a worker thread when the compiled worker exists (always, from the
 * built CLI); on this thread otherwise (tests running the TypeScript sources) or when asked.
 */
export function mappedBatches(plan: MapPlan, options: { thread?: boolean } = {}): AsyncIterable<MappedBatch> {
  const thread = options.thread ?? (process.env.TANDEM_IMPORT_THREAD !== '0' && existsSync(workerFile));
  return thread ? fromWorker(plan) : inline(plan);
}

async function* inline(plan: MapPlan): AsyncGenerator<MappedBatch> {
  const mapper = mapperFor(plan);
  let taken = 0;
  for await (const items of readRows(plan.file, plan.format, { batchSize: plan.batchSize })) {
    const batch = mapBatch(mapper, items, plan.limit - taken);
    taken += batch.rows;
    yield batch;
    if (taken >= plan.limit) return;
  }
}

async function* fromWorker(plan: MapPlan): AsyncGenerator<MappedBatch> {
  const worker = new Worker(workerFile, { workerData: plan });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let crashed: Error | undefined;
  const push = (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (e) => {
    crashed = e;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !crashed) crashed = new Error(`import worker exited with code ${code}`);
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (crashed)
          throw new TandemError('internal', `import worker failed: ${crashed.message}`, { cause: crashed });
        await new Promise<void>((ok) => (wake = ok));
      }
      const m = queue.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'fail') {
        throw new TandemError(
          m.error.code,
          m.error.message,
          m.error.location ? { location: m.error.location } : {},
        );
      }
      yield m.batch;
      worker.postMessage('credit');
    }
  } finally {
    // Also runs when the consumer stops early (an error while writing): never leave the thread running.
    await worker.terminate();
  }
}
