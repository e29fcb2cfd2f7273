import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { badInput } from '../../../core/errors.js';
import { sha256 } from '../../../core/hash.js';
import { loadYaml, type YamlSource } from '../../../core/yaml-source.js';
import { assertReadableSchema } from '../../../llm/call/structured.js';
import { type SamplerSpec, samplerSpec } from '../samplers/schema.js';
import { possibleValues, subcategoryGaps } from '../samplers/values.js';
import {
  type CompiledTemplate,
  compileCondition,
  compileTemplate,
  liquid,
  templateEngine,
} from '../templates.js';
import {
  expressionColumn,
  judgeColumn,
  llmChatColumn,
  llmStructuredColumn,
  llmTextColumn,
  paramColumn,
  samplerColumn,
  seedColumn,
} from './columns.js';
import {
  type CompiledColumn,
  type CompiledRecipe,
  type OfflineTurn,
  type OfflineValue,
  ROW_BUILTINS,
} from './compiled.js';
import { type Recipe, recipe as recipeSchema } from './schema.js';
import { seedTable } from './seed-rows.js';

/**
 * Reads a recipe file: YAML → zod (each column validated against the one kind its key names, so
 * errors talk about that kind) → templates compiled and checked to read only earlier columns.
 * Every error names the key and the line.
 */
export function loadRecipe(text: string, file: string): CompiledRecipe {
  const source = loadYaml(text, file);
  const recipe = source.validate(recipeSchema.extend({ columns: columnsSchemaFor(source.data) }));
  return compileRecipe(recipe, source, text);
}

const KINDS = ['sampler', 'seed', 'llm', 'expression', 'judge'] as const;

/** One schema per column, chosen by the key that names its kind, so an error speaks of that kind only. */
function columnsSchemaFor(data: unknown): z.ZodType<Recipe['columns']> {
  const raw = (data as { columns?: unknown } | null)?.columns;
  if (!Array.isArray(raw) || raw.length === 0) return recipeSchema.shape.columns;
  const branches = raw.map((c) => {
    const obj = (c ?? {}) as Record<string, unknown>;
    const present = KINDS.filter((k) => k in obj);
    if (present.length !== 1) {
      const message =
        present.length === 0
          ? `a column needs one of ${KINDS.map((k) => `'${k}'`).join(', ')}`
          : `a column has one kind, found ${present.map((k) => `'${k}'`).join(' and ')}`;
      return z.unknown().superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message }));
    }
    switch (present[0]) {
      case 'sampler':
        return samplerColumn;
      case 'seed':
        return seedColumn;
      case 'expression':
        return expressionColumn;
      case 'judge':
        return judgeColumn;
      default:
        return obj.llm === 'structured'
          ? llmStructuredColumn
          : obj.llm === 'chat'
            ? llmChatColumn
            : llmTextColumn;
    }
  });
  return z.tuple(branches as [z.ZodType, ...z.ZodType[]]) as unknown as z.ZodType<Recipe['columns']>;
}

