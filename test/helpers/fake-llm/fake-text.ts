/**
 * What the fake server says: deterministic text and vectors derived from the request, so a test
 * can tell which prompt produced which answer, and a rerun gives the same bytes.
 */

import { createHash } from 'node:crypto';
import { seededRandom } from '../../../src/core/random.js';
import type { FakeChatRequest } from './fake-types.js';

/** First 8 hex characters of SHA-256: short enough to read in a failing test. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The usual rule of thumb, about four characters per token; good enough for usage figures. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * `echo: <hash> <last user message>` for text; for JSON formats an object — one that fits the schema
 * when there is one, else `{echo, prompt}`.
 */
export function defaultResponder(request: FakeChatRequest): string {
  const tag = `echo: ${shortHash(request.lastUserMessage)}`;
  if (request.responseFormat === 'text') return `${tag} ${request.lastUserMessage}`;
  if (request.schema) return JSON.stringify(sampleFromSchema(request.schema, tag));
  return JSON.stringify({ echo: tag, prompt: request.lastUserMessage });
}

const MAX_DEPTH = 8;

/**
 * A value that satisfies the common subset of JSON Schema (types, properties, items, enum, const,
 * anyOf/oneOf, minItems), built from `tag` so it stays deterministic. Not a validator: exotic
 * keywords (patterns, formats, bounds) are ignored.
 */
export function sampleFromSchema(schema: unknown, tag: string, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > MAX_DEPTH) return null;
  const s = schema as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const variants = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (variants && variants.length > 0) return sampleFromSchema(variants[0], tag, depth + 1);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'object':
      return sampleObject(s, tag, depth);
    case 'array': {
      const count = typeof s.minItems === 'number' && s.minItems > 1 ? s.minItems : 1;
      return Array.from({ length: count }, (_, i) => sampleFromSchema(s.items, `${tag}#${i}`, depth + 1));
    }
    case 'string':
      return tag;
    case 'integer':
      return Number.parseInt(shortHash(tag).slice(0, 4), 16) % 100;
    case 'number':
      return (Number.parseInt(shortHash(tag).slice(0, 4), 16) % 1000) / 10;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return isObjectSchema(s) ? sampleObject(s, tag, depth) : tag;
  }
}

function isObjectSchema(s: Record<string, unknown>): boolean {
  return typeof s.properties === 'object' && s.properties !== null;
}

function sampleObject(s: Record<string, unknown>, tag: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (typeof s.properties === 'object' && s.properties) || {};
  for (const [key, sub] of Object.entries(properties)) {
    out[key] = sampleFromSchema(sub, `${tag} ${key}`, depth + 1);
  }
  return out;
}

/** A unit vector seeded from the text's hash: equal texts give equal vectors. */
export function embeddingFor(text: string, dims: number): number[] {
  const seed = Number.parseInt(shortHash(text), 16);
  const random = seededRandom(seed);
  const values = Array.from({ length: dims }, () => random.float() * 2 - 1);
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => v / norm);
}

/** OpenAI's `encoding_format: 'base64'`: little-endian float32s, which its SDK asks for by default. */
export function embeddingBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}
