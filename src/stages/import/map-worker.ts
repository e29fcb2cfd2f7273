/**
 * Worker thread of an import: reads the file, maps and encodes rows, and posts batches to the main
 * thread, which only writes them. Parsing and writing then run on both cores at once.
 * Flow control: the worker runs at most CREDITS batches ahead of the writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isTandemError } from '../../core/errors.js';
import { readRows } from '../../io/rows.js';
import { type MapPlan, mapBatch, mapperFor } from './map-batch.js';
import type { WorkerMessage } from './mapped-source.js';

const port = parentPort!;
const plan = workerData as MapPlan;
let credits = Number(process.env.TANDEM_IMPORT_CREDITS ?? 4);
let wake: (() => void) | undefined;
port.on('message', (m: 'credit') => {
  if (m === 'credit') {
    credits++;
    wake?.();
  }
});
const post = (m: WorkerMessage) => port.postMessage(m);

async function main(): Promise<void> {
  const mapper = mapperFor(plan);
  let taken = 0;
  for await (const items of readRows(plan.file, plan.format, { batchSize: plan.batchSize })) {
    const batch = mapBatch(mapper, items, plan.limit - taken);
    taken += batch.rows;
    while (credits <= 0) await new Promise<void>((ok) => (wake = ok));
    credits--;
    post({ type: 'batch', batch });
    if (taken >= plan.limit) break;
  }
  post({ type: 'done' });
}

main().catch((e: unknown) => {
  post({
    type: 'fail',
    error: isTandemError(e)
      ? { code: e.code, message: e.reason, location: e.location }
      : { code: 'internal', message: e instanceof Error ? e.message : String(e) },
  });
});
