import { describe, expect, it } from 'vitest';
import { disagreementOf } from '../../src/core/answer-compare.js';
import type { DatasetRecord } from '../../src/core/record.js';
import { parseSettings } from '../../src/core/settings-file.js';
import { loadYaml } from '../../src/core/yaml-source.js';
import { recordTexts } from '../../src/stages/checks/record-texts.js';
import { loadRecipe } from '../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../src/stages/generate/run/run-generation.js';
import { validateAnswer } from '../../src/stages/review/answers.js';
import { openStore } from '../../src/store/connect.js';

// Names of Object.prototype members are ordinary names in settings and recipes: a record, answer or
// row that lacks one reads undefined, never the prototype's function. `__proto__` is refused clearly.

const SETTINGS = `
fields:
  - { name: text, type: text }
  - { name: constructor, type: text, required: false }
  - { name: toString, type: text, required: false }
questions:
  - { name: hasOwnProperty, type: label, options: [yes, no] }
  - { name: constructor, type: label, options: [toString, valueOf], required: false }
  - { name: valueOf, type: text, required: false }
`;

const record = (fields: Record<string, unknown>): DatasetRecord => ({
  id: 1,
  datasetId: 1,
  externalId: 'r1',
  fields,
  metadata: {},
  provenance: { origin: 'human', author: 't' },
  contentHash: 'x',
  language: null,
  status: 'new',
  finalValues: null,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
});

describe('settings with prototype-named fields and questions', () => {
  const settings = parseSettings(SETTINGS, 'settings.yaml');

  it('parses them as ordinary names', () => {
    expect(settings.fields.map((f) => f.name)).toEqual(['text', 'constructor', 'toString']);
    expect(settings.questions.map((q) => q.name)).toEqual(['hasOwnProperty', 'constructor', 'valueOf']);
  });

  it('reads a record without those fields as not having them', () => {
    const t = recordTexts(record({ text: 'hello' }), settings);
    expect(t.parts).toEqual([{ field: 'text', text: 'hello' }]);
    expect(t.joined).toBe('hello');
  });

  it('validates answers by own keys: a missing required question is missing, unanswered ones are unanswered', () => {
    expect(() => validateAnswer(settings, record({ text: 'x' }), {}, 'submitted')).toThrow(
      /answer the required question hasOwnProperty/,
    );
    expect(validateAnswer(settings, record({ text: 'x' }), { hasOwnProperty: 'yes' }, 'submitted')).toEqual({
      hasOwnProperty: 'yes',
    });
    // Two answers alike on the one question answered: no disagreement (a prototype read would see
    // `constructor` and `valueOf` answered with functions).
    const a = { status: 'submitted' as const, values: { hasOwnProperty: 'yes' } };
    expect(disagreementOf(settings.questions, [a, { ...a }])).toBe(0);
    expect(
      disagreementOf(settings.questions, [a, { status: 'submitted', values: { hasOwnProperty: 'no' } }]),
    ).toBe(0.5);
  });

  it("refuses a field named '__proto__' and a key '__proto__' anywhere, at its line", () => {
    expect(() =>
      parseSettings(
        'fields:\n  - { name: __proto__, type: text }\nquestions:\n  - { name: q, type: text }\n',
        's.yaml',
      ),
    ).toThrow(/fields\.0\.name: '__proto__' is reserved/);
    expect(() =>
      parseSettings('fields:\n  - name: text\n    __proto__: { type: json }\nquestions: []\n', 's.yaml'),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringContaining("fields.0.__proto__: '__proto__' cannot be a key"),
        location: expect.objectContaining({ line: 3 }),
      }),
    );
    expect(() => loadYaml('a:\n  b:\n    - { __proto__: 1 }\n', 'x.yaml')).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ line: 3 }) }),
    );
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});

const RECIPE = `
name: proto
seed: 3
count: 6
provider: template
columns:
  - name: constructor
    sampler: category
    values: [toString, hasOwnProperty, valueOf]
  - name: hasOwnProperty
    sampler: subcategory
    parent: constructor
    values:
      toString: [a]
      hasOwnProperty: [b]
      valueOf: [c]
  - name: toString
    expression: "{{ constructor }}-{{ hasOwnProperty }}"
  - name: question
    llm: text
    prompt: "Q {{ constructor }} {{ toString }}"
    offline: "about {{ toString }}"
coverage:
  rare_share: 0.2
dataset:
  fields:
    - { name: question }
    - { name: toString }
  metadata: [constructor, hasOwnProperty]
`;

describe('recipes with prototype-named columns and sampler values', () => {
  it('generates with them as ordinary names and values', async () => {
    const store = await openStore(':memory:');
    try {
      const recipe = loadRecipe(RECIPE, 'proto.yaml');
      const run = await runGeneration(store, { recipe, actor: 'test' });
      expect(run.rows.stored).toBe(6);
      const d = await store.datasets.get('proto');
      const rows = [];
      for await (const page of store.records.stream(d.id)) rows.push(...page);
      const child = { toString: 'a', hasOwnProperty: 'b', valueOf: 'c' } as Record<string, string>;
      for (const r of rows) {
        const metadata = new Map(Object.entries(r.metadata));
        const parent = metadata.get('constructor') as string;
        expect(['toString', 'hasOwnProperty', 'valueOf']).toContain(parent);
        expect(metadata.get('hasOwnProperty')).toBe(child[parent]);
        expect(r.fields).toEqual({
          question: `about ${parent}-${child[parent]}`,
          toString: `${parent}-${child[parent]}`,
        });
      }
    } finally {
      await store.close();
    }
  });

  it("refuses a column named '__proto__' and a '__proto__' key in a sampler's values", () => {
    expect(() =>
      loadRecipe(
        'name: p\ncount: 1\nprovider: template\ncolumns:\n  - { name: __proto__, sampler: category, values: [a] }\ndataset:\n  fields: [{ name: __proto__ }]\n',
        'p.yaml',
      ),
    ).toThrow(/'__proto__' is reserved/);
    expect(() =>
      loadRecipe(
        'name: p\ncount: 1\nprovider: template\ncolumns:\n  - { name: c, sampler: category, values: [a, __proto__] }\n  - name: s\n    sampler: subcategory\n    parent: c\n    values:\n      a: [x]\n      __proto__: [y]\ndataset:\n  fields: [{ name: s }]\n',
        'p.yaml',
      ),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringContaining("columns.1.values.__proto__: '__proto__' cannot be a key"),
        location: expect.objectContaining({ line: 11 }),
      }),
    );
  });
});
