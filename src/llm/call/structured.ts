import { z } from 'zod';
import type { JsonSchema } from '../types.js';

/**
 * Structured answers: models wrap JSON in prose or code fences, truncate it, or return the wrong
 * shape. Every stage that asks for JSON (a recipe's structured, chat and judge columns, the judge
 * check) extracts it and validates it here against a JSON Schema — through zod's own JSON Schema
 * reader, so there is one validator in the project. `callChecked` (./call-checked.ts) asks once for
 * a repair when the check fails.
 */

export type StructuredCheck = { ok: true; value: unknown } | { ok: false; reason: string };

const validators = new WeakMap<JsonSchema, z.ZodType>();

function validatorFor(schema: JsonSchema): z.ZodType {
  let v = validators.get(schema);
  if (!v) {
    v = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    validators.set(schema, v);
  }
  return v;
}

/** Checks that a JSON Schema is one the validator can read (called when a recipe loads). */
export function assertReadableSchema(schema: JsonSchema): void {
  validatorFor(schema);
}

/** The JSON in a model's answer: the whole text, a fenced block, or the outermost braces. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through to the forgiving readings
  }
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fence?.[1]) {
    try {
      return JSON.parse(fence[1].trim());
    } catch {
      // fall through
    }
  }
  const start = trimmed.search(/[[{]/);
  const end = Math.max(trimmed.lastIndexOf('}'), trimmed.lastIndexOf(']'));
  if (start >= 0 && end > start) return JSON.parse(trimmed.slice(start, end + 1));
  throw new SyntaxError('no JSON object in the answer');
}

const MAX_REASON = 400;

export function checkStructured(text: string, schema: JsonSchema): StructuredCheck {
  let value: unknown;
  try {
    value = extractJson(text);
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${(e as Error).message}`.slice(0, MAX_REASON) };
  }
  const result = validatorFor(schema).safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : '(root)';
  return {
    ok: false,
    reason: `does not match the schema at ${where}: ${issue.message}`.slice(0, MAX_REASON),
  };
}

/** The instruction appended to a structured prompt, for services without a native JSON mode. */
export function schemaInstruction(schema: JsonSchema): string {
  return `Answer with only a JSON object (no prose, no code fences) that satisfies this JSON Schema:\n${JSON.stringify(schema)}`;
}

export function repairInstruction(reason: string): string {
  return `Your answer could not be used: it is ${reason}. Reply again with only the corrected JSON object.`;
}