function compileRecipe(recipe: Recipe, source: YamlSource, text: string): CompiledRecipe {
  const fail = (path: (string | number)[], message: string): never => {
    throw badInput(`${path.join('.')}: ${message}`, source.locate(path), { path });
  };
  const known = new Set<string>(ROW_BUILTINS);
  const columns: CompiledColumn[] = [];
  const engine =
    recipe.template_files === 'recipe-folder'
      ? templateEngine({ kind: 'folder', dir: dirname(resolve(source.file)) })
      : liquid;
  const compile = (template: string, path: (string | number)[], condition = false): CompiledTemplate => {
    let t: CompiledTemplate;
    const o = { engine, location: source.locate(path) };
    try {
      t = condition ? compileCondition(template, o) : compileTemplate(template, o);
    } catch (e) {
      return fail(path, `template does not parse: ${(e as Error).message}`);
    }
    for (const v of t.variables) {
      if (!known.has(v)) {
        const earlier = [...known].filter((k) => !ROW_BUILTINS.includes(k as never));
        fail(path, `'${v}' is not an earlier column (earlier: ${earlier.join(', ') || 'none'})`);
      }
    }
    return t;
  };

  recipe.columns.forEach((col, i) => {
    const at = (...rest: (string | number)[]) => ['columns', i, ...rest];
    if (known.has(col.name))
      fail(at('name'), `column '${col.name}' is defined twice (or shadows a built-in)`);
    // A request parameter drawn per row ("{{ temp }}") reads an earlier column, as templates do.
    if ('llm' in col || 'judge' in col) {
      for (const key of ['temperature', 'top_p', 'max_tokens'] as const) {
        const from = paramColumn(col[key]);
        if (from !== undefined && (!known.has(from) || ROW_BUILTINS.includes(from as never))) {
          const earlier = [...known].filter((k) => !ROW_BUILTINS.includes(k as never));
          fail(at(key), `'${from}' is not an earlier column (earlier: ${earlier.join(', ') || 'none'})`);
        }
      }
    }
    if ('sampler' in col) {
      const { name: _n, description: _d, conditional_params, ...own } = col;
      const conditions = (conditional_params ?? []).map(({ when, ...keys }, j) => {
        // The merged parameters are a sampler spec like any other, checked whole (min ≤ max, …).
        const merged = samplerSpec.safeParse({ ...own, ...keys });
        if (!merged.success) {
          const issue = merged.error.issues[0]!;
          const key = issue.path.length ? `${issue.path.join('.')}: ` : '';
          fail(at('conditional_params', j), `${key}${issue.message}`);
        }
        return { when: compile(when, at('conditional_params', j, 'when'), true), spec: merged.data! };
      });
      columns.push({ kind: 'sampler', name: col.name, spec: col, conditions });
    } else if ('seed' in col) {
      columns.push({
        kind: 'seed',
        name: col.name,
        spec: col,
        rows: seedTable(col.seed, dirname(source.file), source.locate(at('seed', 'file'))),
      });
    } else if ('expression' in col) {
      columns.push({
        kind: 'expression',
        name: col.name,
        spec: col,
        template: compile(col.expression, at('expression')),
      });
    } else if ('judge' in col) {
      columns.push({
        kind: 'judge',
        name: col.name,
        spec: col,
        target: compile(col.judge.target, at('judge', 'target')),
        instructions: col.judge.instructions
          ? compile(col.judge.instructions, at('judge', 'instructions'))
          : undefined,
      });
    } else {
      let offline: OfflineValue | OfflineTurn[] | undefined;
      if (col.llm === 'text' && col.offline) offline = compile(col.offline, at('offline'));
      if (col.llm === 'structured') {
        // A schema the validator cannot read would otherwise fail every row of a paid run.
        try {
          assertReadableSchema(col.schema);
        } catch (e) {
          fail(
            at('schema'),
            `not a JSON Schema the validator can read: ${(e as Error).message.split('\n')[0]}`,
          );
        }
      }
      if (col.llm === 'structured' && col.offline !== undefined)
        offline = compileOffline(col.offline, at('offline'), compile);
      if (col.llm === 'chat' && typeof col.offline === 'string')
        offline = compile(col.offline, at('offline'));
      else if (col.llm === 'chat' && Array.isArray(col.offline))
        offline = col.offline.map((t, j) => ({
          role: t.role,
          content: compile(t.content, at('offline', j, 'content')),
        }));
      columns.push({
        kind: 'llm',
        name: col.name,
        spec: col,
        system: col.system ? compile(col.system, at('system')) : undefined,
        prompt: compile(col.prompt, at('prompt')),
        offline,
      });
    }
    known.add(col.name);
  });

  checkSamplerReferences(columns, fail);

  const validators = recipe.validators.map((v, i) => {
    const failWhenTrue = v.fail_if !== undefined;
    const key = failWhenTrue ? 'fail_if' : 'pass_if';
    return {
      spec: v,
      condition: compile((v.fail_if ?? v.pass_if)!, ['validators', i, key], true),
      failWhenTrue,
    };
  });

  const out = recipe.dataset;
  const columnNames = new Set(columns.map((c) => c.name));
  const mustExist = (name: string, path: (string | number)[]): void => {
    if (!columnNames.has(name)) fail(path, `'${name}' is not a column of this recipe`);
  };
  for (const [i, f] of (out.fields ?? []).entries()) mustExist(f.column ?? f.name, ['dataset', 'fields', i]);
  for (const [i, m] of out.metadata.entries()) mustExist(m, ['dataset', 'metadata', i]);
  if (out.language) mustExist(out.language, ['dataset', 'language']);

  return {
    recipe,
    file: source.file,
    dir: dirname(source.file),
    hash: sha256(text).slice(0, 16),
    source: text,
    columns,
    validators,
  };
}

