import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipeJsonSchema } from '../../../src/stages/generate/recipe/json-schema.js';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { dryRun } from '../../../src/stages/generate/run/dry-run.js';
import { fixtures } from '../../helpers/files.js';
import { recipeError } from '../../helpers/recipes.js';

const file = fixtures('recipe', '.yaml');

const errorOf = recipeError;

const base = `name: r
columns:
  - name: topic
    sampler: category
    values: [a, b]
`;

describe('recipe validation', () => {
  it('names an unknown key and its line, inside the kind of column it is', () => {
    const e = errorOf(`${base}  - name: q\n    llm: text\n    promt: "x"\n    prompt: "y"\n`);
    expect(e.code).toBe('bad_input');
    expect(e.message).toBe("r.yaml:8:5: columns.1.promt: unknown key 'promt'");
  });

  it('says which keys make a column when none is there, or two are', () => {
    expect(errorOf(`${base}  - name: q\n    prompt: "x"\n`).message).toMatch(
      /r\.yaml:6:5: columns\.1: a column needs one of 'sampler', 'seed', 'llm', 'expression', 'judge'/,
    );
    expect(
      errorOf(`${base}  - name: q\n    llm: text\n    expression: "x"\n    prompt: x\n`).reason,
    ).toContain("a column has one kind, found 'llm' and 'expression'");
  });

  it('rejects a template that reads a column not computed yet, pointing at it', () => {
    const e = errorOf(
      `${base}  - name: q\n    llm: text\n    prompt: "{{ answer }} about {{ topic }}"\n  - name: answer\n    expression: "x"\n`,
    );
    expect(e.message).toBe(
      "r.yaml:8:5: columns.1.prompt: 'answer' is not an earlier column (earlier: topic)",
    );
  });

  it('rejects a template that does not parse and an unknown filter', () => {
    expect(errorOf(`${base}  - name: q\n    expression: "{% if topic %}open"\n`).reason).toMatch(
      /template does not parse: .*not closed/,
    );
    expect(errorOf(`${base}  - name: q\n    expression: "{{ topic | shout }}"\n`).reason).toMatch(
      /undefined filter: shout/,
    );
  });

  it('checks subcategories against their parent, persons against their locale column', () => {
    const sub = `${base}  - name: sub\n    sampler: subcategory\n    parent: topic\n    values:\n      a: [x, y]\n`;
    expect(errorOf(sub).reason).toBe('columns.1.values: no values listed for topic = b');
    const typo = `${base}  - name: sub\n    sampler: subcategory\n    parent: topic\n    values:\n      a: [x]\n      b: [y]\n      c: [z]\n`;
    expect(errorOf(typo).reason).toBe("columns.1.values: 'c' is not a value of topic");
    const person = `${base}  - name: who\n    sampler: person\n    locale_from: lang\n`;
    expect(errorOf(person).reason).toBe("columns.1.locale_from: 'lang' is not an earlier column");
    const due = `${base}  - name: due\n    sampler: timedelta\n    min: 1\n    max: 3\n    unit: days\n    from: topic\n`;
    const e = errorOf(due);
    expect(e.reason).toBe(
      "columns.1.from: 'topic' is not an earlier datetime (or timedelta with from) column",
    );
    expect(e.location?.line).toBe(11);
  });

  it('checks that dataset fields and metadata name columns, and validators give one condition', () => {
    expect(
      errorOf(`${base}  - name: q\n    expression: x\ndataset:\n  fields: [{ name: text, column: nope }]\n`)
        .reason,
    ).toBe("dataset.fields.0: 'nope' is not a column of this recipe");
    expect(
      errorOf(`${base}validators:\n  - name: v\n    fail_if: "topic == 'a'"\n    pass_if: "topic == 'b'"\n`)
        .reason,
    ).toContain('give exactly one of fail_if and pass_if');
  });

  it('rejects a JSON Schema the validator cannot read before any row runs', () => {
    const e = errorOf(
      `${base}  - name: q\n    llm: structured\n    prompt: x\n    schema: { type: objekt }\n`,
    );
    expect(e.message).toBe(
      'r.yaml:9:13: columns.1.schema: not a JSON Schema the validator can read: Unsupported type: objekt',
    );
  });

  it('reports a missing seed file and a bad seed line with its location', () => {
    expect(errorOf(`${base}  - name: d\n    seed: { file: nowhere.jsonl }\n`, file('')).reason).toMatch(
      /cannot be read/,
    );
    const seeds = file('{"a": 1}\nnot json\n', '.jsonl');
    const e = errorOf(`${base}  - name: d\n    seed: { file: ${seeds} }\n`);
    expect(e.location).toMatchObject({ file: seeds, line: 2 });
  });

  it('matches the committed JSON Schema (run `npm run schema` after changing recipes)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../schemas/recipe.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(recipeJsonSchema());
  });
});

describe('dry run estimates', () => {
  it('count a judge by its criteria, an unwritten answer by max_tokens, and price the whole run', async () => {
    const recipe = loadRecipe(
      `name: est
count: 1000
provider: openai:gpt-4o-mini
columns:
  - name: topic
    sampler: category
    values: [a, b]
  - name: answer
    llm: text
    max_tokens: 100
    prompt: "Write about {{ topic }}"
  - name: score
    judge:
      target: "{{ answer }}"
      criteria:
        - { name: clear, description: Clear. }
        - { name: right, description: Right. }
`,
      'est.yaml',
    );
    const d = await dryRun(recipe, { sample: 10 });
    const [e] = d.estimates;
    expect(e).toMatchObject({
      provider: 'openai:gpt-4o-mini',
      calls: 2000,
      outputTokens: 1000 * (100 + 2 * 80),
    });
    // gpt-4o-mini list price: $0.15 in, $0.60 out per million tokens.
    expect(e!.costUsd).toBeCloseTo((e!.inputTokens * 0.15 + e!.outputTokens * 0.6) / 1e6, 8);
    expect(d.rows[0]!.calls.map((c) => c.column)).toEqual(['answer', 'score']);
  });
});

describe('the shipped example recipes', () => {
  const root = new URL('../../../examples/', import.meta.url).pathname;
  const recipes = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /recipe\.yaml$/.test(f),
  );

  it('are all found', () => {
    expect(recipes.sort()).toEqual([
      'evol-instruct/recipe.yaml',
      'grounded-qa/recipe.yaml',
      'instruction-backtranslation/recipe.yaml',
      'preference-pairs/recipe.yaml',
      'prometheus-judge/recipe.yaml',
      'self-instruct/recipe.yaml',
      'support-conversations/demo-recipe.yaml',
      'support-conversations/recipe.yaml',
    ]);
  });

  for (const r of recipes) {
    it(`${r} loads and renders its prompts`, async () => {
      const path = join(root, r);
      const recipe = loadRecipe(readFileSync(path, 'utf8'), path);
      const d = await dryRun(recipe, { show: 1, sample: 3 });
      expect(d.rows[0]!.calls.length).toBeGreaterThan(0);
      for (const c of d.rows[0]!.calls) for (const m of c.messages) expect(m.content).not.toMatch(/\{\{|\{%/);
    });
  }
});
