import type { Random } from '../../../core/random.js';
import type { JsonSchema } from '../../../llm/types.js';
import type { OfflineTurn, OfflineValue } from '../recipe/compiled.js';
import { type CompiledTemplate, renderTemplate } from '../templates.js';

/**
 * What the offline `template` provider answers for a column: the recipe's `offline:` rendering,
 * or, for structured columns without one, a value built from the JSON Schema so that the rest of
 * the recipe (validators, judges, exports) still runs end to end.
 */

function isTemplate(v: unknown): v is CompiledTemplate {
  return typeof v === 'object' && v !== null && 'parsed' in v && 'source' in v;
}

export function renderOffline(value: OfflineValue, row: Record<string, unknown>, random: Random): unknown {
  if (isTemplate(value)) return renderTemplate(value, row, random);
  if (Array.isArray(value)) return value.map((v) => renderOffline(v, row, random));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renderOffline(v as OfflineValue, row, random)]),
    );
  return value;
}

/** Offline chat turns: a list of turn templates, or one template that renders a JSON array of turns. */
export function renderOfflineTurns(
  turns: OfflineTurn[] | CompiledTemplate,
  row: Record<string, unknown>,
  random: Random,
): { role: string; content: string }[] {
  if (!Array.isArray(turns)) {
    const text = renderTemplate(turns, row, random);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return [{ role: 'user', content: text }];
    }
    const list = Array.isArray(parsed) ? parsed : [];
    // System turns in seed conversations belong to the column's own `system:`; the rest are the dialogue.
    return list
      .filter(
        (m): m is { role: string; content: unknown } => typeof m === 'object' && m !== null && 'role' in m,
      )
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: String(m.role), content: String(m.content ?? '') }));
  }
  return turns.map((t) => ({ role: t.role, content: renderTemplate(t.content, row, random) }));
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** A value that satisfies common JSON Schemas (types, enums, bounds, required, lengths). */
export function exampleFromSchema(schema: JsonSchema, random: Random, name = 'value', depth = 0): unknown {
  if (depth > 8) return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum[random.below(schema.enum.length)];
  if ('const' in schema) return schema.const;
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options) && options.length > 0)
    return exampleFromSchema(options[0]!, random, name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(
        Object.entries(props).map(([k, s]) => [k, exampleFromSchema(s, random, k, depth + 1)]),
      );
    }
    case 'array': {
      const min = Number(schema.minItems ?? 1);
      const max = Math.max(min, Number(schema.maxItems ?? min + 2));
      const n = min + random.below(max - min + 1);
      const items = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: n }, () => exampleFromSchema(items, random, name, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = Number(schema.minimum ?? 0);
      const hi = Number(schema.maximum ?? lo + 100);
      const v = lo + random.float() * (hi - lo);
      return type === 'integer' ? Math.min(hi, Math.round(v)) : Math.round(v * 100) / 100;
    }
    case 'boolean':
      return random.below(2) === 1;
    case 'null':
      return null;
    default: {
      const minLength = Number(schema.minLength ?? 0);
      let s = `${name} ${WORDS[random.below(WORDS.length)]}`;
      while (s.length < minLength) s += ` ${WORDS[random.below(WORDS.length)]}`;
      const maxLength = schema.maxLength === undefined ? Infinity : Number(schema.maxLength);
      return s.slice(0, maxLength);
    }
  }
}
