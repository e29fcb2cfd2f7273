/**
 * Wraps any Provider with everything a run needs around single calls: a concurrency limit that
 * backs off on 429s, client-side rate limits, a per-attempt timeout, retries for transient
 * failures, and accounting of tokens and cost. Providers themselves stay wire-protocol only.
 */
import { setMaxListeners } from 'node:events';
import { isProviderError, ProviderError, type ProviderFailure } from '../errors.js';
import { costOf, estimateTokens, type ModelPrice, type PriceLookupOptions, priceFor } from '../pricing.js';
import type { Completion, CompletionRequest, Provider } from '../types.js';
import { AdaptiveConcurrency } from './adaptive-concurrency.js';
import { CallDeadlines } from './call-deadlines.js';
import { CircuitBreaker, type CircuitEvent, type CircuitOptions, type Passage } from './circuit-breaker.js';
import { type Clock, RateLimiter, type RateLimits, systemClock } from './rate-limiter.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './retry-policy.js';

export interface RetryEvent {
  providerId: string;
  /** 1-based number of the attempt that failed. */
  attempt: number;
  error: ProviderError;
  delayMs: number;
}

export interface ScheduleOptions {
  rateLimits?: RateLimits;
  /** Requests in flight at most; the adaptive limit never exceeds it. Default 8. */
  maxConcurrency?: number;
  /** Where the adaptive limit starts; defaults to `maxConcurrency`. */
  initialConcurrency?: number;
  /** See AdaptiveConcurrencyOptions.cooldownMs. */
  concurrencyCooldownMs?: number;
  /** Per attempt, waiting for limits excluded; up to a hundredth more (see call-deadlines.ts). Default 60 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** An explicit price; otherwise looked up from the provider's kind and model. */
  price?: ModelPrice;
  pricing?: PriceLookupOptions;
  /** Called before each retry's wait, for progress and logging. */
  onRetry?: (event: RetryEvent) => void;
  /** Connection failures across requests that stop the run (see circuit-breaker.ts); false: none. */
  circuit?: CircuitOptions | false;
  onCircuit?: (event: CircuitEvent) => void;
  clock?: Clock;
  random?: () => number;
}

export interface SchedulerStats {
  /** Calls to `complete`. */
  requests: number;
  /** Calls to the wrapped provider, retries included. */
  attempts: number;
  retries: number;
  succeeded: number;
  /** Requests that ended in an error after any retries. */
  failed: number;
  /** Every failed attempt, by kind: retried ones as well as final ones. */
  failures: Partial<Record<ProviderFailure, number>>;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the model has no known price: show "unknown cost", not a guess. */
  costUsd: number | undefined;
  concurrencyLimit: number;
  inFlight: number;
}

/** A Provider whose `complete` is scheduled. `embed` is not passed through: call the inner provider. */
export interface ScheduledProvider extends Provider {
  stats(): SchedulerStats;
}

export const defaultTimeoutMs = 60_000;
/** Signals whose listener limit is lifted already. */
const unlimited = new WeakSet<AbortSignal>();
export const defaultMaxConcurrency = 8;
/** Output budget assumed for rate limiting when the request does not set maxTokens. */
const defaultOutputEstimate = 256;

/** What the request may count against a tokens-per-minute limit: prompt plus output budget. */
export function estimateRequestTokens(request: CompletionRequest): number {
  const prompt = estimateTokens(request.messages.map((message) => message.content).join(''));
  return prompt + (request.params.maxTokens ?? defaultOutputEstimate);
}

