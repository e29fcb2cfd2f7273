/**
 * OpenAI's Batch API over the same client as the provider: half the price for answers within 24
 * hours. A run writes one JSONL line per request, uploads the file, creates a batch, polls it,
 * and reads the results back, each parsed and classified exactly as a direct request's would be.
 */

import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { type OpenAI, toFile } from 'openai';
import { ProviderError } from './errors.js';
import { chatParams, parseChatCompletion, preview } from './openai.js';
import { toProviderError } from './openai-client.js';
import { failureForStatus, type OpenAIErrorContext } from './openai-common.js';
import type { Completion, CompletionRequest } from './types.js';

export const BATCH_ENDPOINT = '/v1/chat/completions';

/**
 * One line of a batch input file. Batches run only on api.openai.com, so the token limit goes in
 * `max_completion_tokens`, the field its current models take.
 */
export function buildBatchLine(customId: string, request: CompletionRequest, model: string): string {
  const body = chatParams(request, model, 'max_completion_tokens');
  return JSON.stringify({ custom_id: customId, method: 'POST', url: BATCH_ENDPOINT, body });
}

/** Runs one client call, its errors as ProviderErrors labelled `openai:batch` (no model at this level). */
async function call<T>(client: OpenAI, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const context: OpenAIErrorContext = {
      label: 'openai:batch',
      baseURL: client.baseURL,
      timeoutMs: client.timeout,
      signal,
    };
    throw toProviderError(e, context);
  }
}

/** Uploads the lines as a `batch` file; returns its id. */
export async function uploadBatch(
  client: OpenAI,
  lines: readonly string[],
  signal?: AbortSignal,
): Promise<string> {
  const content = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  const file = await toFile(Buffer.from(content, 'utf8'), 'tandem-batch.jsonl', {
    type: 'application/jsonl',
  });
  const uploaded = await call(client, signal, () =>
    client.files.create({ file, purpose: 'batch' }, { signal }),
  );
  return uploaded.id;
}

/** Starts a batch over an uploaded file; returns its id. */
export async function createBatch(client: OpenAI, fileId: string, signal?: AbortSignal): Promise<string> {
  const batch = await call(client, signal, () =>
    client.batches.create(
      { input_file_id: fileId, endpoint: BATCH_ENDPOINT, completion_window: '24h' },
      { signal },
    ),
  );
  return batch.id;
}

/**
 * A batch already created from this input file, if any: a run killed after OpenAI created its batch
 * but before it learned the id finds it here instead of paying for a second one. Looks at the most
 * recent 100 batches (newest first), which is where a just-created batch is.
 */
export async function findBatchForFile(
  client: OpenAI,
  fileId: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const page = await call(client, signal, () => client.batches.list({ limit: 100 }, { signal }));
  return page.data.find((b) => b.input_file_id === fileId)?.id;
}

export type BatchStatus = OpenAI.Batch['status'];

export interface BatchState {
  status: BatchStatus;
  /** Set once the batch completed with at least one success. */
  outputFileId: string | undefined;
  /** Set once the batch completed with at least one failed line. */
  errorFileId: string | undefined;
  counts: { total: number; completed: number; failed: number };
  /** Why a batch failed validation (line problems), as `line N: message`. */
  errors: string[];
}

/** `completed`, `failed`, `expired` and `cancelled` are final; the others mean poll again. */
export const FINAL_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set([
  'completed',
  'failed',
  'expired',
  'cancelled',
]);

export async function getBatch(client: OpenAI, id: string, signal?: AbortSignal): Promise<BatchState> {
  const batch = await call(client, signal, () => client.batches.retrieve(id, { signal }));
  return {
    status: batch.status,
    outputFileId: batch.output_file_id ?? undefined,
    errorFileId: batch.error_file_id ?? undefined,
    counts: {
      total: batch.request_counts?.total ?? 0,
      completed: batch.request_counts?.completed ?? 0,
      failed: batch.request_counts?.failed ?? 0,
    },
    errors: (batch.errors?.data ?? []).map(
      (e) => `${e.line != null ? `line ${e.line}: ` : ''}${e.message ?? e.code}`,
    ),
  };
}

export async function cancelBatch(client: OpenAI, id: string, signal?: AbortSignal): Promise<BatchStatus> {
  const batch = await call(client, signal, () => client.batches.cancel(id, { signal }));
  return batch.status;
}

export type BatchResult =
  | { customId: string; ok: true; completion: Completion }
  | { customId: string; ok: false; error: ProviderError };

/**
 * The lines of an output or error file, streamed (a file can hold 50,000 answers). Each line's
 * response goes through the same parsing and status mapping as a direct request, so a failed line
 * carries the failure (and retryability) it would have had on its own.
 */
export async function* downloadResults(
  client: OpenAI,
  fileId: string,
  signal?: AbortSignal,
): AsyncIterable<BatchResult> {
  const response = await call(client, signal, () => client.files.content(fileId, { signal }));
  if (!response.body) return;
  const stream = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() !== '') yield parseResultLine(line);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{id, custom_id, response: {status_code, body}, error}`, as OpenAI documents a result line. */
export function parseResultLine(line: string): BatchResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined;
  }
  const customId = isRecord(value) && typeof value.custom_id === 'string' ? value.custom_id : '';
  const fail = (error: ProviderError): BatchResult => ({ customId, ok: false, error });
  if (!isRecord(value) || customId === '') {
    return fail(new ProviderError('openai:batch', 'malformed', `not a batch result line: ${preview(line)}`));
  }
  const body = isRecord(value.response) ? value.response.body : undefined;
  const model = isRecord(body) && typeof body.model === 'string' ? body.model : 'batch';
  const label = `openai:${model}`;
  if (isRecord(value.error)) return fail(lineError(label, value.error));
  const status = isRecord(value.response) ? value.response.status_code : undefined;
  if (typeof status !== 'number') {
    return fail(new ProviderError(label, 'malformed', `result line without a response: ${preview(line)}`));
  }
  if (status < 200 || status >= 300) return fail(statusError(label, status, body));
  const completion = parseChatCompletion(body, model);
  if (!completion) {
    return fail(
      new ProviderError(label, 'malformed', `the answer was not a chat completion: ${preview(body)}`),
    );
  }
  return { customId, ok: true, completion };
}

function statusError(label: string, status: number, body: unknown): ProviderError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : `status ${status}`;
  return new ProviderError(
    label,
    failureForStatus(status, code),
    `batch request failed (${status}): ${message}`,
    {
      status,
    },
  );
}

/** A line-level `error`: the request never ran, because the batch expired or was cancelled first. */
function lineError(label: string, error: Record<string, unknown>): ProviderError {
  const code = String(error.code ?? 'unknown');
  const message = typeof error.message === 'string' ? error.message : code;
  if (code === 'batch_expired')
    return new ProviderError(label, 'timeout', `not run before the batch expired: ${message}`);
  if (code === 'batch_cancelled')
    return new ProviderError(label, 'aborted', `not run, the batch was cancelled: ${message}`);
  return new ProviderError(label, 'bad_request', `batch request failed (${code}): ${message}`);
}
