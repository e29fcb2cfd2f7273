/**
 * OpenAI's Files and Batch APIs, in memory: upload a JSONL file, create a batch over it, poll it
 * until it completes, download the output (and error) files. A batch moves on only when polled,
 * so tests decide how many polls it takes, without clocks.
 */

import { FakeHttpError, isRecord } from './fake-http.js';
import type { BatchLineError, FakeServerOptions } from './fake-types.js';

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
  createdAt: number;
}

type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'completed' | 'cancelling' | 'cancelled';

interface StoredBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  status: BatchStatus;
  polls: number;
  createdAt: number;
  outputFileId: string | undefined;
  errorFileId: string | undefined;
  counts: { total: number; completed: number; failed: number };
  errors: { code: string; message: string; line: number }[];
}

/** Answers one request line; the server passes its own chat and embeddings handlers. */
export type LineRunner = (
  url: string,
  body: Record<string, unknown>,
  customId: string,
) => Record<string, unknown>;

const ENDPOINTS = new Set(['/v1/chat/completions', '/v1/embeddings']);

export class FakeBatchStore {
  private readonly files = new Map<string, StoredFile>();
  private readonly batches = new Map<string, StoredBatch>();
  private nextId = 1;

  constructor(private readonly runLine: LineRunner) {}

  /** POST /v1/files, from the multipart form OpenAI's SDK sends. */
  async upload(form: FormData): Promise<Record<string, unknown>> {
    const purpose = form.get('purpose');
    const file = form.get('file');
    if (typeof purpose !== 'string' || purpose === '') throw new FakeHttpError(400, "'purpose' is required.");
    if (file === null || typeof file === 'string')
      throw new FakeHttpError(400, "'file' must be a file upload.");
    const stored = this.addFile(file.name || 'upload.jsonl', purpose, await file.text());
    return fileObject(stored);
  }

  file(id: string): Record<string, unknown> {
    return fileObject(this.getFile(id));
  }

  content(id: string): string {
    return this.getFile(id).content;
  }

  /** POST /v1/batches. */
  create(body: Record<string, unknown>): Record<string, unknown> {
    const { input_file_id: inputFileId, endpoint, completion_window: completionWindow } = body;
    if (typeof inputFileId !== 'string') throw new FakeHttpError(400, "'input_file_id' is required.");
    if (typeof endpoint !== 'string' || !ENDPOINTS.has(endpoint)) {
      throw new FakeHttpError(400, `Unsupported 'endpoint': ${String(endpoint)}.`);
    }
    if (completionWindow !== '24h') throw new FakeHttpError(400, "'completion_window' must be '24h'.");
    const input = this.getFile(inputFileId);
    if (input.purpose !== 'batch')
      throw new FakeHttpError(400, `File ${inputFileId} was not uploaded for batch.`);
    const batch: StoredBatch = {
      id: `batch_${this.nextId++}`,
      inputFileId,
      endpoint,
      completionWindow,
      status: 'validating',
      polls: 0,
      createdAt: now(),
      outputFileId: undefined,
      errorFileId: undefined,
      counts: { total: 0, completed: 0, failed: 0 },
      errors: [],
    };
    this.batches.set(batch.id, batch);
    return batchObject(batch);
  }

  /** GET /v1/batches: newest first, as OpenAI lists them (one page: the fake holds few). */
  list(): Record<string, unknown> {
    const data = [...this.batches.values()].reverse().map(batchObject);
    return {
      object: 'list',
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    };
  }

  /** GET /v1/batches/:id — each poll moves the batch one step towards done. */
  poll(id: string, options: FakeServerOptions): Record<string, unknown> {
    const batch = this.getBatch(id);
    batch.polls++;
    if (batch.status === 'cancelling') batch.status = 'cancelled';
    else if (batch.status === 'validating' || batch.status === 'in_progress') {
      if (batch.polls >= Math.max(1, options.batchPollsUntilComplete ?? 2)) this.complete(batch, options);
      else batch.status = 'in_progress';
    }
    return batchObject(batch);
  }

  /** POST /v1/batches/:id/cancel. */
  cancel(id: string): Record<string, unknown> {
    const batch = this.getBatch(id);
    if (batch.status !== 'validating' && batch.status !== 'in_progress') {
      throw new FakeHttpError(400, `Cannot cancel a batch with status ${batch.status}.`);
    }
    batch.status = 'cancelling';
    return batchObject(batch);
  }

