import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { dryRun } from '../../../src/stages/generate/run/dry-run.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { openStore } from '../../../src/store/connect.js';
import { fixtures } from '../../helpers/files.js';
import { runInProcess } from '../../helpers/in-process.js';

/**
 * The ready-made task recipes (Self-Instruct, instruction backtranslation, Prometheus grading): each
 * loads, renders its seed data into its prompts, and runs offline through the CLI as its header
 * says, storing the fields its `dataset:` names. Offline answers are the recipes' `offline:`
 * templates, and the template judge scores 3–5, so counts are exact where the recipe fixes them.
 */

const examples = new URL('../../../examples/', import.meta.url).pathname;
const file = fixtures('example-tasks', '.db');

interface Exported {
  status: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  provenance: { row: number };
}

const recipePath = (name: string) => join(examples, name, 'recipe.yaml');
const load = (name: string) => loadRecipe(readFileSync(recipePath(name), 'utf8'), recipePath(name));
const seedRows = (name: string, seedFile: string) =>
  readFileSync(join(examples, name, seedFile), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** `tandem generate RECIPE --provider template`, then the lossless export, both in this process. */
async function runOffline(name: string, count?: number) {
  const db = file('');
  const args = ['generate', recipePath(name), '--provider', 'template', '--db', db, '--json'];
  const gen = await runInProcess(count === undefined ? args : [...args, '--count', String(count)]);
  expect(gen.code, gen.stderr).toBe(0);
  const exp = await runInProcess(['export', '--dataset', name, '--format', 'jsonl', '--db', db]);
  expect(exp.code, exp.stderr).toBe(0);
  const records = exp.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Exported)
    .sort((a, b) => a.provenance.row - b.provenance.row);
  return { db, summary: JSON.parse(gen.stdout), records };
}

