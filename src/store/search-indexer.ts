import { ANALYZE_AFTER } from './search-index.js';
import type { Store } from './store.js';

/**
 * Keeps the search index caught up in the background (`tandem serve`, `tandem worker`): every
 * `intervalMs`, indexes pending records a batch at a time until none is left. Batches are small on
 * SQLite, whose single writer the annotators share; each batch is its own transaction, so a killed
 * process loses at most one batch of work and nothing else.
 */
export interface SearchIndexer {
  /** Stops after the batch in flight, if any. */
  stop(): Promise<void>;
  /** Records indexed so far. */
  readonly indexed: number;
}

export interface SearchIndexerOptions {
  intervalMs?: number;
  batch?: number;
  onError?: (e: unknown) => void;
}

export function startSearchIndexer(store: Store, o: SearchIndexerOptions = {}): SearchIndexer {
  const batch = o.batch ?? (store.dialect === 'sqlite' ? 500 : 2_000);
  let indexed = 0;
  let stopped = false;
  let running: Promise<void> | null = null;
  const pass = async () => {
    let thisPass = 0;
    try {
      while (!stopped) {
        const n = await store.searchIndex.indexPending(batch);
        indexed += n;
        thisPass += n;
        if (n < batch) {
          if (thisPass >= ANALYZE_AFTER) await store.searchIndex.analyze();
          return;
        }
        // Let requests waiting on the store go first.
        await new Promise((r) => setImmediate(r));
      }
    } catch (e) {
      o.onError?.(e);
    }
  };
  const tick = () => {
    if (!running && !stopped) running = pass().finally(() => (running = null));
  };
  const timer = setInterval(tick, o.intervalMs ?? 1_000);
  timer.unref();
  tick();
  return {
    get indexed() {
      return indexed;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
