/**
 * The OpenAI provider, for api.openai.com and any OpenAI-compatible server (vLLM, Ollama, LiteLLM…)
 * via `baseURL` / OPENAI_BASE_URL. Nothing here retries: retries, rate limits and backoff belong to
 * the scheduler, which needs every failure as a ProviderError to decide.
 *
 * Chat completions go out over our own keep-alive HTTP pool (openai-chat-post.ts, http/). Embeddings
 * use the official client, which openai-client.ts loads on first use (`maxRetries: 0`): loading it
 * costs ~70 ms of CPU, thousands of rows' worth of a run's per-row budget.
 */

import type { OpenAI } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ProviderError } from './errors.js';
import { failureMessage, retryAfterMs } from './http-errors.js';
import { isChatPostError, postChatCompletion } from './openai-chat-post.js';
import {
  failureForStatus,
  missingKeyError,
  type OpenAIProviderOptions,
  resolveSettings,
  transportError,
} from './openai-common.js';
import type { Completion, CompletionRequest, FinishReason, Provider } from './types.js';

export type { OpenAIErrorContext, OpenAIProviderOptions } from './openai-common.js';

/**
 * Which field carries the token limit. api.openai.com deprecated `max_tokens`, and its reasoning
 * models refuse it, in favour of `max_completion_tokens`; most OpenAI-compatible servers know only
 * `max_tokens`. So: the newer field for OpenAI itself, the older one for any other base URL.
 */
export type TokenLimitField = 'max_tokens' | 'max_completion_tokens';

export function tokenLimitField(baseURL: string | undefined): TokenLimitField {
  if (!baseURL) return 'max_completion_tokens';
  try {
    return new URL(baseURL).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
  } catch {
    return 'max_tokens';
  }
}

/** OpenAI's `name` for a JSON schema must match ^[a-zA-Z0-9_-]{1,64}$. */
function schemaName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'response';
}

/** The chat.completions body for a request; also the body of a batch line. */
export function chatParams(
  request: CompletionRequest,
  model: string,
  tokenField: TokenLimitField,
): ChatCompletionCreateParamsNonStreaming {
  const { params, responseFormat } = request;
  const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  // JSON mode answers 400 unless some message mentions "JSON"; say it rather than fail.
  if (responseFormat?.type === 'json_object' && !messages.some((m) => /json/i.test(m.content))) {
    messages.unshift({ role: 'system', content: 'Answer with a JSON object.' });
  }
  const body: ChatCompletionCreateParamsNonStreaming = { model, messages };
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.maxTokens !== undefined) body[tokenField] = params.maxTokens;
  if (params.seed !== undefined) body.seed = params.seed;
  if (params.stop && params.stop.length > 0) body.stop = params.stop;
  if (responseFormat?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (responseFormat?.type === 'json_schema') {
    // Not strict: strict mode rejects schemas outside its subset (optional fields, open objects),
    // and the runner validates every answer against the recipe's schema anyway.
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: schemaName(responseFormat.name), schema: responseFormat.schema, strict: false },
    };
  }
  return body;
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content_filter',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * A chat completion body as a Completion, or undefined when it is not one (no choices, no message).
 * Missing usage counts as zero: some compatible servers leave it out.
 */
export function parseChatCompletion(body: unknown, fallbackModel: string): Completion | undefined {
  if (!isRecord(body) || !Array.isArray(body.choices)) return undefined;
  const choice: unknown = body.choices[0];
  if (!isRecord(choice) || !isRecord(choice.message)) return undefined;
  const { content, refusal } = choice.message;
  if (content !== null && content !== undefined && typeof content !== 'string') return undefined;
  const usage = isRecord(body.usage) ? body.usage : {};
  const refused = typeof refusal === 'string' && refusal !== '' && !content;
  return {
    text: content ?? '',
    usage: { inputTokens: count(usage.prompt_tokens), outputTokens: count(usage.completion_tokens) },
    finishReason: refused ? 'content_filter' : (FINISH[String(choice.finish_reason)] ?? 'other'),
    model: typeof body.model === 'string' && body.model !== '' ? body.model : fallbackModel,
  };
}

/** The start of an unusable body, for the message. */
export function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  const settings = resolveSettings(options);
  const { label } = settings;
  const tokenField = tokenLimitField(settings.baseURL);
  // Made on first use (embeddings only), so building a provider needs no key and a run no client.
  let client: OpenAI | undefined;
  const sdk = () => import('./openai-client.js');
  const getClient = async (): Promise<OpenAI> => {
    client ??= (await sdk()).createOpenAIClient(options);
    return client;
  };

  return {
    id: label,
    kind: 'openai',
    model: options.model,

    async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
      if (!settings.apiKey) throw missingKeyError(label);
      let body: unknown;
      try {
        body = await postChatCompletion(
          {
            label,
            baseURL: settings.baseURL ?? 'https://api.openai.com/v1',
            apiKey: settings.apiKey!,
            timeoutMs: settings.timeoutMs,
          },
          chatParams(request, options.model, tokenField),
          signal,
        );
      } catch (e) {
        if (isChatPostError(e)) {
          const failure = failureForStatus(e.status, e.code);
          throw new ProviderError(
            label,
            failure,
            failureMessage(failure, e.status, e.message, {
              keyVariable: 'OPENAI_API_KEY',
              baseURL: settings.baseURL,
            }),
            {
              status: e.status,
              retryAfterMs: retryAfterMs(e.headers),
            },
          );
        }
        throw transportError(e, { ...settings, signal });
      }
      const completion = parseChatCompletion(body, options.model);
      if (!completion)
        throw new ProviderError(label, 'malformed', `the answer was not a chat completion: ${preview(body)}`);
      return completion;
    },

    async embed(texts: string[], signal: AbortSignal): Promise<number[][]> {
      if (texts.length === 0) return [];
      let body: unknown;
      try {
        // `float` explicitly: the client otherwise asks for base64, which some compatible servers lack.
        const params = { model: options.model, input: texts, encoding_format: 'float' } as const;
        body = await (await getClient()).embeddings.create(params, { signal });
      } catch (e) {
        throw (await sdk()).toProviderError(e, { ...settings, signal });
      }
      const vectors = parseEmbeddings(body, texts.length);
      if (!vectors)
        throw new ProviderError(
          label,
          'malformed',
          `the answer was not a list of embeddings: ${preview(body)}`,
        );
      return vectors;
    },
  };
}

/** One vector per input, in input order (the service tags each with its `index`). */
function parseEmbeddings(body: unknown, expected: number): number[][] | undefined {
  if (!isRecord(body) || !Array.isArray(body.data) || body.data.length !== expected) return undefined;
  const out: number[][] = new Array(expected);
  for (const [i, item] of body.data.entries()) {
    if (!isRecord(item) || !Array.isArray(item.embedding)) return undefined;
    const index = typeof item.index === 'number' ? item.index : i;
    if (index < 0 || index >= expected || out[index] !== undefined) return undefined;
    if (!item.embedding.every((v) => typeof v === 'number')) return undefined;
    out[index] = item.embedding as number[];
  }
  return out;
}
