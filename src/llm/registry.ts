import { usage } from '../core/errors.js';
import { createTemplateProvider } from './template.js';
import type { Provider, ProviderKind } from './types.js';

/**
 * Provider ids, as recipes and `--provider` write them: `openai:MODEL` (any OpenAI-compatible
 * server through OPENAI_BASE_URL), `anthropic:MODEL`, or `template` (offline).
 */
export interface ProviderRef {
  id: string;
  kind: ProviderKind;
  model: string;
}

export function parseProviderId(id: string): ProviderRef {
  if (id === 'template') return { id, kind: 'template', model: 'template' };
  const m = /^(openai|anthropic|llamacpp):(.+)$/.exec(id);
  if (!m) {
    throw usage(
      `unknown provider '${id}': use openai:MODEL (any OpenAI-compatible server, via OPENAI_BASE_URL), anthropic:MODEL, llamacpp:PATH.gguf (a local model, run in-process) or template`,
    );
  }
  return { id, kind: m[1] as ProviderKind, model: m[2]!.trim() };
}

export interface ProviderConnection {
  timeoutMs?: number;
  /** Requests the run sends at once: a local model opens as many context sequences. */
  concurrency?: number;
}

/** Creates a provider; the SDKs load only when a run uses them, so offline runs start fast. */
export async function createProvider(ref: ProviderRef, options: ProviderConnection = {}): Promise<Provider> {
  switch (ref.kind) {
    case 'template':
      return createTemplateProvider();
    case 'openai': {
      const { createOpenAIProvider } = await import('./openai.js');
      return createOpenAIProvider({ model: ref.model, timeoutMs: options.timeoutMs });
    }
    case 'anthropic': {
      const { createAnthropicProvider } = await import('./anthropic.js');
      return createAnthropicProvider({ model: ref.model, timeoutMs: options.timeoutMs });
    }
    case 'llamacpp': {
      const { createLlamaCppProvider } = await import('./llamacpp.js');
      // Each sequence holds its own context (memory): beyond 8 the pool queues, the scheduler still limits.
      return createLlamaCppProvider({ model: ref.model, sequences: Math.min(options.concurrency ?? 1, 8) });
    }
  }
}
