import { Liquid, type Template } from 'liquidjs';
import { badInput, type SourceLocation } from '../../core/errors.js';
import type { Random } from '../../core/random.js';
import { filesInside, noFiles } from './template-files.js';

/**
 * Prompt templates (LiquidJS). One engine for every recipe: strict variables, so a misspelt column
 * name is an error rather than an empty string in a paid prompt; own properties only, so a template
 * cannot reach prototypes; and limits, so a runaway loop in a recipe cannot hang a run.
 */

/** Where a render's row-level random stream travels: a symbol key no template can name. */
const RANDOM = Symbol('tandem.random');

type Scope = Record<string | symbol, unknown>;

function randomOf(scope: unknown): Random | undefined {
  return (scope as Scope | undefined)?.[RANDOM] as Random | undefined;
}

/**
 * Limits on one template, stated in docs/recipes.md. A recipe is shared like code but run like data:
 * a loop in one must not hang a run nor fill the memory.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of template source parsed at most. */
  parseLimit: 1_000_000,
  /** Milliseconds one render may take. */
  renderLimit: 5_000,
  /** Bytes of strings and arrays a render's tags and filters may allocate. */
  memoryLimit: 64 * 1024 * 1024,
  /** Characters one render may produce. */
  outputLimit: 4 * 1024 * 1024,
} as const;
export type TemplateLimits = { [K in keyof typeof TEMPLATE_LIMITS]: number };

/** Where `{% include %}`, `{% render %}` and `{% layout %}` may read files from: nowhere by default. */
export type TemplateFiles = { kind: 'none' } | { kind: 'folder'; dir: string };

/** A template engine: no file access, or files inside one folder only (`files.ts`). */
export function templateEngine(
  files: TemplateFiles = { kind: 'none' },
  limits: TemplateLimits = TEMPLATE_LIMITS,
): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    cache: false,
    parseLimit: limits.parseLimit,
    renderLimit: limits.renderLimit,
    memoryLimit: limits.memoryLimit,
    ...(files.kind === 'none'
      ? { fs: noFiles, root: ['.'], relativeReference: false }
      : { fs: filesInside(files.dir), root: [files.dir], relativeReference: true }),
  });
  registerFilters(engine);
  limitsOf.set(engine, limits);
  return engine;
}

const limitsOf = new WeakMap<Liquid, TemplateLimits>();

/** The engine of recipes that read no files. */
export const liquid = templateEngine();

// `json` in LiquidJS 10 already exists; `pick` gives offline templates variety that is still
// reproducible: it chooses with the row's own seeded stream.
function registerFilters(engine: Liquid): void {
  engine.registerFilter('pick', function (this: { context: { environments: unknown } }, value: unknown) {
    const options = Array.isArray(value) ? value : String(value).split('|');
    if (options.length === 0) return '';
    const random = randomOf(this.context.environments);
    const i = random ? random.below(options.length) : 0;
    return options[i];
  });
}

export interface CompiledTemplate {
  readonly source: string;
  readonly engine: Liquid;
  /** Where the template is written (a recipe's file and line), for errors while rendering. */
  readonly location: SourceLocation | undefined;
  readonly parsed: Template[];
  /** Top-level names the template reads (`customer` for `{{ customer.name }}`). */
  readonly variables: string[];
  /** Text and plain `{{ a.b }}` outputs only: rendered by concatenation, without the engine. */
  readonly plain: PlainTemplate | undefined;
}

/** `parts[0] + value(paths[0]) + parts[1] + …`: what most prompts are. */
interface PlainTemplate {
  parts: string[];
  paths: string[][];
}

const OUTPUT = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}/g;
/** Names Liquid gives a meaning of its own on arrays and strings: left to the engine. */
const SPECIAL = new Set(['size', 'first', 'last']);

/**
 * A template of text and `{{ name }}` / `{{ name.key }}` outputs only (no tags, filters or whitespace
 * control), else undefined. Rendering one by concatenation costs a fraction of the engine's render,
 * and a run renders several per row.
 */
function plainTemplate(source: string): PlainTemplate | undefined {
  const parts: string[] = [];
  const paths: string[][] = [];
  let last = 0;
  for (const m of source.matchAll(OUTPUT)) {
    parts.push(source.slice(last, m.index));
    const path = m[1]!.split('.');
    if (path.some((p) => SPECIAL.has(p))) return undefined;
    paths.push(path);
    last = m.index + m[0].length;
  }
  parts.push(source.slice(last));
  if (parts.some((p) => p.includes('{{') || p.includes('{%') || p.includes('}}') || p.includes('%}')))
    return undefined;
  return { parts, paths };
}

/**
 * The plain render, or undefined when a value is not a string or a finite number (or is missing):
 * those go to the engine, which prints them its own way and reports missing names (strict variables).
 */
function renderPlain(t: PlainTemplate, row: Record<string, unknown>): string | undefined {
  let out = t.parts[0]!;
  for (let i = 0; i < t.paths.length; i++) {
    let v: unknown = row;
    for (const key of t.paths[i]!) {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    if (typeof v === 'string') out += v;
    else if (typeof v === 'number' && Number.isFinite(v)) out += String(v);
    else return undefined;
    out += t.parts[i + 1]!;
  }
  return out;
}

export interface CompileOptions {
  engine?: Liquid;
  location?: SourceLocation;
}

export function compileTemplate(source: string, o: CompileOptions = {}): CompiledTemplate {
  const engine = o.engine ?? liquid;
  const parsed = engine.parse(source);
  const variables = engine.globalVariablesSync(parsed);
  return {
    source,
    engine,
    location: o.location,
    parsed,
    variables: [...new Set(variables)],
    plain: plainTemplate(source),
  };
}

/** Renders with the row's values in scope; `random` drives `pick`. */
export function renderTemplate(t: CompiledTemplate, row: Record<string, unknown>, random?: Random): string {
  let out = t.plain ? renderPlain(t.plain, row) : undefined;
  if (out === undefined) {
    const scope: Scope = { ...row };
    if (random) scope[RANDOM] = random;
    try {
      out = t.engine.renderSync(t.parsed, scope) as string;
    } catch (e) {
      // The recipe's mistake (or its runaway loop), not ours: exit 2 with the template's file:line.
      throw badInput(`template failed to render: ${(e as Error).message}`, t.location);
    }
  }
  const max = (limitsOf.get(t.engine) ?? TEMPLATE_LIMITS).outputLimit;
  if (out.length > max)
    throw badInput(`template rendered ${out.length} characters, more than the limit of ${max}`, t.location);
  return out;
}

/** Evaluates a Liquid condition (`answer.size < 40`) against a row. */
export function compileCondition(condition: string, o: CompileOptions = {}): CompiledTemplate {
  return compileTemplate(`{% if ${condition} %}1{% endif %}`, o);
}

export function conditionHolds(t: CompiledTemplate, row: Record<string, unknown>): boolean {
  return renderTemplate(t, row) === '1';
}
