import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TandemError } from '../../../src/core/errors.js';
import { openParquetSink } from '../../../src/io/parquet-sink.js';
import { openSeeds } from '../../../src/stages/generate/recipe/compiled.js';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { backends } from '../../helpers/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-seed-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recipeFor = (file: string, extra = '') => `
name: seeded
count: 6
provider: template
columns:
  - name: doc
    seed: { file: "${file}"${extra} }
  - name: question
    expression: "{{ doc.title }}/{{ doc.n }}"
dataset:
  fields: [{ name: question, type: text }]
`;

const seedColumn = (recipe: ReturnType<typeof loadRecipe>) => {
  const c = recipe.columns[0]!;
  if (c.kind !== 'seed') throw new Error('not a seed column');
  return c.rows;
};

async function writeParquet(file: string, from: number, n: number): Promise<void> {
  const sink = openParquetSink(
    file,
    [
      { name: 'title', type: 'STRING' },
      { name: 'n', type: 'INT64' },
    ],
    { rowGroupSize: 3 },
  );
  await sink.write(Array.from({ length: n }, (_, i) => ({ title: `p${from + i}`, n: from + i })));
  await sink.close();
}

describe('seed data from Parquet, CSV and several files', () => {
  it('reads Parquet files named by a wildcard, in name order, as one table', async () => {
    await writeParquet(join(dir, 'part-b.parquet'), 4, 3);
    await writeParquet(join(dir, 'part-a.parquet'), 0, 4);
    writeFileSync(join(dir, 'other.parquet.txt'), 'not matched');
    const recipe = loadRecipe(recipeFor('part-*.parquet'), join(dir, 'r.yaml'));
    const table = seedColumn(recipe);
    await openSeeds(recipe);
    expect(table.length).toBe(7);
    expect(Array.from({ length: 7 }, (_, k) => table.get(k))).toEqual(
      Array.from({ length: 7 }, (_, k) => ({ title: `p${k}`, n: k })),
    );
  });

  it('reads CSV with quoted newlines, and a bad CSV row is bad input naming file and line', async () => {
    writeFileSync(join(dir, 'docs.csv'), 'title,n\n"two\nlines",1\nplain,2\n');
    const recipe = loadRecipe(recipeFor('docs.csv'), join(dir, 'r.yaml'));
    await openSeeds(recipe);
    const table = seedColumn(recipe);
    expect(table.length).toBe(2);
    expect(table.get(0)).toEqual({ title: 'two\nlines', n: '1' });
    expect(table.get(1)).toEqual({ title: 'plain', n: '2' });

    writeFileSync(join(dir, 'bad.csv'), 'title,n\nok,1\n"unterminated,2\n');
    const bad = loadRecipe(recipeFor('bad.csv'), join(dir, 'r.yaml'));
    const e = await openSeeds(bad).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TandemError);
    expect((e as TandemError).code).toBe('bad_input');
    expect((e as TandemError).location?.file).toBe(join(dir, 'bad.csv'));
    expect((e as TandemError).location?.line).toBe(3);
  });

  it('a wildcard that matches nothing, or a folder wildcard, fails the recipe with its line', () => {
    const none = () => loadRecipe(recipeFor('nothing-*.csv'), join(dir, 'r.yaml'));
    expect(none).toThrow(/matches no file/);
    try {
      none();
    } catch (e) {
      expect((e as TandemError).location?.line).toBe(7);
    }
    expect(() => loadRecipe(recipeFor('*/x.csv'), join(dir, 'r.yaml'))).toThrow(/file name only/);
  });

  it('streams a large JSONL file: memory grows by far less than the file, every row is readable', async () => {
    const file = join(dir, 'big.jsonl');
    const out = createWriteStream(file);
    const pad = 'x'.repeat(400);
    const rows = 200_000;
    for (let i = 0; i < rows; i++)
      if (!out.write(`{"title":"t${i}","n":${i},"pad":"${pad}"}\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(r));
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(80_000_000); // beyond the 64 MB a file may have to be read whole

    const recipe = loadRecipe(recipeFor('big.jsonl'), join(dir, 'r.yaml'));
    const table = seedColumn(recipe);
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - before.heapUsed - before.external);
    }, 5);
    await openSeeds(recipe);
    clearInterval(sampler);
    const after = process.memoryUsage();
    // Held whole, the objects would take more than the file; streamed, an index of 8 bytes a row.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(size / 4);
    expect(peak).toBeLessThan(size / 2);
    expect(table.length).toBe(rows);
    expect(table.get(rows - 1)).toMatchObject({ title: `t${rows - 1}`, n: rows - 1 });
    expect(table.get(123_456)).toMatchObject({ n: 123_456 });
  }, 60_000);
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`a run seeded from Parquet on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('hands out the rows in order (wrapping) and random draws stay within the table', async () => {
      await writeParquet(join(dir, 'run.parquet'), 0, 4);
      const store = await backend.open();
      try {
        const recipe = loadRecipe(recipeFor('run.parquet'), join(dir, 'r.yaml'));
        const summary = await runGeneration(store, { recipe, actor: 'test' });
        expect(summary.rows.stored).toBe(6);
        const d = await store.datasets.get('seeded');
        const got: string[] = [];
        for await (const batch of store.records.stream(d.id))
          for (const r of batch) got.push(String(r.fields.question));
        expect(got.sort()).toEqual(['p0/0', 'p0/0', 'p1/1', 'p1/1', 'p2/2', 'p3/3']);
      } finally {
        await store.close();
      }
    });
  });
}
