/**
 * The model endpoints of the fake server: OpenAI chat completions, OpenAI embeddings and Anthropic
 * messages. Each validates what the real service would reject (so a provider sending the wrong
 * shape fails here too), asks the responder for text, and answers in the service's shape.
 */

import { FakeHttpError, isRecord } from './fake-http.js';
import { approxTokens, defaultResponder, embeddingBase64, embeddingFor, shortHash } from './fake-text.js';
import type { FakeChatRequest, FakeServerOptions } from './fake-types.js';

interface Answer {
  text: string;
  /** Why generation ended, before translation to each service's vocabulary. */
  ended: 'done' | 'stop_sequence' | 'max_tokens';
  /** The stop sequence that cut the text, if one did. */
  stop?: string;
}

/** Text of a message `content`: a string, or content parts / blocks whose text is joined. */
function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '')
    throw new FakeHttpError(400, `'${field}' is a required string.`);
  return value;
}

function requireMessages(body: Record<string, unknown>): Record<string, unknown>[] {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isRecord)) {
    throw new FakeHttpError(400, "'messages' must be a non-empty array of objects.");
  }
  return messages;
}

function stopSequences(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

/** Runs the responder, then applies stop sequences and the token limit as a model would. */
function answer(
  request: FakeChatRequest,
  options: FakeServerOptions,
  stops: string[],
  maxTokens: unknown,
): Answer {
  let text = (options.responder ?? defaultResponder)(request);
  let ended: Answer['ended'] = 'done';
  let matched: string | undefined;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (stop !== '' && at >= 0) {
      text = text.slice(0, at);
      ended = 'stop_sequence';
      matched = stop;
    }
  }
  if (typeof maxTokens === 'number' && approxTokens(text) > maxTokens) {
    text = text.slice(0, maxTokens * 4);
    ended = 'max_tokens';
    matched = undefined;
  }
  return { text, ended, stop: matched };
}

function lastUser(messages: { role: string; content: string }[]): string {
  return messages.findLast((m) => m.role === 'user')?.content ?? '';
}

/** POST /v1/chat/completions (also one line of a batch). */
export function openAIChat(
  body: Record<string, unknown>,
  options: FakeServerOptions,
  customId?: string,
): Record<string, unknown> {
  const model = requireString(body, 'model');
  const all = requireMessages(body).map((m) => ({
    role: String(m.role),
    content: flattenContent(m.content),
  }));
  const isSystem = (role: string) => role === 'system' || role === 'developer';
  const system = all.filter((m) => isSystem(m.role)).map((m) => m.content);
  const format = isRecord(body.response_format) ? body.response_format : { type: 'text' };
  if (format.type !== 'text' && format.type !== 'json_object' && format.type !== 'json_schema') {
    throw new FakeHttpError(400, `Invalid value for 'response_format.type': ${String(format.type)}.`);
  }
  const jsonSchema = isRecord(format.json_schema) ? format.json_schema : undefined;
  if (format.type === 'json_schema' && typeof jsonSchema?.name !== 'string') {
    throw new FakeHttpError(400, "'response_format.json_schema.name' is required.");
  }
  const messages = all.filter((m) => !isSystem(m.role));
  const request: FakeChatRequest = {
    protocol: 'openai',
    model,
    system: system.length > 0 ? system.join('\n\n') : undefined,
    messages,
    lastUserMessage: lastUser(messages),
    responseFormat: format.type,
    schema: isRecord(jsonSchema?.schema) ? jsonSchema.schema : undefined,
    customId,
  };
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const { text, ended } = answer(request, options, stopSequences(body.stop), maxTokens);
  const promptTokens = approxTokens(all.map((m) => m.content).join(''));
  const completionTokens = approxTokens(text);
  return {
    id: `chatcmpl-${shortHash(`${model}\n${JSON.stringify(body.messages)}`)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: ended === 'max_tokens' ? 'length' : 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: 'fp_fake',
  };
}

/** POST /v1/embeddings: float arrays, or base64 float32 when asked (the OpenAI SDK's default). */
export function openAIEmbeddings(
  body: Record<string, unknown>,
  options: FakeServerOptions,
): Record<string, unknown> {
  const model = requireString(body, 'model');
  const input = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(input) || input.length === 0) {
    throw new FakeHttpError(400, "'input' must be a string or a non-empty array.");
  }
  const texts = input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  const dims = typeof body.dimensions === 'number' ? body.dimensions : (options.embeddingDims ?? 64);
  const base64 = body.encoding_format === 'base64';
  const tokens = approxTokens(texts.join(''));
  return {
    object: 'list',
    data: texts.map((text, index) => {
      const vector = embeddingFor(text, dims);
      return { object: 'embedding', index, embedding: base64 ? embeddingBase64(vector) : vector };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

const ANTHROPIC_STOP = {
  done: 'end_turn',
  stop_sequence: 'stop_sequence',
  max_tokens: 'max_tokens',
} as const;

/** POST /v1/messages: `system` is a top-level field; a `system` role in `messages` is refused. */
export function anthropicMessages(
  body: Record<string, unknown>,
  options: FakeServerOptions,
): Record<string, unknown> {
  const model = requireString(body, 'model');
  if (typeof body.max_tokens !== 'number') throw new FakeHttpError(400, 'max_tokens: Field required');
  const raw = requireMessages(body);
  if (raw.some((m) => m.role !== 'user' && m.role !== 'assistant')) {
    throw new FakeHttpError(
      400,
      'messages: roles must be "user" or "assistant"; use the top-level system field',
    );
  }
  const messages = raw.map((m) => ({ role: String(m.role), content: flattenContent(m.content) }));
  const system = body.system === undefined ? undefined : flattenContent(body.system);
  const format =
    isRecord(body.output_config) && isRecord(body.output_config.format)
      ? body.output_config.format
      : undefined;
  const request: FakeChatRequest = {
    protocol: 'anthropic',
    model,
    system,
    messages,
    lastUserMessage: lastUser(messages),
    responseFormat: format ? 'json_schema' : 'text',
    schema: format && isRecord(format.schema) ? format.schema : undefined,
    customId: undefined,
  };
  const stops = stopSequences(body.stop_sequences);
  const { text, ended, stop } = answer(request, options, stops, body.max_tokens);
  return {
    id: `msg_${shortHash(`${model}\n${JSON.stringify(body.messages)}`)}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text, citations: null }],
    stop_reason: ANTHROPIC_STOP[ended],
    stop_sequence: stop ?? null,
    usage: {
      input_tokens: approxTokens((system ?? '') + messages.map((m) => m.content).join('')),
      output_tokens: approxTokens(text),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}
