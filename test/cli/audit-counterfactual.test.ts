import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tandem } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';

const file = fixtures('audit-cf', '.json');
const dir = mkdtempSync(join(tmpdir(), 'tandem-audit-cf-'));
const db = join(dir, 'cf.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The offline `template` judge scores by record id, never by text: the probe runs end to end with no
// network and must find no shift. (The biased and unbiased model judges: test/stages/audit/counterfactual.test.ts.)
describe('tandem audit counterfactual', { timeout: 120_000 }, () => {
  it('probes the dataset judge, stores a counterfactual audit, and lists and shows it', () => {
    const settings = file(
      JSON.stringify({
        fields: [{ name: 'text', type: 'text' }],
        questions: [{ name: 'ok', type: 'label', options: ['yes', 'no'] }],
        checks: {
          judge: {
            provider: 'template',
            criteria: [{ name: 'helpful', description: 'Helpful?', scale: [1, 5] }],
          },
        },
      }),
    );
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        id: `c${i}`,
        language: 'en',
        text: i % 2 ? `She asked about order ${i}.` : `John asked about order ${i}.`,
      }),
    );
    const data = fixtures('audit-cf-data', '.jsonl')(`${lines.join('\n')}\n`);
    const imp = tandem(['import', data, '--dataset', 'cf', '--settings', settings, '--db', db]);
    expect(imp.code, imp.stderr).toBe(0);

    const r = tandem([
      'audit',
      'counterfactual',
      '--dataset',
      'cf',
      '--sample',
      '20',
      '--swaps',
      'names,pronouns',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ kind: 'counterfactual', records: 30, eligible: 30, sampled: 20 });
    expect(
      out.swaps.map((s: { type: string; flagged: boolean; mean: number }) => [s.type, s.flagged, s.mean]),
    ).toEqual([
      ['names', false, 0],
      ['pronouns', false, 0],
    ]);
    const list = JSON.parse(
      tandem(['audit', 'list', '--kind', 'counterfactual', '--db', db, '--json']).stdout,
    );
    expect(list).toHaveLength(1);
    const show = tandem(['audit', 'show', String(out.audit), '--db', db]);
    expect(show.stdout).toContain('counterfactual');
    expect(show.stdout).toContain('mean shift +0.000');

    const bad = tandem(['audit', 'counterfactual', '--dataset', 'cf', '--swaps', 'jobs', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown swap type 'jobs'");
  });
});