/** `tandem export` of every record (review not done yet) in a training format, one object a line. */
async function exportAll(db: string, dataset: string, format: string) {
  const r = await runInProcess([
    'export',
    '--dataset',
    dataset,
    '--format',
    format,
    '--status',
    'all',
    '--db',
    db,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('examples/self-instruct', () => {
  const seeds = seedRows('self-instruct', 'seed-tasks.jsonl');

  it('shows seed tasks as the start of the list, and one with its input and output as the worked example', async () => {
    const d = await dryRun(load('self-instruct'), { show: 1, sample: 3 });
    const [list, instance] = d.rows[0]!.calls;
    expect([list!.column, instance!.column]).toEqual(['new_tasks', 'instance']);
    // demo_1 is sequential: row 0 shows the first seed task first
    expect(list!.messages.at(-1)!.content).toContain(`1. ${seeds[0]!.instruction}`);
    expect(instance!.messages.at(-1)!.content).toContain(`Input: ${seeds[0]!.input}`);
    expect(instance!.messages.at(-1)!.content).toContain(`Output: ${seeds[0]!.output}`);
  });

  it('stores one new task per row as instruction, input and output, dropping copies of a demonstration', async () => {
    const { db, summary, records } = await runOffline('self-instruct', 9);
    // Offline, task 3 of every list copies demo_1: rows 2, 5 and 8 keep it and are dropped.
    expect(summary.rows).toMatchObject({ stored: 6, dropped: 3, failed: 0 });
    expect(summary.dropped).toEqual(
      [2, 5, 8].map((row) => expect.objectContaining({ row, validator: 'close_to_demonstration' })),
    );
    expect(records.map((r) => r.provenance.row)).toEqual([0, 1, 3, 4, 6, 7]);
    const instructions = new Set(seeds.map((s) => s.instruction));
    for (const r of records) {
      expect(Object.keys(r.fields)).toEqual(['instruction', 'input', 'output']);
      expect(instructions.has(r.fields.instruction)).toBe(false);
      expect(r.metadata.overlap).toBeLessThanOrEqual(0.7);
      expect(r.status).toBe('new');
    }
    // Classification tasks (the second of each offline list) are answered label-first.
    for (const r of records.filter((x) => x.provenance.row % 3 === 1)) {
      expect(['sports', 'politics', 'science']).toContain(r.fields.output);
      expect(r.metadata.label).toBe(r.fields.output);
      expect(r.fields.input).not.toBe('');
    }
    const alpaca = await exportAll(db, 'self-instruct', 'alpaca');
    expect(alpaca).toHaveLength(6);
    expect(Object.keys(alpaca[0]!).sort()).toEqual(['input', 'instruction', 'output']);
  });

  it("drops the paper's other rejects: three words or fewer, and tasks needing images or maps", async () => {
    const text = readFileSync(recipePath('self-instruct'), 'utf8');
    const first = /- instruction: "\{\{ 'Write a limerick[^\n]*/;
    const second = '- instruction: Label the news headline as sports, politics or science.';
    expect(text).toMatch(first);
    expect(text).toContain(second);
    const broken = text
      .replace(first, '- instruction: Draw a map of your street.')
      .replace(second, '- instruction: Sort these words.');
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(broken, recipePath('self-instruct'));
      const s = await runGeneration(store, { recipe, count: 3, provider: 'template', actor: 'test' });
      expect(s.rows.stored).toBe(0);
      expect(s.dropped.map((d) => [d.row, d.validator])).toEqual([
        [0, 'needs_other_media'],
        [1, 'too_short'],
        [2, 'close_to_demonstration'],
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('examples/instruction-backtranslation', () => {
  const texts = seedRows('instruction-backtranslation', 'texts.jsonl');

  it('asks for the instruction a text answers, then has the pair curated', async () => {
    const d = await dryRun(load('instruction-backtranslation'), { show: 1, sample: 3 });
    const [write, curate] = d.rows[0]!.calls;
    expect([write!.column, curate!.column]).toEqual(['instruction', 'curation']);
    expect(write!.messages.at(-1)!.content).toContain(String(texts[0]!.text));
    const judged = curate!.messages.at(-1)!.content;
    expect(judged).toContain(`Candidate answer: ${texts[0]!.text}`);
    expect(judged).toMatch(/quality \(1–5\)/);
  });

  it('stores instruction and output pairs rated 4 or 5, and drops the rest', async () => {
    const { db, summary, records } = await runOffline('instruction-backtranslation');
    expect(summary.rows.stored + summary.rows.dropped).toBe(texts.length);
    expect(summary.rows.failed).toBe(0);
    // The template judge scores 3, 4 or 5: some pairs fall below the bar.
    expect(summary.rows.dropped).toBeGreaterThan(0);
    expect(new Set(summary.dropped.map((d: { validator: string }) => d.validator))).toEqual(
      new Set(['self_curation']),
    );
    expect(records).toHaveLength(summary.rows.stored);
    for (const r of records) {
      const text = texts[r.provenance.row]!;
      expect(Object.keys(r.fields)).toEqual(['instruction', 'output']);
      expect(r.fields.output).toBe(text.text);
      expect(String(r.fields.instruction)).toContain(String(text.title).toLowerCase());
      expect(r.metadata).toEqual({ score: expect.any(Number), source: text.id });
      expect(r.metadata.score).toBeGreaterThanOrEqual(4);
    }
    const alpaca = await exportAll(db, 'instruction-backtranslation', 'alpaca');
    expect(alpaca.map((a) => a.output)).toEqual(records.map((r) => r.fields.output));
  });
});

describe('examples/prometheus-judge', () => {
  const items = seedRows('prometheus-judge', 'responses.jsonl');

  it('grades the response against the reference answer and a rubric describing every score', async () => {
    const d = await dryRun(load('prometheus-judge'), { show: 1, sample: 3 });
    const [grade] = d.rows[0]!.calls;
    expect(grade!.column).toBe('grade');
    const prompt = grade!.messages.at(-1)!.content;
    expect(prompt).toContain(String(items[0]!.instruction));
    expect(prompt).toContain(String(items[0]!.response));
    expect(prompt).toContain(`Reference answer (score 5):\n${items[0]!.reference_answer}`);
    for (let s = 1; s <= 5; s++) expect(prompt).toContain(`Score ${s}: `);
  });

  it('stores every graded response with its feedback, and the score as metadata', async () => {
    const { summary, records } = await runOffline('prometheus-judge');
    expect(summary.rows).toMatchObject({ stored: items.length, dropped: 0, failed: 0, flagged: 0 });
    expect(records).toHaveLength(items.length);
    for (const r of records) {
      const item = items[r.provenance.row]!;
      expect(Object.keys(r.fields)).toEqual(['instruction', 'response', 'reference_answer', 'feedback']);
      expect(r.fields).toMatchObject({
        instruction: item.instruction,
        response: item.response,
        reference_answer: item.reference_answer,
      });
      expect(String(r.fields.feedback).length).toBeGreaterThanOrEqual(20);
      expect(Number.isInteger(r.metadata.score)).toBe(true);
      expect(r.metadata.score).toBeGreaterThanOrEqual(1);
      expect(r.metadata.score).toBeLessThanOrEqual(5);
    }
  });
});

describe('the task recipes’ headers', () => {
  const exported = [
    ['self-instruct', 'alpaca'],
    ['instruction-backtranslation', 'alpaca'],
    ['prometheus-judge', 'jsonl'],
  ] as const;
  for (const [name, format] of exported)
    it(`${name} cites its method and gives dry-run, offline and export commands for itself`, () => {
      const text = readFileSync(recipePath(name), 'utf8');
      expect(text).toMatch(/^# Method: .+\(\d{4}\), ".+/m);
      expect(text).toMatch(/arXiv:\d{4}\.\d{5}/);
      const commands = text
        .split('\n')
        .filter((l) => l.startsWith('#   tandem '))
        .map((l) => l.slice(4));
      const generate = commands.filter((c) => c.startsWith('tandem generate '));
      for (const c of generate) expect(c).toMatch(`tandem generate examples/${name}/recipe.yaml `);
      expect(generate.some((c) => c.includes(' --dry-run'))).toBe(true);
      expect(generate.some((c) => c.includes(' --provider template'))).toBe(true);
      const { recipe } = load(name);
      const dataset = recipe.dataset.name ?? recipe.name;
      expect(commands).toContainEqual(
        expect.stringContaining(`tandem export --dataset ${dataset} --format ${format} `),
      );
    });
});
