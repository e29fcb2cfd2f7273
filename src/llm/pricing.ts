/**
 * What a completion cost. Prices are USD per million tokens, list prices as of writing (2025);
 * services change them, so callers can pass overrides. An unknown model has no price rather
 * than a guessed one: the CLI shows "unknown cost" instead of a made-up figure.
 */
import type { ProviderKind, TokenUsage } from './types.js';

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Keyed by model name or name prefix, e.g. `gpt-4o-mini` or `claude-sonnet-4`. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

const price = (inputPerMillion: number, outputPerMillion: number): ModelPrice => ({
  inputPerMillion,
  outputPerMillion,
});

/**
 * List prices for standard (non-batch, uncached) requests. Some variants are listed only because
 * they cost differently from the name they start with (`o3-pro` is not priced like `o3`).
 */
export const listPrices: Readonly<Record<Exclude<ProviderKind, 'template' | 'llamacpp'>, PriceTable>> = {
  openai: {
    'gpt-4o': price(2.5, 10),
    'gpt-4o-mini': price(0.15, 0.6),
    'gpt-4.1': price(2, 8),
    'gpt-4.1-mini': price(0.4, 1.6),
    'gpt-4.1-nano': price(0.1, 0.4),
    o3: price(2, 8),
    'o3-mini': price(1.1, 4.4),
    'o3-pro': price(20, 80),
    'o4-mini': price(1.1, 4.4),
    'gpt-5': price(1.25, 10),
    'gpt-5-mini': price(0.25, 2),
    'gpt-5-nano': price(0.05, 0.4),
    'gpt-5-pro': price(15, 120),
  },
  anthropic: {
    // Opus 4 and 4.1 kept the old Opus price; 4.5 onwards is a third of it.
    'claude-opus-4': price(15, 75),
    'claude-opus-4-1': price(15, 75),
    'claude-opus-4-5': price(5, 25),
    'claude-opus-4-6': price(5, 25),
    'claude-sonnet-4': price(3, 15),
    'claude-haiku-4-5': price(1, 5),
    'claude-3-5-haiku': price(0.8, 4),
  },
};

/** OpenAI's Batch API (and Anthropic's Message Batches) bill half the list price. */
export const batchDiscount = 0.5;

export interface PriceLookupOptions {
  /** Merged over the list prices; a key here wins over a built-in key of the same name. */
  overrides?: PriceTable;
  /** Requests go through a batch API: apply `batchDiscount`. */
  batch?: boolean;
}

/**
 * The price of `model` on a `kind` of service. Keys match whole names or prefixes that end at a
 * `-`, so dated snapshots (`gpt-4o-mini-2024-07-18`) and aliases (`claude-3-5-haiku-latest`) find
 * their family; the longest matching key wins, so `gpt-4o-mini-…` is not priced as `gpt-4o`.
 */
export function priceFor(
  kind: ProviderKind,
  model: string,
  options: PriceLookupOptions = {},
): ModelPrice | undefined {
  // Offline and local models cost nothing per token.
  if (kind === 'template' || kind === 'llamacpp') return price(0, 0);
  const table: PriceTable = { ...listPrices[kind], ...options.overrides };
  const name = model.toLowerCase();
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    const k = key.toLowerCase();
    const matches = name === k || name.startsWith(`${k}-`);
    if (matches && (best === undefined || k.length > best.length)) best = key;
  }
  const found = best === undefined ? undefined : table[best];
  if (found === undefined || !options.batch) return found;
  return price(found.inputPerMillion * batchDiscount, found.outputPerMillion * batchDiscount);
}

/** USD for one completion's usage. */
export function costOf(usage: TokenUsage, modelPrice: ModelPrice): number {
  return (
    (usage.inputTokens * modelPrice.inputPerMillion + usage.outputTokens * modelPrice.outputPerMillion) / 1e6
  );
}

/**
 * A rough token count: about four characters per token for English under the GPT and Claude
 * tokenizers. An estimate for rate limiting and cost previews only; real counts come back in usage.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
