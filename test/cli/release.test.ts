import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connect.js';
import { contextOf } from '../../src/store/store.js';
import { tandem, tandemAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-release-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dataFile(name: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        id: `c${i}`,
        language: ['en', 'de'][i % 2],
        intent: ['refund', 'status', 'billing'][i % 3],
        messages: [
          { role: 'user', content: `question number ${i} about my order` },
          { role: 'assistant', content: `answer number ${i}` },
        ],
      }),
    );
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function releaseRows(
  db: string,
): Promise<{ releases: { version: string; record_count: number }[]; rows: number }> {
  const store = await openStore(db);
  try {
    const ctx = contextOf(store);
    const releases = await ctx.db.selectFrom('releases').select(['version', 'record_count']).execute();
    const n = await ctx.db
      .selectFrom('release_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { releases, rows: Number(n.n) };
  } finally {
    await store.close();
  }
}

// CLI runs spawn the built bin: slow on a loaded machine, so generous time limits (not assertions).
describe('tandem release (CLI)', { timeout: 300_000 }, () => {
  it('exits 2 on a bad version, a duplicate version, bad ratios and unknown strata, writing nothing', async () => {
    const db = join(dir, 'usage.db');
    expect(
      tandem(['import', dataFile('small.jsonl', 30), '--dataset', 's', '--metadata', 'intent', '--db', db])
        .code,
    ).toBe(0);
    const ok = tandem([
      'release',
      'create',
      '--dataset',
      's',
      '--version',
      '1.0.0',
      '--splits',
      'train=0.8,test=0.2',
      '--db',
      db,
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).splits.map((s: { records: number }) => s.records)).toEqual([24, 6]);
    for (const [args, message] of [
      [['--version', '1.0.0'], /already exists/],
      [['--version', 'one'], /not a semantic version/],
      [['--version', '1.1.0', '--splits', 'train=0.7,test=0.2'], /sum to 0.9/],
      [['--version', '1.1.0', '--stratify-by', 'colour'], /'colour'/],
      [['--version', '1.1.0', '--mix', 'synthetic=1'], /cannot be met/],
      [['--version', '1.1.0', '--mix-by', 'language'], /--mix-by needs --mix/],
      [['--version', '1.1.0', '--mix', 'synthetic=0,human=1', '--mix-by', 'colour'], /--mix-by: 'colour'/],
      [['--version', '1.1.0', '--decontaminate', join(dir, 'missing.jsonl')], /cannot read evaluation set/],
      [['--version', '1.1.0', '--exclude-contaminated'], /needs --decontaminate/],
    ] as const) {
      const r = tandem(['release', 'create', '--dataset', 's', ...args, '--db', db]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(await releaseRows(db)).toEqual({ releases: [{ version: '1.0.0', record_count: 30 }], rows: 30 });
    expect(tandem(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('killed with SIGKILL mid-way leaves no half version; the rerun completes', async () => {
    const db = join(dir, 'kill.db');
    const n = 20_000;
    expect(tandem(['import', dataFile('big.jsonl', n), '--dataset', 'k', '--db', db]).code).toBe(0);
    const args = [
      'release',
      'create',
      '--dataset',
      'k',
      '--version',
      '1.0.0',
      '--splits',
      'train=0.9,test=0.1',
      '--db',
      db,
    ];
    const run = tandemAsync(args);
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill('SIGKILL');
    await run.done;
    const after = await releaseRows(db);
    // Either the whole release committed before the kill, or none of it did.
    if (after.releases.length === 0) expect(after.rows).toBe(0);
    else expect(after).toEqual({ releases: [{ version: '1.0.0', record_count: n }], rows: n });
    if (after.releases.length === 0) {
      const again = tandem(args);
      expect(again.code, again.stderr).toBe(0);
      expect(await releaseRows(db)).toEqual({ releases: [{ version: '1.0.0', record_count: n }], rows: n });
    }
  });
});
