/** Scripted in-memory providers for the scheduler tests. */
import { ProviderError, type ProviderFailure } from '../../src/llm/errors.js';
import type { Completion, CompletionRequest, Provider } from '../../src/llm/types.js';

export const ok = (text = 'hello'): Completion => ({
  text,
  usage: { inputTokens: 1000, outputTokens: 500 },
  finishReason: 'stop',
  model: 'gpt-4o-mini-2024-07-18',
});

export type Step = (signal: AbortSignal) => Promise<Completion>;

/** A provider that plays `steps` in order (the last one repeats) and counts concurrent calls. */
export class FakeProvider implements Provider {
  readonly id: string;
  readonly kind = 'openai' as const;
  calls = 0;
  active = 0;
  maxActive = 0;
  readonly signals: AbortSignal[] = [];

  constructor(
    private readonly steps: Step[],
    readonly model = 'gpt-4o-mini',
  ) {
    this.id = `openai:${model}`;
  }

  async complete(_request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
    const step = this.steps[Math.min(this.calls, this.steps.length - 1)];
    this.calls += 1;
    this.signals.push(signal);
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (step === undefined) throw new Error('no steps');
      return await step(signal);
    } finally {
      this.active -= 1;
    }
  }
}

export const succeed: Step = async () => ok();
export const failWith =
  (failure: ProviderFailure, retryAfterMs?: number): Step =>
  async () => {
    throw new ProviderError('openai:gpt-4o-mini', failure, `failed: ${failure}`, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  };
/** Never answers on its own; rejects when its signal aborts, as a well-behaved provider does. */
export const hang: Step = (signal) =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
/** Never answers and ignores its signal. */
export const deaf: Step = () => new Promise(() => {});

/** Resolves `complete` and records its outcome without letting a rejection go unhandled. */
export function outcome(promise: Promise<Completion>): {
  value?: Completion;
  error?: unknown;
  done: boolean;
} {
  const state: { value?: Completion; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}
