/**
 * What the OpenAI chat path (openai.ts, over http/http1-pool.ts) and the official client
 * (openai-client.ts, embeddings and the Batch API) share: the provider's settings and how failures
 * are named. A module of its own so that openai.ts can load the client lazily without the two
 * importing each other.
 */

import { ProviderError, type ProviderFailure } from './errors.js';

export interface OpenAIProviderOptions {
  model: string;
  /** Defaults to OPENAI_API_KEY; a custom base URL without one gets a placeholder (local servers need none). */
  apiKey?: string;
  /** Defaults to OPENAI_BASE_URL, then api.openai.com. */
  baseURL?: string;
  /** Per request; default five minutes, long enough for a long answer, short enough to free a stuck slot. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

/** Where failures are reported from, and what a message about them should mention. */
export interface OpenAIErrorContext {
  label: string;
  baseURL: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Settings extends OpenAIErrorContext {
  apiKey: string | undefined;
}

const env = (name: string): string | undefined => process.env[name] || undefined;

export function resolveSettings(options: OpenAIProviderOptions): Settings {
  const baseURL = options.baseURL || env('OPENAI_BASE_URL');
  return {
    label: `openai:${options.model}`,
    baseURL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    apiKey: options.apiKey || env('OPENAI_API_KEY') || (baseURL ? 'no-key-needed' : undefined),
  };
}

/** The error a provider without a key fails with: it names the variable to set. */
export function missingKeyError(label: string): ProviderError {
  return new ProviderError(
    label,
    'auth',
    'no API key — set OPENAI_API_KEY (or OPENAI_BASE_URL to use a local OpenAI-compatible server)',
  );
}

/** The failure an HTTP status (and OpenAI's error code) means. */
export function failureForStatus(status: number, code?: string | null): ProviderFailure {
  if (status === 429) return code === 'insufficient_quota' ? 'quota' : 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  if (status === 408) return 'timeout';
  if (status === 409) return 'server'; // a transient conflict; OpenAI's own SDK retries it
  return 'bad_request';
}

/**
 * An error of the chat path (openai-chat-post.ts) or any non-HTTP error as a ProviderError. The
 * chat path throws ProviderErrors itself; anything else is a bug or a misconfiguration, which retrying would
 * not fix. openai-client.ts sorts the client's own errors first and ends here.
 */
export function transportError(error: unknown, ctx: OpenAIErrorContext): ProviderError {
  const { label } = ctx;
  if (error instanceof ProviderError) return error;
  if (ctx.signal?.aborted) {
    return new ProviderError(label, 'aborted', 'the request was cancelled', { cause: error });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(label, 'malformed', `the answer was not valid JSON: ${error.message}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(label, 'bad_request', `unexpected error: ${message}`, { cause: error });
}
