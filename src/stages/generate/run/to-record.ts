import { contentHash } from '../../../core/hash.js';
import { own } from '../../../core/own.js';
import type { Provenance } from '../../../core/record.js';
import type { NewRecord } from '../../../store/records.js';
import type { CompiledRecipe } from '../recipe/compiled.js';
import type { RowResult } from '../row/compute-row.js';
import type { OutputField } from './recipe-dataset.js';

/** Rows are numbered per recipe and seed: `support-conversations:s42:r17`. */
export function rowPrefix(recipeName: string, seed: number): string {
  return `${recipeName}:s${seed}:r`;
}

export function rowExternalId(recipeName: string, seed: number, index: number): string {
  return `${rowPrefix(recipeName, seed)}${index}`;
}

/** The row index of an external id with this prefix, or -1. */
export function rowIndexOf(externalId: string, prefix: string): number {
  if (!externalId.startsWith(prefix)) return -1;
  const rest = externalId.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : -1;
}

export interface RecordContext {
  recipe: CompiledRecipe;
  seed: number;
  fields: OutputField[];
  /** The provider most of the row came from (the run's override or the recipe's). */
  provider: string;
}

export function rowToRecord(ctx: RecordContext, row: RowResult): NewRecord {
  const fields: Record<string, unknown> = {};
  for (const f of ctx.fields) fields[f.name] = own(row.values, f.column);
  const metadata: Record<string, unknown> = {};
  for (const m of ctx.recipe.recipe.dataset.metadata) metadata[m] = own(row.values, m);
  const langColumn = ctx.recipe.recipe.dataset.language;
  const language = langColumn ? String(own(row.values, langColumn) ?? '') || null : null;
  const main = row.calls.find((c) => c.provider === ctx.provider) ?? row.calls[0];
  const provenance: Provenance = {
    origin: 'synthetic',
    recipe: ctx.recipe.recipe.name,
    recipeHash: ctx.recipe.hash,
    row: row.index,
    samplerValues: row.samplerValues,
    provider: ctx.provider,
    seed: ctx.seed,
    ...generationOf(ctx.recipe, row.index),
    ...(main ? { model: main.model, promptHash: main.promptHash } : {}),
    calls: row.calls,
  };
  const flagged = row.outcome.kind === 'ok' && (row.outcome.flags.length > 0 || row.truncated.length > 0);
  return {
    externalId: rowExternalId(ctx.recipe.recipe.name, ctx.seed, row.index),
    fields,
    metadata,
    provenance,
    contentHash: contentHash(fields),
    language,
    status: flagged ? 'flagged' : 'new',
  };
}

/** Which input and which of its generations a row is, when the recipe asks for several per input. */
function generationOf(recipe: CompiledRecipe, index: number): { input?: number; generation?: number } {
  const n = recipe.recipe.num_generations;
  return n === 1 ? {} : { input: Math.floor(index / n), generation: index % n };
}
