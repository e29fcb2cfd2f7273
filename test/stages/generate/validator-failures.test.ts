import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, formatRate } from '../../../src/cli/commands/generate.js';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { backends } from '../../helpers/stores.js';

const recipe = loadRecipe(
  `
name: vals
count: 10
columns:
  - name: text
    llm: text
    prompt: "Say {{ row_index }}"
    offline: "row {{ row_index }}"
validators:
  - name: late_rows
    fail_if: "row_index >= 5"
    action: drop
    message: late rows teach nothing
  - name: early
    fail_if: "row_index < 2"
    action: flag
`,
  'r.yaml',
);

for (const b of backends()) {
  describe.skipIf(b.skip)(`rows validators dropped or flagged, on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());
    it('name the validator and its message in the summary, in --json and in the event log', async () => {
      const store = await backend.open();
      try {
        const s = await runGeneration(store, { recipe, actor: 't' });
        expect(s.rows).toMatchObject({ dropped: 5, stored: 5, flagged: 2 });
        expect([...s.validators].sort((a, b) => a.validator.localeCompare(b.validator))).toEqual([
          { validator: 'early', action: 'flag', rows: 2, message: 'failed: row_index < 2' },
          { validator: 'late_rows', action: 'drop', rows: 5, message: 'late rows teach nothing' },
        ]);
        expect(s.dropped.map((d) => d.row).sort()).toEqual([5, 6, 7, 8, 9]);
        expect(s.dropped[0]).toMatchObject({ validator: 'late_rows', message: 'late rows teach nothing' });
        const d = await store.datasets.get('vals');
        const events = (await store.events.list({ datasetId: d.id })).filter(
          (e) => e.action === 'generation.row_dropped',
        );
        expect(events).toHaveLength(5);
        expect(events[0]!.after).toMatchObject({
          validator: 'late_rows',
          message: 'late rows teach nothing',
        });
        const text = describeRun(s).join('\n');
        expect(text).toContain('5 dropped by validator late_rows: late rows teach nothing');
        expect(text).toContain('2 flagged by validator early: failed: row_index < 2');
      } finally {
        await store.close();
      }
    });
  });
}

describe('formatRate', () => {
  it('keeps slow rates readable with their unit', () => {
    expect(formatRate(12.34)).toBe('12.3 rows/s');
    expect(formatRate(0.1)).toBe('0.1 rows/s');
    expect(formatRate(0.05)).toBe('3.0 rows/min');
    expect(formatRate(0.0005)).toBe('1.80 rows/h');
    expect(formatRate(0)).toBe('0.0 rows/s');
  });
});

describe('progress without a terminal', () => {
  it('prints a plain line at most every 10 s, and folds bursts of retry lines into one', async () => {
    const { plainProgress } = await import('../../../src/cli/commands/generate.js');
    let t = 0;
    const lines: string[] = [];
    const p = plainProgress(
      (l) => lines.push(l),
      () => t,
    );
    const at = (done: number) => ({
      done,
      total: 100,
      inputTokens: 10 * done,
      outputTokens: done,
      costUsd: 0,
    });
    t = 5_000;
    p.update(at(5));
    expect(lines).toEqual([]);
    t = 10_000;
    p.update(at(10));
    expect(lines).toEqual(['generate: 10/100 rows, 1.0 rows/s, 110 tokens, $0.0000']);
    for (let i = 0; i < 50; i++) p.log(`retry 1 in 500 ms: rate limited (429)`);
    t = 20_000;
    p.log('retry 2 in 900 ms: rate limited (429)');
    expect(lines.slice(1)).toEqual([
      'retry 1 in 500 ms: rate limited (429)',
      'retry 2 in 900 ms: rate limited (429) (and 49 more retries)',
    ]);
  });
});
