/**
 * The official `openai` client, for what goes through it: embeddings and the Batch API (files,
 * batches). Kept apart from openai.ts so that a run posting chat completions (over our own HTTP
 * pool) never loads it (~70 ms of CPU); openai.ts imports this module only for embeddings.
 */

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError } from './errors.js';
import { failureMessage, retryAfterMs, rootCause } from './http-errors.js';
import {
  failureForStatus,
  missingKeyError,
  type OpenAIErrorContext,
  type OpenAIProviderOptions,
  resolveSettings,
  transportError,
} from './openai-common.js';

/** The configured client, for the provider and for the batch runner. Throws an `auth` ProviderError without a key. */
export function createOpenAIClient(options: OpenAIProviderOptions): OpenAI {
  const settings = resolveSettings(options);
  if (!settings.apiKey) throw missingKeyError(settings.label);
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any error from the client as a ProviderError, sorted by what the caller should do about it. */
export function toProviderError(error: unknown, ctx: OpenAIErrorContext): ProviderError {
  const { label } = ctx;
  if (error instanceof ProviderError) return error;
  if (error instanceof APIUserAbortError || ctx.signal?.aborted) {
    return new ProviderError(label, 'aborted', 'the request was cancelled', { cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError(label, 'timeout', `no answer within ${ctx.timeoutMs} ms`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    const target = ctx.baseURL ?? 'api.openai.com';
    return new ProviderError(label, 'network', `could not reach ${target}: ${rootCause(error)}`, {
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const failure = failureForStatus(error.status, error.code);
    const body = isRecord(error.error) ? error.error : {};
    const detail = typeof body.message === 'string' ? body.message : error.message;
    return new ProviderError(
      label,
      failure,
      failureMessage(failure, error.status, detail, { keyVariable: 'OPENAI_API_KEY', baseURL: ctx.baseURL }),
      {
        status: error.status,
        retryAfterMs: retryAfterMs(error.headers),
        cause: error,
      },
    );
  }
  // Invalid JSON, or anything else (a bug, a misconfiguration), as on the chat path.
  return transportError(error, ctx);
}
