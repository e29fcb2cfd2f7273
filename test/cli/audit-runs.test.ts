import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tandem } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';

const file = fixtures('audit-runs', '.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'tandem-audit-cli-'));
const db = join(dir, 'audit.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const lines = Array.from({ length: 60 }, (_, i) =>
    JSON.stringify({
      id: `c${i}`,
      language: i < 40 ? 'en' : 'de',
      intent: i % 2 ? 'refund' : 'shipping',
      text: i < 40 ? `The woman asked about order ${i}.` : `Die Frau fragt nach Bestellung ${i}.`,
    }),
  );
  const r = tandem([
    'import',
    file(`${lines.join('\n')}\n`),
    '--dataset',
    'sup',
    '--metadata',
    'intent',
    '--db',
    db,
  ]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

// Each run of the bin starts Node afresh: on a loaded machine a few seconds each.
describe('tandem audit representation | factual | verdict | list | show', { timeout: 180_000 }, () => {
  it('stores a representation audit and shows it', () => {
    const r = tandem([
      'audit',
      'representation',
      '--dataset',
      'sup',
      '--by',
      'language,intent',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.records).toBe(60);
    expect(out.dimensions.map((d: { name: string }) => d.name)).toEqual(['language', 'intent']);
    expect(out.descriptors.terms.find((t: { term: string }) => t.term === 'woman').records).toBe(40);
    expect(out.descriptors.terms.find((t: { term: string }) => t.term === 'frau').records).toBe(20);
    const list = JSON.parse(tandem(['audit', 'list', '--dataset', 'sup', '--db', db, '--json']).stdout);
    expect(list[0]).toMatchObject({ id: out.audit, kind: 'representation', status: 'done' });
    const show = tandem(['audit', 'show', String(out.audit), '--db', db]);
    expect(show.stdout).toContain('language (builtin)');
    expect(show.stdout).toContain('en ');
  });

  it('exits 2 on an unknown dimension and on a bad lexicon row, naming them, and stores nothing', () => {
    const before = JSON.parse(tandem(['audit', 'list', '--db', db, '--json']).stdout).length;
    const r = tandem(['audit', 'representation', '--dataset', 'sup', '--by', 'mood', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown dimension 'mood'");
    const lex = file('axis\tterm\tlanguage\tsource\ngender\twoman\ten\tme\nplanet\tmars\ten\tme\n', '.tsv');
    const bad = tandem(['audit', 'representation', '--dataset', 'sup', '--lexicon', lex, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${lex}:3: unknown axis 'planet'`);
    expect(JSON.parse(tandem(['audit', 'list', '--db', db, '--json']).stdout).length).toBe(before);
  });

  it('draws a factual sample, takes verdicts and shows the estimate; refuses a sample larger than the dataset', {
    timeout: 180_000,
  }, () => {
    const r = tandem([
      'audit',
      'factual',
      '--dataset',
      'sup',
      '--sample',
      '6',
      '--strata',
      'language',
      '--seed',
      '5',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.strata.map((s: { key: string; n: number }) => [s.key, s.n])).toEqual([
      ['language=de', 2],
      ['language=en', 4],
    ]);
    const show = JSON.parse(tandem(['audit', 'show', String(a.audit), '--db', db, '--json']).stdout);
    expect(show.results.pending).toBe(6);
    const items: { recordId: number }[] = show.items;
    expect(items).toHaveLength(6);
    for (const [k, it] of items.entries()) {
      const args = [
        'audit',
        'verdict',
        String(a.audit),
        String(it.recordId),
        '--verdict',
        k < 2 ? 'incorrect' : 'correct',
      ];
      const v = tandem([...args, ...(k < 2 ? ['--claim', 'the order number'] : []), '--db', db]);
      expect(v.code, v.stderr).toBe(0);
    }
    const done = JSON.parse(tandem(['audit', 'show', String(a.audit), '--db', db, '--json']).stdout);
    expect(done).toMatchObject({ status: 'done', results: { audited: 6, incorrect: 2, pending: 0 } });
    expect(done.results.errorRate.lo).toBeLessThan(1 / 3);
    expect(tandem(['audit', 'show', String(a.audit), '--db', db]).stdout).toContain(
      'Error rate (stratified, 95%)',
    );
    const v = tandem(['audit', 'verdict', String(a.audit), '999999', '--verdict', 'correct', '--db', db]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('not in the sample');
    const bad = tandem(['audit', 'verdict', String(a.audit), '1', '--verdict', 'maybe', '--db', db]);
    expect(bad.code).toBe(2);

    const big = tandem(['audit', 'factual', '--dataset', 'sup', '--sample', '61', '--db', db]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('--sample 61 is larger than the 60 records to audit');
  });
});
