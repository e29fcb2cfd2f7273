/**
 * The embedded provider: `llamacpp:PATH.gguf` (or `llamacpp:NAME`, a file in TANDEM_MODELS_DIR)
 * runs a GGUF model in this process through node-llama-cpp — no server, no key. One context with
 * one sequence per concurrent request; each request takes a free sequence, clears it, and answers
 * through a fresh chat session, so no row sees another's tokens and the token meter counts exactly
 * this request (real tokenizer counts, prompt and answer). Structured requests are constrained by
 * a grammar made from their JSON Schema; the runner still validates the answer.
 *
 * Why a loop of prompts "hung" in a first try: not a lock — llama.cpp's worker threads spin-wait
 * on each other at every step, and with as many threads as cores on a loaded 2-core machine each
 * step waits for a descheduled thread (measured on the tiny model: ~0.5 s a prompt with 1 thread,
 * 7–13 s with 2, 51 s with the default). Threads default to half the cores here (TANDEM_LLAMA_THREADS
 * overrides). And a model that never emits its end token under a grammar (random weights writing
 * `"""…`) generates until the context is full and then shifts it, forever: every request gets a
 * `maxTokens`, and one cut there says so (finish reason `length`).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ProviderError } from './errors.js';
import {
  type ChatHistoryItem,
  type Llama,
  type LlamaContext,
  type LlamaModule,
  type LlamaSequence,
  loadEngine,
} from './llamacpp-engine.js';
import type { Completion, CompletionRequest, FinishReason, Provider, ResponseFormat } from './types.js';

export interface LlamaCppOptions {
  /** A path to a .gguf file, or a name in TANDEM_MODELS_DIR. */
  model: string;
  /** Requests answered at once (one context sequence each). Default 1. */
  sequences?: number;
  /** Tokens of context per sequence. Default 2048 (or the model's own, if smaller). */
  contextSize?: number;
  threads?: number;
}

/** Output tokens when a request sets no max_tokens: a model that does not stop must still end. */
export const DEFAULT_MAX_TOKENS = 512;

export function modelPathOf(model: string): string {
  if (model.includes('/') || model.endsWith('.gguf')) return resolve(model);
  const dir = process.env.TANDEM_MODELS_DIR || join(homedir(), '.cache', 'tandem', 'models');
  return join(dir, `${model}.gguf`);
}

export function defaultThreads(): number {
  const n = Number(process.env.TANDEM_LLAMA_THREADS);
  return Number.isInteger(n) && n > 0 ? n : Math.max(1, Math.floor(availableParallelism() / 2));
}

interface Engine {
  module: LlamaModule;
  llama: Llama;
  context: LlamaContext;
  free: LlamaSequence[];
  waiting: ((s: LlamaSequence) => void)[];
  grammars: Map<string, Promise<unknown>>;
}

const engines = new Map<string, Promise<Engine>>();

async function openEngine(label: string, path: string, o: Required<Omit<LlamaCppOptions, 'model'>>) {
  const module = await loadEngine(label);
  const llama = await module.getLlama({ gpu: false, build: 'never', logLevel: 'error' });
  const model = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({
    contextSize: o.contextSize,
    sequences: o.sequences,
    threads: o.threads,
  });
  const free = Array.from({ length: o.sequences }, () => context.getSequence());
  return { module, llama, context, free, waiting: [], grammars: new Map() } satisfies Engine;
}

/** Frees every loaded model (tests, benchmarks; a CLI run just exits). */
export async function closeLlamaEngines(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  for (const p of all) {
    const e = await p.catch(() => undefined);
    if (e) await e.llama.dispose();
  }
}

