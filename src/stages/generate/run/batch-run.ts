import type OpenAI from 'openai';
import { TandemError, usage } from '../../../core/errors.js';
import { createCachedCalls } from '../../../llm/call/cached-calls.js';
import type { ModelCall } from '../../../llm/call/model-call.js';
import { ProviderError } from '../../../llm/errors.js';
import {
  type BatchState,
  buildBatchLine,
  createBatch,
  downloadResults,
  FINAL_BATCH_STATUSES,
  findBatchForFile,
  getBatch,
  uploadBatch,
} from '../../../llm/openai-batch.js';
import { createOpenAIClient } from '../../../llm/openai-client.js';
import { costOf, priceFor } from '../../../llm/pricing.js';
import { parseProviderId } from '../../../llm/registry.js';
import type { OpenStore as Store } from '../../../store/store.js';
import { computeRow } from '../row/compute-row.js';
import { prepareRun } from './prepare-run.js';
import { prepareProviders } from './providers-for-run.js';
import { RowWriter } from './row-writer.js';
import type { GenerateOptions, GenerateSummary } from './run-generation.js';
import { rowToRecord } from './to-record.js';

/**
 * `--batch`: the run goes through OpenAI's Batch API in rounds. Each round computes every pending
 * row as far as the cache allows; the calls rows wait on are sent as one batch (split at OpenAI's
 * 50,000-request limit), and their answers land in the cache, so the next round gets further.
 * A text column needs one round, a structured column with a repair up to three, a chat written turn
 * by turn a round per turn. Batch ids are kept in the jobs table, so a restarted run collects the
 * batches it already paid for instead of sending them again.
 */

export interface BatchOptions extends Omit<GenerateOptions, 'onRetry'> {
  /** How often to ask OpenAI about a batch (default 30 s). */
  pollMs?: number;
  maxRounds?: number;
  log?: (line: string) => void;
}

const BATCH_JOB = 'openai-batch';
const MAX_LINES = 50_000;

class Deferred extends Error {}

interface BatchPayload {
  batchId: string;
  fileId: string;
  provider: string;
  lines: number;
}

