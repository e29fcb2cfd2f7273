import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/llm/call/cache-key.js';
import type { CompletionRequest } from '../../../src/llm/types.js';

const text: CompletionRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Name a tent.' },
  ],
  params: { temperature: 0.7, seed: 42, maxTokens: 100 },
};
const structured: CompletionRequest = {
  messages: [{ role: 'user', content: 'JSON please' }],
  params: { seed: 7 },
  responseFormat: {
    type: 'json_schema',
    name: 'answer',
    schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
  },
};

describe('cacheKey', () => {
  // Stored caches are keyed by these hashes: computed with the key function as it was before the
  // call module existed (src/stages/generate/run/caller.ts). A different hash means every resumed
  // run pays again for the answers it has.
  it('hashes provider, parameters, response format and messages exactly as stored caches expect', () => {
    expect(cacheKey('openai:gpt-4o-mini', text)).toBe(
      'b46316e35c92e8e675303a75c4ebacfbfb52f911b584f5dc187aa16731e673f0',
    );
    expect(cacheKey('anthropic:claude-sonnet-4-5', structured)).toBe(
      '54b2d04ff46064dd933940e51d7dadd810b49b528b6813d1939626660250a6a5',
    );
  });

  it('tells apart what decides the answer, and ignores key order', () => {
    const base = cacheKey('openai:gpt-4o-mini', text);
    expect(cacheKey('openai:gpt-4o', text)).not.toBe(base);
    expect(cacheKey('openai:gpt-4o-mini', { ...text, params: { ...text.params, seed: 43 } })).not.toBe(base);
    expect(cacheKey('openai:gpt-4o-mini', { ...text, responseFormat: { type: 'json_object' } })).not.toBe(
      base,
    );
    expect(cacheKey('openai:gpt-4o-mini', { ...text, messages: text.messages.slice(1) })).not.toBe(base);
    const reordered: CompletionRequest = {
      params: { maxTokens: 100, seed: 42, temperature: 0.7 },
      messages: text.messages,
    };
    expect(cacheKey('openai:gpt-4o-mini', reordered)).toBe(base);
  });
});
