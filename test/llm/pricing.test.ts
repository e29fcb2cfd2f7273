import { describe, expect, it } from 'vitest';
import { batchDiscount, costOf, estimateTokens, listPrices, priceFor } from '../../src/llm/pricing.js';

describe('priceFor', () => {
  it('finds list prices by exact name', () => {
    expect(priceFor('openai', 'gpt-4o-mini')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(priceFor('anthropic', 'claude-haiku-4-5')).toEqual({ inputPerMillion: 1, outputPerMillion: 5 });
  });

  it('matches dated snapshots and aliases, longest prefix first', () => {
    expect(priceFor('openai', 'gpt-4o-mini-2024-07-18')).toEqual(listPrices.openai['gpt-4o-mini']);
    expect(priceFor('openai', 'gpt-4o-2024-08-06')).toEqual(listPrices.openai['gpt-4o']);
    expect(priceFor('openai', 'gpt-4.1-nano-2025-04-14')).toEqual(listPrices.openai['gpt-4.1-nano']);
    expect(priceFor('anthropic', 'claude-sonnet-4-5-20250929')).toEqual(
      listPrices.anthropic['claude-sonnet-4'],
    );
    expect(priceFor('anthropic', 'claude-opus-4-1-20250805')).toEqual(
      listPrices.anthropic['claude-opus-4-1'],
    );
    expect(priceFor('anthropic', 'claude-opus-4-5-20251101')?.inputPerMillion).toBe(5);
    expect(priceFor('anthropic', 'claude-3-5-haiku-latest')).toEqual(
      listPrices.anthropic['claude-3-5-haiku'],
    );
  });

  it('matches prefixes only at a hyphen, so a different model is not mispriced', () => {
    expect(priceFor('openai', 'o3-pro')?.inputPerMillion).toBe(20);
    expect(priceFor('openai', 'o3-2025-04-16')).toEqual(listPrices.openai.o3);
    expect(priceFor('openai', 'gpt-4oops')).toBeUndefined();
    expect(priceFor('openai', 'o30')).toBeUndefined();
  });

  it('returns undefined for unknown models and for models of the other service', () => {
    expect(priceFor('openai', 'llama-3.1-70b')).toBeUndefined();
    expect(priceFor('anthropic', 'gpt-4o')).toBeUndefined();
  });

  it('prices the offline template provider at zero', () => {
    expect(priceFor('template', 'anything')).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
  });

  it('lets overrides add models and replace list prices without touching longer names', () => {
    const overrides = {
      'llama-3': { inputPerMillion: 0, outputPerMillion: 0 },
      'gpt-4o': { inputPerMillion: 1, outputPerMillion: 2 },
    };
    expect(priceFor('openai', 'llama-3-8b', { overrides })).toEqual({
      inputPerMillion: 0,
      outputPerMillion: 0,
    });
    expect(priceFor('openai', 'gpt-4o', { overrides })).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(priceFor('openai', 'gpt-4o-mini', { overrides })).toEqual(listPrices.openai['gpt-4o-mini']);
    // A short override key listed after the built-ins still loses to a longer built-in one.
    const broad = { gpt: { inputPerMillion: 9, outputPerMillion: 9 } };
    expect(priceFor('openai', 'gpt-4o-mini', { overrides: broad })).toEqual(listPrices.openai['gpt-4o-mini']);
    expect(priceFor('openai', 'gpt-oss-120b', { overrides: broad })).toEqual(broad.gpt);
  });

  it('halves the price for batch requests', () => {
    expect(batchDiscount).toBe(0.5);
    expect(priceFor('openai', 'gpt-4.1', { batch: true })).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 4,
    });
    expect(priceFor('openai', 'unknown-model', { batch: true })).toBeUndefined();
  });
});

describe('costOf', () => {
  it('charges input and output at their own per-million rates', () => {
    const price = { inputPerMillion: 3, outputPerMillion: 15 };
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0 }, price)).toBe(3);
    expect(costOf({ inputTokens: 2_000, outputTokens: 1_000 }, price)).toBeCloseTo(0.006 + 0.015, 12);
  });
});

describe('estimateTokens', () => {
  it('counts about four characters per token, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(400))).toBe(100);
  });
});