  /** Runs every line: successes to the output file, failures to the error file, as OpenAI splits them. */
  private complete(batch: StoredBatch, options: FakeServerOptions): void {
    const lines = this.getFile(batch.inputFileId)
      .content.split('\n')
      .filter((line) => line.trim() !== '');
    const requests = lines.map((line, i) => parseLine(line, i + 1, batch.endpoint));
    const invalid = requests.filter((r): r is LineProblem => 'problem' in r);
    if (invalid.length > 0) {
      batch.status = 'failed';
      batch.errors = invalid.map((r) => ({ code: 'invalid_request', message: r.problem, line: r.line }));
      return;
    }
    const output: string[] = [];
    const errors: string[] = [];
    for (const request of requests as LineRequest[]) {
      const result = this.answerLine(request, options);
      const line = JSON.stringify({
        id: `batch_req_${this.nextId++}`,
        custom_id: request.customId,
        response: { ...result, request_id: `req_${this.nextId++}` },
        error: null,
      });
      (result.status_code === 200 ? output : errors).push(line);
    }
    batch.counts = { total: requests.length, completed: output.length, failed: errors.length };
    batch.outputFileId = this.addFile(`${batch.id}_output.jsonl`, 'batch_output', joinLines(output)).id;
    if (errors.length > 0)
      batch.errorFileId = this.addFile(`${batch.id}_error.jsonl`, 'batch_output', joinLines(errors)).id;
    batch.status = 'completed';
  }

  private answerLine(request: LineRequest, options: FakeServerOptions): LineResult {
    const failure = options.batchLineError?.(request.customId);
    if (failure) return failedLine(failure);
    try {
      return { status_code: 200, body: this.runLine(request.url, request.body, request.customId) };
    } catch (e) {
      // A line the endpoint itself refuses (say, no model) fails alone, as on OpenAI.
      if (e instanceof FakeHttpError)
        return failedLine({ status: e.status, message: e.message, code: e.code });
      throw e;
    }
  }

  private addFile(filename: string, purpose: string, content: string): StoredFile {
    const file = { id: `file-${this.nextId++}`, filename, purpose, content, createdAt: now() };
    this.files.set(file.id, file);
    return file;
  }

  private getFile(id: string): StoredFile {
    const file = this.files.get(id);
    if (!file) throw new FakeHttpError(404, `No such File object: ${id}`);
    return file;
  }

  private getBatch(id: string): StoredBatch {
    const batch = this.batches.get(id);
    if (!batch) throw new FakeHttpError(404, `No batch found with id '${id}'.`);
    return batch;
  }
}

interface LineRequest {
  customId: string;
  url: string;
  body: Record<string, unknown>;
}

interface LineProblem {
  line: number;
  problem: string;
}

function parseLine(text: string, line: number, endpoint: string): LineRequest | LineProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, problem: 'the line is not valid JSON' };
  }
  if (!isRecord(value) || typeof value.custom_id !== 'string')
    return { line, problem: 'custom_id is missing' };
  if (value.method !== 'POST') return { line, problem: "method must be 'POST'" };
  if (value.url !== endpoint) return { line, problem: `url must be the batch's endpoint ${endpoint}` };
  if (!isRecord(value.body)) return { line, problem: 'body must be an object' };
  return { customId: value.custom_id, url: value.url, body: value.body };
}

interface LineResult {
  status_code: number;
  body: Record<string, unknown>;
}

function failedLine(failure: BatchLineError): LineResult {
  const error = {
    message: failure.message ?? `Request failed with status ${failure.status}.`,
    type: failure.status >= 500 ? 'server_error' : 'invalid_request_error',
    param: null,
    code: failure.code ?? null,
  };
  return { status_code: failure.status, body: { error } };
}

function fileObject(file: StoredFile): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: Buffer.byteLength(file.content),
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
  };
}

function batchObject(batch: StoredBatch): Record<string, unknown> {
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status: batch.status,
    output_file_id: batch.outputFileId ?? null,
    error_file_id: batch.errorFileId ?? null,
    created_at: batch.createdAt,
    request_counts: batch.counts,
    errors: batch.errors.length > 0 ? { object: 'list', data: batch.errors } : null,
  };
}

const joinLines = (lines: string[]) => (lines.length > 0 ? `${lines.join('\n')}\n` : '');
const now = () => Math.floor(Date.now() / 1000);