function acquire(engine: Engine, signal: AbortSignal): Promise<LlamaSequence> {
  const s = engine.free.pop();
  if (s) return Promise.resolve(s);
  return new Promise((res, rej) => {
    const take = (seq: LlamaSequence) => {
      signal.removeEventListener('abort', onAbort);
      res(seq);
    };
    const onAbort = () => {
      engine.waiting.splice(engine.waiting.indexOf(take), 1);
      rej(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    engine.waiting.push(take);
  });
}

function release(engine: Engine, seq: LlamaSequence): void {
  const next = engine.waiting.shift();
  if (next) next(seq);
  else engine.free.push(seq);
}

/** The conversation before the last user message, and that message (the prompt). */
export function toChat(messages: CompletionRequest['messages']): {
  history: ChatHistoryItem[];
  prompt: string;
} {
  const last = messages.at(-1);
  const prompt = last?.role === 'user' ? last.content : '';
  const before = last?.role === 'user' ? messages.slice(0, -1) : messages;
  const history = before.map((m): ChatHistoryItem => {
    if (m.role === 'assistant') return { type: 'model', response: [m.content] };
    return { type: m.role, text: m.content };
  });
  return { history, prompt };
}

const FINISH: Record<string, FinishReason> = {
  maxTokens: 'length',
  eogToken: 'stop',
  stopGenerationTrigger: 'stop',
  customStopTrigger: 'stop',
};

export function createLlamaCppProvider(options: LlamaCppOptions): Provider {
  const label = `llamacpp:${options.model}`;
  const path = modelPathOf(options.model);
  const settings = {
    sequences: Math.max(1, Math.min(64, options.sequences ?? 1)),
    contextSize: options.contextSize ?? 2048,
    threads: options.threads ?? defaultThreads(),
  };
  const key = JSON.stringify([path, settings]);

  const engine = (): Promise<Engine> => {
    let e = engines.get(key);
    if (!e) {
      if (!existsSync(path))
        return Promise.reject(
          new ProviderError(
            label,
            'bad_request',
            `no model file at ${path} (give a .gguf path or a name in TANDEM_MODELS_DIR)`,
          ),
        );
      e = openEngine(label, path, settings);
      e.catch(() => engines.delete(key));
      engines.set(key, e);
    }
    return e;
  };

  async function grammarFor(e: Engine, format: ResponseFormat | undefined): Promise<unknown> {
    if (!format || format.type === 'text') return undefined;
    const k = format.type === 'json_schema' ? JSON.stringify(format.schema) : 'json';
    let g = e.grammars.get(k);
    if (!g) {
      g =
        format.type === 'json_schema'
          ? e.llama.createGrammarForJsonSchema(format.schema)
          : e.llama.getGrammarFor('json');
      // A schema the grammar builder cannot read is answered without one: the runner validates anyway.
      g = g.catch(() => (format.type === 'json_schema' ? e.llama.getGrammarFor('json') : undefined));
      e.grammars.set(k, g);
    }
    return g;
  }

  return {
    id: label,
    kind: 'llamacpp',
    model: options.model,

    async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
      const e = await engine();
      const seq = await acquire(e, signal).catch((reason: unknown) => {
        throw new ProviderError(label, 'aborted', 'the request was cancelled', { cause: reason });
      });
      try {
        await seq.clearHistory();
        const grammar = await grammarFor(e, request.responseFormat);
        const before = seq.tokenMeter.getState();
        const session = new e.module.LlamaChatSession({ contextSequence: seq, autoDisposeSequence: false });
        try {
          const { history, prompt } = toChat(request.messages);
          session.setChatHistory(history);
          const p = request.params;
          const r = await session.promptWithMeta(prompt, {
            maxTokens: p.maxTokens ?? DEFAULT_MAX_TOKENS,
            ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
            ...(p.topP !== undefined ? { topP: p.topP } : {}),
            ...(p.seed !== undefined ? { seed: p.seed } : {}),
            ...(p.stop?.length ? { customStopTriggers: p.stop } : {}),
            ...(grammar ? { grammar } : {}),
            signal,
          });
          if (signal.aborted || r.stopReason === 'abort')
            throw new ProviderError(label, 'aborted', 'the request was cancelled');
          const used = seq.tokenMeter.diff(before);
          return {
            text: r.responseText,
            usage: { inputTokens: used.usedInputTokens, outputTokens: used.usedOutputTokens },
            finishReason: FINISH[r.stopReason] ?? 'other',
            model: basename(path),
          };
        } finally {
          session.dispose({ disposeSequence: false });
        }
      } catch (err) {
        if (err instanceof ProviderError) throw err;
        if (signal.aborted)
          throw new ProviderError(label, 'aborted', 'the request was cancelled', { cause: err });
        // The engine's own errors (a prompt longer than the context, say) will not pass on a retry.
        throw new ProviderError(label, 'bad_request', (err as Error).message ?? String(err), { cause: err });
      } finally {
        release(e, seq);
      }
    },
  };
}
