import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tandem } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';

const file = fixtures('cli-generate', '.yaml');
const examples = new URL('../../examples/', import.meta.url).pathname;

describe('tandem generate', () => {
  it('--dry-run prints prompts and a cost estimate, and stores nothing', () => {
    const db = `${file('', '.db')}.new`;
    const r = tandem(['generate', `${examples}grounded-qa/recipe.yaml`, '--dry-run', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.count).toBe(48);
    expect(d.rows).toHaveLength(3);
    expect(d.rows[0].calls[0].messages[1].content).toContain('Caring for your tent');
    expect(d.estimates[0]).toMatchObject({ provider: 'openai:gpt-4o-mini', calls: 48 });
    expect(d.estimates[0].costUsd).toBeGreaterThan(0);
    expect(() => readFileSync(db)).toThrow();
  });

  it('an unknown model has no made-up price', () => {
    const r = tandem([
      'generate',
      `${examples}grounded-qa/recipe.yaml`,
      '--dry-run',
      '--provider',
      'openai:my-local-llama',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('unknown (model not in the price list)');
  });

  it('runs a recipe offline with --provider template, then tops it up with --count', () => {
    const db = file('', '.db');
    const recipe = `${examples}evol-instruct/recipe.yaml`;
    const first = tandem([
      'generate',
      recipe,
      '--provider',
      'template',
      '--count',
      '10',
      '--db',
      db,
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const s = JSON.parse(first.stdout);
    expect(s).toMatchObject({ dataset: 'evol-instruct', provider: 'template', rows: { wanted: 10 } });
    expect(s.rows.stored + s.rows.dropped).toBe(10);
    expect(s.diversity.text.rows).toBe(s.rows.stored);
    // template answers cost nothing and are not cached: the total over runs is zero, not unknown
    expect(s.total).toMatchObject({ costUsd: 0, answers: 0 });
    const more = JSON.parse(
      tandem(['generate', recipe, '--provider', 'template', '--count', '15', '--db', db, '--json']).stdout,
    );
    expect(more.rows.alreadyStored).toBe(s.rows.stored);
    const human = tandem(['generate', recipe, '--provider', 'template', '--count', '15', '--db', db]);
    expect(human.stdout).toMatch(/Generated 0 rows into 'evol-instruct'/);
    expect(human.stdout).toMatch(/distinct n-grams/);
    expect(human.stdout).toMatch(
      /in all, over every run of this recipe and seed: \$0\.0000 for the \d+ stored rows/,
    );
  });

  it('exits 1 when no row could be stored, and removes the empty dataset the run created', async () => {
    const db = file('', '.db');
    const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
    // Nothing listens on port 9 (discard): every call is refused.
    process.env.OPENAI_API_KEY = 'test';
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    try {
      const r = await runInProcess([
        'generate',
        `${examples}grounded-qa/recipe.yaml`,
        '--count',
        '2',
        '--db',
        db,
      ]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('0 of 2 rows stored');
      expect(r.stderr).toContain("Removed the empty dataset 'grounded-qa'");
      const list = await runInProcess(['datasets', 'list', '--db', db, '--json']);
      expect(JSON.parse(list.stdout).datasets).toEqual([]);
    } finally {
      for (const [k, v] of [
        ['OPENAI_API_KEY', saved.key],
        ['OPENAI_BASE_URL', saved.url],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }, 120_000);

  it('exits 2 with file:line for a bad recipe and for an unknown provider', () => {
    const bad = file('name: x\ncolumns:\n  - name: a\n    sampler: category\n    valuez: [1]\n');
    const r = tandem(['generate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:5:5: columns.0.valuez: unknown key 'valuez'`);
    const p = tandem([
      'generate',
      `${examples}grounded-qa/recipe.yaml`,
      '--provider',
      'gemini:pro',
      '--dry-run',
    ]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain("unknown provider 'gemini:pro'");
    expect(tandem(['generate', file('').replace('.yaml', '-missing.yaml')]).code).toBe(2);
  });

  it('--preview prints generated rows and their cost, stores no dataset, and refuses --dry-run with it', () => {
    const db = file('', '.db');
    const recipe = `${examples}evol-instruct/recipe.yaml`;
    const r = tandem(['generate', recipe, '--provider', 'template', '--preview', '2', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.rows.map((x: { row: number }) => x.row)).toEqual([0, 1]);
    expect(p.costUsd).toBe(0);
    const human = tandem(['generate', recipe, '--provider', 'template', '--preview', '1', '--db', db]);
    expect(human.stdout).toMatch(/Preview of 1 of \d+ rows of recipe evol-instruct/);
    expect(human.stdout).toMatch(/── row 0 · /);
    const list = tandem(['datasets', 'list', '--db', db, '--json']);
    expect(JSON.parse(list.stdout).datasets).toEqual([]);
    const both = tandem(['generate', recipe, '--preview', '1', '--dry-run', '--db', db]);
    expect(both.code).toBe(2);
  });

  it('prints the recipe JSON Schema', () => {
    const r = tandem(['schema', 'recipe']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe('Tandem generation recipe');
  });
});
