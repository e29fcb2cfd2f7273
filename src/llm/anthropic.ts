/**
 * The Anthropic provider: the Messages API through the official `@anthropic-ai/sdk` client. The
 * client never retries (`maxRetries: 0`); the scheduler does, from the ProviderError failures here.
 */

import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { ProviderError, type ProviderFailure } from './errors.js';
import { failureMessage, retryAfterMs, rootCause } from './http-errors.js';
import type { Completion, CompletionRequest, FinishReason, Provider, ResponseFormat } from './types.js';

export interface AnthropicProviderOptions {
  model: string;
  /** Defaults to ANTHROPIC_API_KEY; a custom base URL without one gets a placeholder. */
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL, then api.anthropic.com. Without `/v1`: the client adds it. */
  baseURL?: string;
  /** Per request; default five minutes. */
  timeoutMs?: number;
}

/** The Messages API requires a limit; this one fits a long paragraph or a small JSON record. */
export const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_TIMEOUT_MS = 300_000;

interface Settings {
  label: string;
  baseURL: string | undefined;
  timeoutMs: number;
}

const env = (name: string): string | undefined => process.env[name] || undefined;

export function createAnthropicClient(options: AnthropicProviderOptions): Anthropic {
  const baseURL = options.baseURL || env('ANTHROPIC_BASE_URL');
  // Without a key the client falls back to its own credential chain (auth token, profiles).
  const apiKey = options.apiKey || env('ANTHROPIC_API_KEY') || (baseURL ? 'no-key-needed' : undefined);
  return new Anthropic({
    ...(apiKey ? { apiKey } : {}),
    baseURL,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: 0,
  });
}

/**
 * The Messages API has no JSON mode like OpenAI's `json_object`, and its structured outputs
 * (`output_config.format`) exist only on recent models and accept a subset of JSON Schema, so a
 * recipe's schema could be refused outright. An instruction works on every model; the runner
 * validates the answer against the schema either way.
 */
export function jsonInstruction(format: ResponseFormat | undefined): string | undefined {
  if (!format || format.type === 'text') return undefined;
  const base =
    'Answer with a single JSON object and nothing else: no prose before or after it, no Markdown fences.';
  if (format.type === 'json_object') return base;
  return `${base} The object must match this JSON Schema:\n${JSON.stringify(format.schema, null, 2)}`;
}

/**
 * The request body. `system` messages go to the top-level `system` field. `temperature` and
 * `top_p` are not sent: this SDK line dropped them from the Messages API (deprecated for current
 * models), so sending them risks a 400. `seed` has no Anthropic equivalent.
 */
export function messageParams(request: CompletionRequest, model: string): MessageCreateParamsNonStreaming {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const instruction = jsonInstruction(request.responseFormat);
  if (instruction) system.push(instruction);
  const body: MessageCreateParamsNonStreaming = {
    model,
    max_tokens: request.params.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: request.messages.flatMap((m) =>
      m.role === 'system' ? [] : [{ role: m.role, content: m.content }],
    ),
  };
  if (system.length > 0) body.system = system.join('\n\n');
  const stop = request.params.stop?.filter((s) => s !== '');
  if (stop && stop.length > 0) body.stop_sequences = stop;
  return body;
}

const STOP: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'content_filter',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Models asked for bare JSON still wrap it in a code fence now and then; unwrap a whole-answer fence. */
function unfence(text: string): string {
  const m = /^\s*```(?:json)?[ \t]*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return m ? m[1]! : text;
}

/** A message body as a Completion, or undefined when it is not one. */
export function parseMessage(
  body: unknown,
  fallbackModel: string,
  wantsJson: boolean,
): Completion | undefined {
  if (!isRecord(body) || !Array.isArray(body.content)) return undefined;
  const blocks: unknown[] = body.content;
  // Text blocks only: thinking and tool blocks are not the answer.
  const text = blocks
    .map((b) => (isRecord(b) && b.type === 'text' && typeof b.text === 'string' ? b.text : ''))
    .join('');
  const usage = isRecord(body.usage) ? body.usage : {};
  return {
    text: wantsJson ? unfence(text) : text,
    usage: {
      // Cached prompt tokens are reported apart from `input_tokens`; the model read them all the same.
      inputTokens:
        count(usage.input_tokens) +
        count(usage.cache_creation_input_tokens) +
        count(usage.cache_read_input_tokens),
      outputTokens: count(usage.output_tokens),
    },
    finishReason: STOP[String(body.stop_reason)] ?? 'other',
    model: typeof body.model === 'string' && body.model !== '' ? body.model : fallbackModel,
  };
}

/** The failure an HTTP status and Anthropic's error `type` mean. */
export function anthropicFailure(status: number, type: string | null, message: string): ProviderFailure {
  if (status === 529 || status === 503 || type === 'overloaded_error') return 'overloaded';
  // Out of credit came as a 400 with this wording before `billing_error` existed.
  if (status === 402 || type === 'billing_error' || /credit balance is too low/i.test(message))
    return 'quota';
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 504 || type === 'timeout_error') return 'timeout';
  if (status >= 500 || status === 409) return 'server';
  return 'bad_request';
}

export function toAnthropicError(error: unknown, settings: Settings, signal?: AbortSignal): ProviderError {
  const { label } = settings;
  if (error instanceof ProviderError) return error;
  if (error instanceof APIUserAbortError || signal?.aborted) {
    return new ProviderError(label, 'aborted', 'the request was cancelled', { cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError(label, 'timeout', `no answer within ${settings.timeoutMs} ms`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    const target = settings.baseURL ?? 'api.anthropic.com';
    return new ProviderError(label, 'network', `could not reach ${target}: ${rootCause(error)}`, {
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const detail = error.apiMessage ?? error.message;
    const failure = anthropicFailure(error.status, error.type, detail);
    return new ProviderError(
      label,
      failure,
      failureMessage(failure, error.status, detail, { keyVariable: 'ANTHROPIC_API_KEY' }),
      {
        status: error.status,
        retryAfterMs: retryAfterMs(error.headers),
        cause: error,
      },
    );
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(label, 'malformed', `the answer was not valid JSON: ${error.message}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  // The client throws before sending when it finds no credentials at all.
  if (/authentication|credential|api ?key/i.test(message)) {
    return new ProviderError(label, 'auth', `no usable credentials — set ANTHROPIC_API_KEY (${message})`, {
      cause: error,
    });
  }
  return new ProviderError(label, 'bad_request', `unexpected error: ${message}`, { cause: error });
}

function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function createAnthropicProvider(options: AnthropicProviderOptions): Provider {
  const settings: Settings = {
    label: `anthropic:${options.model}`,
    baseURL: options.baseURL || env('ANTHROPIC_BASE_URL'),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  let client: Anthropic | undefined;

  return {
    id: settings.label,
    kind: 'anthropic',
    model: options.model,

    async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
      let body: unknown;
      try {
        client ??= createAnthropicClient(options);
        body = await client.messages.create(messageParams(request, options.model), { signal });
      } catch (e) {
        throw toAnthropicError(e, settings, signal);
      }
      const wantsJson = request.responseFormat !== undefined && request.responseFormat.type !== 'text';
      const completion = parseMessage(body, options.model, wantsJson);
      if (!completion) {
        throw new ProviderError(
          settings.label,
          'malformed',
          `the answer was not a message: ${preview(body)}`,
        );
      }
      return completion;
    },
  };
}
