import { describe, expect, it } from 'vitest';
import { tandem } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';

const file = fixtures('cli-check', '.db');
const examples = new URL('../../examples/', import.meta.url).pathname;

describe('tandem check', () => {
  it('checks a generated dataset, prints a table, and exits 2 for an unknown check', () => {
    const db = `${file('')}.new`;
    const gen = tandem([
      'generate',
      `${examples}grounded-qa/recipe.yaml`,
      '--provider',
      'template',
      '--count',
      '16',
      '--db',
      db,
    ]);
    expect(gen.code, gen.stderr).toBe(0);
    const r = tandem(['check', '--dataset', 'grounded-qa', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.records).toBe(16);
    expect(s.checks.map((c: { check: string }) => c.check)).toEqual([
      'dedup',
      'pii',
      'language',
      'quality',
      'offensive',
    ]);
    // Offline answers quote the first sentence of one of 8 documents: 16 rows, 8 distinct texts.
    expect(s.checks[0]).toMatchObject({ check: 'dedup', failed: 8 });
    expect(s.byStatus.flagged + (s.byStatus.checked ?? 0)).toBe(16);
    const human = tandem(['check', '--dataset', 'grounded-qa', '--db', db, '--only', 'dedup']);
    expect(human.stdout).toMatch(/dedup\s+16\s+8\s+near-duplicate of a kept record \(8\)/);
    const bad = tandem(['check', '--dataset', 'grounded-qa', '--db', db, '--only', 'spelling']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown check 'spelling'");
  });
});
