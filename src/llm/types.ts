/**
 * The provider contract: one request shape for every model service, one completion shape back.
 * Providers translate to their wire protocol (OpenAI chat completions, Anthropic messages) and
 * nothing else; rate limits, retries, caching and accounting wrap them from outside.
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A JSON Schema object, as the recipe wrote it. Validated by the runner, not by providers. */
export type JsonSchema = Record<string, unknown>;

/** Ask for JSON: against a schema where the service supports it, else any JSON object. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonSchema };

export interface GenerationParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Passed to services that accept one (OpenAI-compatible); best effort. */
  seed?: number;
  stop?: string[];
}

export interface CompletionRequest {
  messages: ChatMessage[];
  params: GenerationParams;
  responseFormat?: ResponseFormat;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'other';

export interface Completion {
  text: string;
  usage: TokenUsage;
  finishReason: FinishReason;
  /** The model the service says answered (may be more specific than the one asked for). */
  model: string;
}

export type ProviderKind = 'openai' | 'anthropic' | 'llamacpp' | 'template';

export interface Provider {
  /** `openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`, `llamacpp:model.gguf`, `template`. */
  readonly id: string;
  readonly kind: ProviderKind;
  readonly model: string;
  /** Sends one request. Throws ProviderError; never retries by itself. */
  complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion>;
  /** Embeddings, where the service has an endpoint for them. */
  embed?(texts: string[], signal: AbortSignal): Promise<number[][]>;
}
