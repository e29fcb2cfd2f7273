import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { badInput, conflict } from '../../../core/errors.js';
import type { FieldSettings, FieldType } from '../../../core/fields.js';
import type { DatasetSettings, MetadataProperty } from '../../../core/settings.js';
import { parseSettings } from '../../../core/settings-file.js';
import type { CompiledColumn, CompiledRecipe } from '../recipe/compiled.js';

/**
 * Which dataset a recipe writes, with which fields: from the recipe's review settings file when it
 * names one (questions, guidelines), else derived from its columns, so a recipe alone is enough.
 */

export interface OutputField {
  name: string;
  column: string;
  type: FieldType;
}

export interface RecipeDataset {
  name: string;
  settings: DatasetSettings;
  fields: OutputField[];
}

function typeOfColumn(c: CompiledColumn): FieldType {
  if (c.kind === 'llm' && c.spec.llm === 'chat') return 'chat';
  if (c.kind === 'llm' && c.spec.llm === 'structured') return 'json';
  if (c.kind === 'judge' || c.kind === 'seed') return 'json';
  if (c.kind === 'expression' && c.spec.parse === 'json') return 'json';
  return 'text';
}

function metadataOf(c: CompiledColumn): MetadataProperty {
  if (c.kind === 'sampler') {
    const s = c.spec;
    if (s.sampler === 'uniform')
      return { name: c.name, type: s.integer ? 'integer' : 'float', min: s.min, max: s.max };
    if (s.sampler === 'gaussian') return { name: c.name, type: 'float' };
    if (s.sampler === 'binomial') return { name: c.name, type: 'integer', min: 0, max: s.n };
    if (s.sampler === 'poisson') return { name: c.name, type: 'integer', min: 0 };
    if (s.sampler === 'bernoulli') return { name: c.name, type: 'terms', values: ['true', 'false'] };
    if (s.sampler === 'category' || s.sampler === 'language') {
      const values = s.values.map((v) => (typeof v === 'string' ? v : v.value));
      return { name: c.name, type: 'terms', values };
    }
  }
  if (c.kind === 'expression' && c.spec.parse === 'number') return { name: c.name, type: 'float' };
  return { name: c.name, type: 'terms' };
}

export function recipeDataset(r: CompiledRecipe, nameOverride?: string): RecipeDataset {
  const out = r.recipe.dataset;
  const byName = new Map(r.columns.map((c) => [c.name, c]));
  const name = nameOverride ?? out.name ?? r.recipe.name;

  const declared: OutputField[] = out.fields
    ? out.fields.map((f) => {
        const column = f.column ?? f.name;
        return { name: f.name, column, type: f.type ?? typeOfColumn(byName.get(column)!) };
      })
    : r.columns
        .filter((c) => c.kind === 'llm')
        .map((c) => ({ name: c.name, column: c.name, type: typeOfColumn(c) }));
  if (declared.length === 0)
    throw badInput('the recipe has no model columns: list the record fields under dataset.fields', {
      file: r.file,
    });

  if (out.settings) {
    const file = resolve(r.dir, out.settings);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw badInput(`dataset.settings: cannot read '${file}'`, { file: r.file });
    }
    const settings = parseSettings(text, file);
    const produced = new Map(declared.map((f) => [f.name, f]));
    const fields: OutputField[] = settings.fields.map((f) => {
      const column = produced.get(f.name)?.column ?? (byName.has(f.name) ? f.name : undefined);
      if (!column)
        throw badInput(`field '${f.name}' of ${file} is not produced by any column of the recipe`, {
          file: r.file,
        });
      return { name: f.name, column, type: f.type };
    });
    return { name, settings, fields };
  }

  const fields: FieldSettings[] = declared.map(
    (f) => ({ name: f.name, type: f.type, required: true }) as FieldSettings,
  );
  const metadata = out.metadata.map((m) => metadataOf(byName.get(m)!));
  const languages = languageValues(r);
  const settings: DatasetSettings = {
    fields,
    questions: [],
    metadata,
    guidelines: r.recipe.description ?? '',
    distribution: { responsesPerRecord: 1 },
    languages,
  };
  return { name, settings, fields: declared };
}

function languageValues(r: CompiledRecipe): string[] {
  const col = r.recipe.dataset.language;
  const c = col ? r.columns.find((x) => x.name === col) : undefined;
  if (c?.kind === 'sampler' && c.spec.sampler === 'language')
    return c.spec.values.map((v) => (typeof v === 'string' ? v : v.value));
  return [];
}

/** A dataset that exists already must have the fields this recipe writes, with the same types. */
export function assertCompatible(existing: DatasetSettings, wanted: RecipeDataset): void {
  for (const f of wanted.fields) {
    const have = existing.fields.find((x) => x.name === f.name);
    if (!have) throw conflict(`dataset '${wanted.name}' has no field '${f.name}', which the recipe writes`);
    if (have.type !== f.type)
      throw conflict(
        `dataset '${wanted.name}' field '${f.name}' is ${have.type}; the recipe writes ${f.type}`,
      );
  }
}
