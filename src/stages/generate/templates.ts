import { Liquid, type Template } from 'liquidjs';
import type { Random } from '../../core/random.js';

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

export const liquid = new Liquid({
  strictVariables: true,
  strictFilters: true,
  lenientIf: true,
  ownPropertyOnly: true,
  jsTruthy: false,
  cache: false,
  parseLimit: 1_000_000,
  renderLimit: 5_000,
  memoryLimit: 64 * 1024 * 1024,
});

// `json` in LiquidJS 10 already exists; `pick` gives offline templates variety that is still
// reproducible: it chooses with the row's own seeded stream.
liquid.registerFilter('pick', function (this: { context: { environments: unknown } }, value: unknown) {
  const options = Array.isArray(value) ? value : String(value).split('|');
  if (options.length === 0) return '';
  const random = randomOf(this.context.environments);
  const i = random ? random.below(options.length) : 0;
  return options[i];
});

export interface CompiledTemplate {
  readonly source: string;
  readonly parsed: Template[];
  /** Top-level names the template reads (`customer` for `{{ customer.name }}`). */
  readonly variables: string[];
}

export function compileTemplate(source: string): CompiledTemplate {
  const parsed = liquid.parse(source);
  const variables = liquid.globalVariablesSync(parsed);
  return { source, parsed, variables: [...new Set(variables)] };
}

/** Renders with the row's values in scope; `random` drives `pick`. */
export function renderTemplate(t: CompiledTemplate, row: Record<string, unknown>, random?: Random): string {
  const scope: Scope = { ...row };
  if (random) scope[RANDOM] = random;
  return liquid.renderSync(t.parsed, scope) as string;
}

/** Evaluates a Liquid condition (`answer.size < 40`) against a row. */
export function compileCondition(condition: string): CompiledTemplate {
  return compileTemplate(`{% if ${condition} %}1{% endif %}`);
}

export function conditionHolds(t: CompiledTemplate, row: Record<string, unknown>): boolean {
  return renderTemplate(t, row) === '1';
}