export function scheduleProvider(provider: Provider, options: ScheduleOptions = {}): ScheduledProvider {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const deadlines = new CallDeadlines(clock, timeoutMs);
  const limiter = new RateLimiter(options.rateLimits ?? {}, clock);
  const concurrency = new AdaptiveConcurrency({
    max: options.maxConcurrency ?? defaultMaxConcurrency,
    ...(options.initialConcurrency === undefined ? {} : { initial: options.initialConcurrency }),
    ...(options.concurrencyCooldownMs === undefined ? {} : { cooldownMs: options.concurrencyCooldownMs }),
    now: () => clock.now(),
  });
  const price = options.price ?? priceFor(provider.kind, provider.model, options.pricing);
  const circuit =
    options.circuit === false
      ? undefined
      : new CircuitBreaker(provider.id, clock, options.circuit ?? {}, options.onCircuit);
  const totals: Omit<SchedulerStats, 'concurrencyLimit' | 'inFlight'> = {
    requests: 0,
    attempts: 0,
    retries: 0,
    succeeded: 0,
    failed: 0,
    failures: {},
    inputTokens: 0,
    outputTokens: 0,
    costUsd: price === undefined ? undefined : 0,
  };

  const aborted = (cause: unknown): ProviderError =>
    new ProviderError(provider.id, 'aborted', 'request cancelled', { cause });

  /**
   * One call under the timeout. The call settles at the first of the answer, the timeout and the
   * caller's abort, so a provider that ignores its signal still stops. The provider's signal and the
   * timer are shared with the calls that time out together (see call-deadlines.ts): per call that
   * is one entry in a Set, not a controller, a timer and listeners of its own.
   */
  function callOnce(request: CompletionRequest, caller: AbortSignal): Promise<Completion> {
    if (caller.aborted) return Promise.reject(aborted(caller.reason));
    return new Promise<Completion>((resolve, reject) => {
      let done = false;
      const call = deadlines.join(caller, (stop) => {
        if (done) return;
        done = true;
        reject(
          stop.kind === 'aborted'
            ? aborted(stop.reason)
            : new ProviderError(provider.id, 'timeout', `no answer within ${timeoutMs} ms`, {
                cause: stop.reason,
              }),
        );
      });
      let answer: Promise<Completion>;
      try {
        answer = provider.complete(request, call.signal);
      } catch (e) {
        answer = Promise.reject(e);
      }
      answer.then(
        (completion) => {
          if (done) return;
          done = true;
          call.leave();
          resolve(completion);
        },
        (e: unknown) => {
          if (done) return;
          done = true;
          call.leave();
          reject(caller.aborted ? aborted(e) : e);
        },
      );
    });
  }

  /** Holds a concurrency slot, then the rate limit, for exactly one attempt. */
  async function attempt(
    request: CompletionRequest,
    estimate: number,
    caller: AbortSignal,
  ): Promise<Completion> {
    await concurrency.acquire(caller);
    try {
      // Rate limit after the slot: tokens are charged right before sending, not while queued.
      await limiter.acquire(estimate, caller);
      totals.attempts += 1;
      const completion = await callOnce(request, caller);
      limiter.settle(estimate, completion.usage.inputTokens + completion.usage.outputTokens);
      concurrency.recordSuccess();
      return completion;
    } finally {
      concurrency.release();
    }
  }

  function fail(error: unknown): never {
    totals.failed += 1;
    throw error;
  }

  async function complete(request: CompletionRequest, runSignal: AbortSignal): Promise<Completion> {
    totals.requests += 1;
    if (runSignal.aborted) fail(aborted(runSignal.reason));
    // Waits listen on the run's signal directly and stop listening when they end; only the call
    // itself gets a signal of its own (see callOnce). A run's requests all wait on its one signal by
    // design, so the listener-count warning meant for leaks would only be noise.
    if (!unlimited.has(runSignal)) {
      setMaxListeners(0, runSignal);
      unlimited.add(runSignal);
    }
    return completeOn(request, runSignal);
  }

  async function completeOn(request: CompletionRequest, caller: AbortSignal): Promise<Completion> {
    const estimate = estimateRequestTokens(request);
    for (let index = 0; ; index += 1) {
      let error: unknown;
      let passage: Passage = 'normal';
      try {
        // A closed circuit lets a request through at once: no wait to await (the usual case).
        if (circuit && !circuit.closed) passage = await circuit.pass(caller);
      } catch (e) {
        if (isProviderError(e)) totals.failures[e.failure] = (totals.failures[e.failure] ?? 0) + 1;
        fail(caller.aborted ? aborted(e) : e);
      }
      try {
        const completion = await attempt(request, estimate, caller);
        circuit?.reached();
        totals.succeeded += 1;
        totals.inputTokens += completion.usage.inputTokens;
        totals.outputTokens += completion.usage.outputTokens;
        if (price !== undefined) totals.costUsd = (totals.costUsd ?? 0) + costOf(completion.usage, price);
        return completion;
      } catch (e) {
        error = caller.aborted && !(isProviderError(e) && e.failure === 'aborted') ? aborted(e) : e;
      }
      // Not a ProviderError means a bug in the provider, not a service failure: do not retry it.
      if (!isProviderError(error)) {
        circuit?.released(passage);
        fail(error);
      }
      if (circuit) noteForCircuit(circuit, error, passage);
      totals.failures[error.failure] = (totals.failures[error.failure] ?? 0) + 1;
      if (error.failure === 'rate_limited') concurrency.recordRateLimit();
      const delayMs = retryDelay(index, error, policy, random);
      if (delayMs === undefined) fail(error);
      totals.retries += 1;
      options.onRetry?.({ providerId: provider.id, attempt: index + 1, error, delayMs });
      try {
        await clock.sleep(delayMs, caller);
      } catch (e) {
        totals.failures.aborted = (totals.failures.aborted ?? 0) + 1;
        fail(aborted(e));
      }
    }
  }

  return {
    id: provider.id,
    kind: provider.kind,
    model: provider.model,
    complete,
    stats: () => ({
      ...totals,
      failures: { ...totals.failures },
      concurrencyLimit: concurrency.limit,
      inFlight: concurrency.inFlight,
    }),
  };
}

/** An answer of any kind proves the server is there; only a connection failure counts against it. */
function noteForCircuit(circuit: CircuitBreaker, error: ProviderError, passage: Passage): void {
  if (error.failure === 'network') circuit.unreachable(error, passage);
  else if (error.status !== undefined) circuit.reached();
  else circuit.released(passage);
}
