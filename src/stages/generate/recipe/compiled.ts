import type { SamplerSpec } from '../samplers/schema.js';
import type { CompiledTemplate } from '../templates.js';
import type { ExpressionColumn, JudgeColumn, LlmColumn, SamplerColumn, SeedColumn } from './columns.js';
import type { Recipe, Validator } from './schema.js';
import type { SeedTable } from './seed-table.js';

/** Names every template may read besides earlier columns. */
export const ROW_BUILTINS = ['row_index', 'seed'] as const;

/** An offline structured answer: the recipe's YAML value with its strings compiled as templates. */
export type OfflineValue =
  | CompiledTemplate
  | OfflineValue[]
  | { [key: string]: OfflineValue }
  | number
  | boolean
  | null;

export interface OfflineTurn {
  role: 'user' | 'assistant';
  content: CompiledTemplate;
}

/** A recipe column with its templates parsed once, ready to run for every row. */
export type CompiledColumn =
  | {
      kind: 'sampler';
      name: string;
      spec: SamplerColumn;
      /** `conditional_params`, in order: on a row where `when` holds, `spec` (merged, checked) is used. */
      conditions: readonly { when: CompiledTemplate; spec: SamplerSpec }[];
    }
  | { kind: 'seed'; name: string; spec: SeedColumn; rows: SeedTable }
  | { kind: 'expression'; name: string; spec: ExpressionColumn; template: CompiledTemplate }
  | {
      kind: 'judge';
      name: string;
      spec: JudgeColumn;
      target: CompiledTemplate;
      instructions: CompiledTemplate | undefined;
    }
  | {
      kind: 'llm';
      name: string;
      spec: LlmColumn;
      system: CompiledTemplate | undefined;
      prompt: CompiledTemplate;
      /** Text: a template; structured: a value tree; chat: turns. */
      offline: CompiledTemplate | OfflineValue | OfflineTurn[] | undefined;
    };

export interface CompiledValidator {
  spec: Validator;
  condition: CompiledTemplate;
  /** True for `fail_if` (the row fails when the condition holds), false for `pass_if`. */
  failWhenTrue: boolean;
}

export interface CompiledRecipe {
  recipe: Recipe;
  file: string;
  /** The recipe's folder: relative paths in it (review settings) resolve from here. */
  dir: string;
  /** A short hash of the recipe text, stored in every row's provenance. */
  hash: string;
  /** The recipe's text, for jobs handed to other processes. */
  source: string;
  columns: CompiledColumn[];
  validators: CompiledValidator[];
}

/**
 * Reads the seed files that are streamed rather than loaded with the recipe (Parquet, CSV, wildcards,
 * large files). Every run calls it before computing a row; it is idempotent.
 */
export async function openSeeds(recipe: CompiledRecipe): Promise<void> {
  for (const c of recipe.columns) if (c.kind === 'seed') await c.rows.open();
}

/** The recipe's sampler columns with their names, as coverage planning and reports take them. */
export function samplerColumnsOf(recipe: CompiledRecipe): (SamplerColumn & { name: string })[] {
  return recipe.columns.flatMap((c) => (c.kind === 'sampler' ? [{ ...c.spec, name: c.name }] : []));
}
