/**
 * Worker thread of near-duplicate detection: sketches batches of texts (normalise, exact key, shingles,
 * MinHash, band hashes) and transfers the typed arrays back without copying.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { batchBuffers, createSketcher, type SketchParams } from './sketch.js';
import type { SketchReply, SketchRequest } from './sketch-pool.js';

const port = parentPort!;
const sketch = createSketcher(workerData as SketchParams);

port.on('message', ({ id, texts }: SketchRequest) => {
  try {
    const batch = sketch(texts);
    port.postMessage({ id, batch } satisfies SketchReply, batchBuffers(batch));
  } catch (e) {
    port.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies SketchReply);
  }
});