export async function runBatchGeneration(store: Store, o: BatchOptions): Promise<GenerateSummary> {
  const recipe = o.recipe;
  const started = performance.now();
  const providers = await prepareProviders(recipe, { override: o.provider, batch: true });
  const refs = [...providers.refs.values()];
  const nonOpenAI = refs.filter((r) => r.kind !== 'openai');
  if (nonOpenAI.length > 0)
    throw usage(
      `--batch sends requests to OpenAI's Batch API; ${nonOpenAI.map((r) => r.id).join(', ')} is not openai:`,
    );
  const run = await prepareRun(store, recipe, o);
  const runId = `batch:${run.target.name}:${recipe.recipe.name}:s${run.seed}`;
  const clients = new Map<string, OpenAI>(refs.map((r) => [r.id, createOpenAIClient({ model: r.model })]));
  const log = o.log ?? (() => {});
  const pollMs = o.pollMs ?? 30_000;

  // Answers that came back failed, by cache key: the row that asked records the failure.
  const failedKeys = new Map<string, ProviderError>();
  let deferred = new Map<string, ModelCall>();
  const cache = store.llmCache;
  const calls = createCachedCalls({
    cache,
    providers: providers.byId,
    signal: o.signal ?? new AbortController().signal,
    priceOf: providers.priceOf,
    defer: (key, call) => {
      const failed = failedKeys.get(key);
      // A failed line fails its row, as a direct request that ran out of retries would.
      if (failed) throw new ProviderError(call.provider, 'server', `batch line failed: ${failed.message}`);
      deferred.set(key, call);
      throw new Deferred();
    },
  });
  const writer = new RowWriter(store, run.dataset.id, o.actor, `${recipe.recipe.name}:s${run.seed}`);
  const recordCtx = { recipe, seed: run.seed, fields: run.target.fields, provider: providers.main };
  const counts = writer.counts;
  const batchTokens = { input: 0, output: 0, cost: 0 as number | undefined };

  const collect = async (job: { id: number; payload: BatchPayload }) => {
    const client =
      clients.get(job.payload.provider) ??
      createOpenAIClient({ model: parseProviderId(job.payload.provider).model });
    if (!job.payload.batchId) {
      // Killed between upload and learning the batch id: the batch may exist already; else start it.
      const existing = await findBatchForFile(client, job.payload.fileId, o.signal);
      job.payload = {
        ...job.payload,
        batchId: existing ?? (await createBatch(client, job.payload.fileId, o.signal)),
      };
      await store.jobs.updatePayload(job.id, job.payload);
    }
    const state = await waitFor(client, job.payload.batchId, pollMs, log, o.signal);
    if (state.status !== 'completed') {
      await store.jobs.finish(job.id, {
        status: 'failed',
        error: `batch ${state.status}: ${state.errors.join('; ')}`,
      });
      throw new TandemError(
        'provider',
        `OpenAI batch ${job.payload.batchId} ended ${state.status}${state.errors.length ? `: ${state.errors.slice(0, 3).join('; ')}` : ''}`,
      );
    }
    const ref = parseProviderId(job.payload.provider);
    const price = priceFor('openai', ref.model, { batch: true });
    for (const fileId of [state.outputFileId, state.errorFileId]) {
      if (!fileId) continue;
      for await (const r of downloadResults(client, fileId, o.signal)) {
        if (!r.ok) {
          failedKeys.set(r.customId, r.error);
          continue;
        }
        const cost = price ? costOf(r.completion.usage, price) : 0;
        batchTokens.input += r.completion.usage.inputTokens;
        batchTokens.output += r.completion.usage.outputTokens;
        batchTokens.cost = price && batchTokens.cost !== undefined ? batchTokens.cost + cost : undefined;
        await cache.put([
          {
            key: r.customId,
            provider: job.payload.provider,
            model: r.completion.model,
            response: r.completion,
            inputTokens: r.completion.usage.inputTokens,
            outputTokens: r.completion.usage.outputTokens,
            costUsd: cost,
          },
        ]);
      }
    }
    await store.jobs.finish(job.id, { status: 'done', result: { counts: state.counts } });
  };

  // Batches a killed run sent are collected first: they are paid for.
  for (const job of await store.jobs.ofRun<BatchPayload>(runId, BATCH_JOB)) {
    if (job.status === 'running' || job.status === 'queued') {
      log(`collecting batch ${job.payload.batchId} sent by an earlier run`);
      await collect(job);
    }
  }

  let pending = run.pending;
  for (let round = 1; pending.length > 0; round++) {
    if (round > (o.maxRounds ?? 20))
      throw new TandemError('internal', `rows still pending after ${round - 1} batch rounds`);
    deferred = new Map();
    const waiting: number[] = [];
    for (const i of pending) {
      let row: Awaited<ReturnType<typeof computeRow>>;
      try {
        row = await computeRow(
          { recipe, seed: run.seed, providerFor: providers.providerFor, plan: run.plan, call: calls.call },
          i,
        );
      } catch (e) {
        if (e instanceof Deferred) {
          waiting.push(i);
          continue;
        }
        throw e;
      }
      writer.accept(row, (r) => rowToRecord(recordCtx, r));
      o.onProgress?.({
        done: run.alreadyStored + writer.settled,
        total: run.end - run.start,
        inputTokens: batchTokens.input,
        outputTokens: batchTokens.output,
        costUsd: batchTokens.cost,
      });
    }
    pending = waiting;
    if (deferred.size === 0) break;
    await writer.close();
    const byProvider = new Map<string, [string, ModelCall][]>();
    for (const entry of deferred) {
      const list = byProvider.get(entry[1].provider) ?? [];
      list.push(entry);
      byProvider.set(entry[1].provider, list);
    }
    for (const [provider, calls] of byProvider) {
      const model = parseProviderId(provider).model;
      for (let k = 0; k < calls.length; k += MAX_LINES) {
        const chunk = calls.slice(k, k + MAX_LINES);
        const client = clients.get(provider)!;
        const fileId = await uploadBatch(
          client,
          chunk.map(([key, spec]) => buildBatchLine(key, spec.request, model)),
          o.signal,
        );
        // Recorded before the batch exists, and again once it does: a restart finds it either way.
        const payload: BatchPayload = { batchId: '', fileId, provider, lines: chunk.length };
        await store.jobs.enqueue(BATCH_JOB, runId, [payload]);
        const job = (await store.jobs.ofRun<BatchPayload>(runId, BATCH_JOB)).find(
          (j) => j.payload.fileId === fileId,
        )!;
        payload.batchId = await createBatch(client, fileId, o.signal);
        await store.jobs.updatePayload(job.id, payload);
        job.payload = payload;
        const batchId = payload.batchId;
        log(`round ${round}: batch ${batchId} sent with ${chunk.length} requests for ${pending.length} rows`);
        await collect(job);
      }
    }
  }
  await writer.close();

  const elapsedMs = performance.now() - started;
  return {
    dataset: run.target.name,
    recipe: recipe.recipe.name,
    seed: run.seed,
    count: run.count,
    provider: providers.main,
    rows: { wanted: run.end - run.start, alreadyStored: run.alreadyStored, stored: writer.stored, ...counts },
    failures: writer.failures,
    dropped: writer.dropped,
    validators: [...writer.validators].map(([validator, v]) => ({ validator, ...v })),
    calls: {
      sent: calls.stats.calls - calls.stats.cacheHits,
      cacheHits: calls.stats.cacheHits,
      retries: 0,
      failures: {},
    },
    tokens: { input: batchTokens.input, output: batchTokens.output },
    costUsd: batchTokens.cost,
    elapsedMs,
    rowsPerSecond: counts.generated / Math.max(elapsedMs / 1000, 1e-9),
  };
}

async function waitFor(
  client: OpenAI,
  batchId: string,
  pollMs: number,
  log: (l: string) => void,
  signal: AbortSignal | undefined,
): Promise<BatchState> {
  let last = '';
  for (;;) {
    const state = await getBatch(client, batchId, signal);
    const line = `batch ${batchId}: ${state.status} (${state.counts.completed}/${state.counts.total} done, ${state.counts.failed} failed)`;
    if (line !== last) log(line);
    last = line;
    if (FINAL_BATCH_STATUSES.has(state.status)) return state;
    await new Promise((r) => setTimeout(r, pollMs));
    if (signal?.aborted)
      throw new TandemError('internal', 'interrupted while waiting for the batch; run again to collect it');
  }
}
