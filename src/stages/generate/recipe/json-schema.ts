import { z } from 'zod';
import { recipe } from './schema.js';

/**
 * JSON Schema of a recipe file, for editor autocompletion (`# yaml-language-server: $schema=…`),
 * generated from the zod schema that validates recipes, so the two cannot drift apart.
 */
export function recipeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(recipe, { io: 'input', unrepresentable: 'any' }),
    title: 'Tandem generation recipe',
  } as Record<string, unknown>;
}
