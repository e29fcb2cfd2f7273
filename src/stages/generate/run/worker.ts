import { hostname } from 'node:os';
import { ProviderError } from '../../../llm/errors.js';
import type { OpenStore as Store } from '../../../store/store.js';
import { loadRecipe } from '../recipe/load.js';
import { GENERATE_JOB, type GenerateJobPayload } from './queue.js';
import { type GenerateSummary, runGeneration } from './run-generation.js';

/**
 * `tandem worker`: claims queued jobs until none is left (or forever with `follow`), renewing its
 * lease while a job runs. A job that throws goes back to the queue (up to 5 attempts) with its error
 * recorded; a provider refusing the run (bad key) fails the job at once. A job stopped because the
 * model server stayed unreachable (the circuit breaker gave up) is not the job's fault: it goes back
 * to the queue without using an attempt, and this worker stops (with `follow`, waits `outageBackoffMs`
 * before claiming again) rather than claim it straight back against the same dead server.
 */

export interface WorkerOptions {
  id?: string;
  leaseMs?: number;
  /** Keep polling for new jobs instead of stopping when the queue is empty. */
  follow?: boolean;
  pollMs?: number;
  concurrency?: number | undefined;
  signal?: AbortSignal;
  /** Claim only this run's jobs (`tandem worker --run ID`). */
  runId?: string;
  log?: (line: string) => void;
  /** With `follow`, how long to wait after an outage before claiming again (default 60 s). */
  outageBackoffMs?: number;
  /**
   * Other stages' jobs this worker also takes (a later stage's code, passed in by the CLI: a stage
   * never imports a later one). The handler's value is stored as the job's result.
   */
  handlers?: Record<string, JobHandler>;
}

export type JobHandler = (job: {
  id: number;
  payload: unknown;
}) => Promise<{ result: unknown; line: string }>;

export interface WorkerReport {
  worker: string;
  jobs: number;
  rowsStored: number;
  failedJobs: number;
  /** Jobs returned to the queue because the model server was unreachable. */
  requeuedJobs: number;
  /** Set when the worker stopped early because the model server was unreachable. */
  stoppedBy?: string;
}

/** The run stopped because the circuit breaker gave up on an unreachable server. */
function isOutage(e: unknown): boolean {
  const cause = (e as { cause?: unknown })?.cause ?? e;
  return cause instanceof ProviderError && cause.failure === 'unreachable';
}

export async function runWorker(store: Store, o: WorkerOptions = {}): Promise<WorkerReport> {
  const worker = o.id ?? `${hostname()}:${process.pid}`;
  const leaseMs = o.leaseMs ?? 60_000;
  const report: WorkerReport = { worker, jobs: 0, rowsStored: 0, failedJobs: 0, requeuedJobs: 0 };
  while (!o.signal?.aborted) {
    const kinds = [GENERATE_JOB, ...Object.keys(o.handlers ?? {})];
    const job = await store.jobs.claim<GenerateJobPayload>(kinds, worker, leaseMs, 5, o.runId);
    if (!job) {
      if (!o.follow) break;
      await new Promise((r) => setTimeout(r, o.pollMs ?? 1000));
      continue;
    }
    const p = job.payload;
    const renew = setInterval(() => {
      store.jobs.renewLease(job.id, worker, leaseMs).catch(() => {});
    }, leaseMs / 3);
    const handler = o.handlers?.[job.kind];
    try {
      if (handler) {
        const { result, line } = await handler(job);
        await store.jobs.finish(job.id, { status: 'done', result });
        report.jobs++;
        o.log?.(`job ${job.id}: ${line}`);
        continue;
      }
      const recipe = loadRecipe(p.recipeText, p.recipeFile);
      const summary: GenerateSummary = await runGeneration(store, {
        recipe,
        count: p.count,
        seed: p.seed,
        dataset: p.dataset,
        provider: p.provider,
        concurrency: o.concurrency ?? p.concurrency,
        rows: { start: p.start, end: p.end },
        actor: `worker:${worker}`,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      await store.jobs.finish(job.id, { status: 'done', result: summary });
      report.jobs++;
      report.rowsStored += summary.rows.stored;
      o.log?.(
        `job ${job.id}: rows ${p.start}–${p.end - 1}, ${summary.rows.stored} stored, ${summary.rows.failed} failed`,
      );
    } catch (e) {
      const message = (e as Error).message;
      if (isOutage(e)) {
        await store.jobs.release(job.id, message);
        report.requeuedJobs++;
        o.log?.(`job ${job.id} returned to the queue (its attempt not counted): ${message}`);
        if (!o.follow) {
          report.stoppedBy = message;
          break;
        }
        await sleep(o.outageBackoffMs ?? 60_000, o.signal);
        continue;
      }
      const fatal =
        (e as { code?: string }).code === 'provider' || (e as { code?: string }).code === 'bad_input';
      await store.jobs.finish(job.id, { status: fatal ? 'failed' : 'queued', error: message });
      report.failedJobs++;
      o.log?.(`job ${job.id} ${fatal ? 'failed' : 'will be retried'}: ${message}`);
    } finally {
      clearInterval(renew);
    }
  }
  return report;
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