/** Offline structured answers: strings anywhere in the value are templates. */
function compileOffline(
  value: unknown,
  path: (string | number)[],
  compile: (t: string, p: (string | number)[]) => CompiledTemplate,
): OfflineValue {
  if (typeof value === 'string') return compile(value, path);
  if (Array.isArray(value)) return value.map((v, i) => compileOffline(v, [...path, i], compile));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, compileOffline(v, [...path, k], compile)]),
    ) as OfflineValue;
  }
  return value as OfflineValue;
}

/** Every value a sampler column can take: its own parameters' and each conditional entry's. */
function allValues(c: Extract<CompiledColumn, { kind: 'sampler' }>): string[] | undefined {
  const lists = [c.spec, ...c.conditions.map((x) => x.spec)].map(possibleValues);
  if (lists.some((l) => l === undefined)) return undefined;
  return [...new Set(lists.flat() as string[])];
}

/**
 * A subcategory's parent and a person's `locale_from` must be earlier columns; every parent value needs
 * a list. Conditional parameters are checked like the column's own, at their entry.
 */
function checkSamplerReferences(
  columns: CompiledColumn[],
  fail: (path: (string | number)[], m: string) => never,
): void {
  columns.forEach((c, i) => {
    if (c.kind !== 'sampler') return;
    const earlier = columns.slice(0, i);
    const specs: [SamplerSpec, (string | number)[]][] = [
      [c.spec, ['columns', i]],
      ...c.conditions.map((x, j): [SamplerSpec, (string | number)[]] => [
        x.spec,
        ['columns', i, 'conditional_params', j],
      ]),
    ];
    for (const [s, at] of specs) checkReferences(s, at, earlier, fail);
  });
}

function checkReferences(
  s: SamplerSpec,
  at: (string | number)[],
  earlier: CompiledColumn[],
  fail: (path: (string | number)[], m: string) => never,
): void {
  if (s.sampler === 'subcategory') {
    const parent = earlier.find((p) => p.name === s.parent);
    if (parent?.kind !== 'sampler') fail([...at, 'parent'], `'${s.parent}' is not an earlier sampler column`);
    const values = allValues(parent as Extract<CompiledColumn, { kind: 'sampler' }>);
    if (!values) fail([...at, 'parent'], `'${s.parent}' has no fixed list of values to branch on`);
    const gaps = subcategoryGaps(s, values!);
    if (gaps.missing.length)
      fail([...at, 'values'], `no values listed for ${s.parent} = ${gaps.missing.join(', ')}`);
    if (gaps.unknown.length)
      fail([...at, 'values'], `'${gaps.unknown.join("', '")}' is not a value of ${s.parent}`);
  }
  if (s.sampler === 'timedelta' && s.from !== undefined) {
    const from = earlier.find((p) => p.name === s.from);
    if (
      from?.kind !== 'sampler' ||
      (from.spec.sampler !== 'datetime' && !(from.spec.sampler === 'timedelta' && from.spec.from))
    )
      fail([...at, 'from'], `'${s.from}' is not an earlier datetime (or timedelta with from) column`);
  }
  if (
    (s.sampler === 'person' || s.sampler === 'persona') &&
    s.locale_from &&
    !earlier.some((p) => p.name === s.locale_from)
  )
    fail([...at, 'locale_from'], `'${s.locale_from}' is not an earlier column`);
}
