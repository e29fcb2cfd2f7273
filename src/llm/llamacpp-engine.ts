/**
 * node-llama-cpp, loaded only when a run uses `llamacpp:`. It is not a dependency: with its GPU
 * variants it is hundreds of MB, and most installs talk to an API. It is looked for where Node
 * would find it, then in an engines folder (`TANDEM_ENGINES_DIR`, else `.engines/` in the working
 * directory or in Tandem's own folder), which is where the install command below puts it.
 *
 * Only the part of its API this provider uses is typed here, so the project builds without it.
 */
import { engineLoader, locateEnginePackage, missingEngineMessage } from '../core/engines.js';
import { ProviderError } from './errors.js';

/** The one version checked against the tiny model (newer releases' lockfiles are refused here). */
export const ENGINE_VERSION = '3.21.1';
export const ENGINE_INSTALL = `npm install --no-save --prefix .engines node-llama-cpp@${ENGINE_VERSION}`;

export interface TokenMeterState {
  usedInputTokens: number;
  usedOutputTokens: number;
}

export interface LlamaSequence {
  readonly tokenMeter: { getState(): TokenMeterState; diff(s: TokenMeterState): TokenMeterState };
  clearHistory(): Promise<void>;
  dispose(): void;
}

export interface LlamaContext {
  readonly contextSize: number;
  getSequence(): LlamaSequence;
  dispose(): Promise<void>;
}

export interface LlamaModel {
  tokenize(text: string): readonly unknown[];
  createContext(o: { contextSize?: number; sequences?: number; threads?: number }): Promise<LlamaContext>;
  dispose(): Promise<void>;
}

export type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: string[] };

export interface PromptOptions {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  grammar?: unknown;
  signal?: AbortSignal;
  customStopTriggers?: string[];
}

export interface LlamaChatSession {
  setChatHistory(history: ChatHistoryItem[]): void;
  promptWithMeta(prompt: string, o: PromptOptions): Promise<{ responseText: string; stopReason: string }>;
  dispose(o?: { disposeSequence?: boolean }): void;
}

export interface Llama {
  loadModel(o: { modelPath: string }): Promise<LlamaModel>;
  createGrammarForJsonSchema(schema: unknown): Promise<unknown>;
  getGrammarFor(type: 'json'): Promise<unknown>;
  dispose(): Promise<void>;
}

export interface LlamaModule {
  getLlama(o: { gpu?: false | 'auto'; build?: 'never'; logLevel?: string }): Promise<Llama>;
  LlamaChatSession: new (o: {
    contextSequence: LlamaSequence;
    autoDisposeSequence?: boolean;
  }) => LlamaChatSession;
}

/** The module's entry file, or undefined when it is installed nowhere we look. */
export function locateEngine(dirs?: string[]): string | undefined {
  return locateEnginePackage('node-llama-cpp', dirs);
}

export function missingEngine(label: string): ProviderError {
  return new ProviderError(
    label,
    'bad_request',
    missingEngineMessage('the llamacpp provider', 'node-llama-cpp', ENGINE_INSTALL),
  );
}

const load = engineLoader<LlamaModule>('node-llama-cpp');

export function loadEngine(label: string): Promise<LlamaModule> {
  return load(() => missingEngine(label));
}
