import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connect.js';
import { recordIdsOf, seedDataset } from '../helpers/api.js';
import { tandem, tandemAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-erase-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAME = `Wombatkin${process.pid}`;

async function storeWith(file: string, n: number, secretEvery: number): Promise<number[]> {
  const store = await openStore(file);
  try {
    const d = await seedDataset(store, 'people', n, {
      texts: (i) => (i % secretEvery === 0 ? `Letter from ${NAME} number ${i}` : `record number ${i}`),
    });
    return await recordIdsOf(store, d.id);
  } finally {
    await store.close();
  }
}

const raw = (file: string) =>
  Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));

async function state(file: string) {
  const store = await openStore(file);
  try {
    const d = await store.datasets.get('people');
    return { byStatus: await store.datasets.countByStatus(d.id), erasures: await store.erasure.list() };
  } finally {
    await store.close();
  }
}

describe('tandem erase', () => {
  it('asks for confirmation: without a terminal and without --yes it exits 2 and erases nothing', async () => {
    const db = join(dir, 'confirm.db');
    await storeWith(db, 3, 2);
    const r = tandem(['erase', '--db', db, '--dataset', 'people', '--match', NAME, '--reason', 'request']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/confirmation.*--yes/);
    expect((await state(db)).erasures).toEqual([]);
  });

  it('names a bad selector and exits 2', async () => {
    const db = join(dir, 'bad.db');
    await storeWith(db, 2, 2);
    const r = tandem([
      'erase',
      '--db',
      db,
      '--dataset',
      'people',
      '--where',
      'email=x',
      '--reason',
      'r',
      '--yes',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no field or metadata 'email'/);
    const both = tandem([
      'erase',
      '--db',
      db,
      '--dataset',
      'people',
      '--record',
      '1',
      '--match',
      'abc',
      '--reason',
      'r',
      '--yes',
    ]);
    expect(both.code).toBe(2);
    const noReason = tandem(['erase', '--db', db, '--dataset', 'people', '--record', '1', '--yes']);
    expect(noReason.code).toBe(2);
  });

  it('with --yes prints what it touches, erases, and leaves no trace of the text in the files', async () => {
    const db = join(dir, 'yes.db');
    await storeWith(db, 6, 3);
    expect(raw(db).includes(NAME)).toBe(true);
    const r = tandem([
      'erase',
      '--db',
      db,
      '--dataset',
      'people',
      '--match',
      NAME,
      '--reason',
      'Art. 17',
      '--yes',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/remove the content of 2 records/);
    const out = JSON.parse(r.stdout);
    expect(out.erasure.counts.records).toBe(2);
    expect(out.purge.done).toBe(true);
    expect(JSON.stringify(out)).not.toContain(NAME);
    expect(raw(db).includes(NAME)).toBe(false);

    // Its lineage is the tombstone; another record's is whole.
    const [erased] = out.erasure.recordIds as number[];
    const l = tandem(['lineage', String(erased), '--db', db]);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toMatch(/: erased/);
    expect(l.stdout).toMatch(/Erased .* by cli:.*: Art\. 17/);
    const other = tandem(['lineage', String(erased! + 1), '--db', db, '--json']);
    expect(JSON.parse(other.stdout).lineage).toMatchObject({ status: 'new', source: { origin: 'human' } });
    expect(tandem(['lineage', 'x1', '--db', db]).code).toBe(2);
    expect(tandem(['lineage', '999999', '--db', db]).code).toBe(1);
  });

  it('finishes the purge of an erasure that committed but was killed before cleaning the files', async () => {
    const db = join(dir, 'unpurged.db');
    const [first] = await storeWith(db, 4, 2);
    const store = await openStore(db);
    const d = await store.datasets.get('people');
    // What a kill right after the commit leaves: rows erased, the files not yet cleaned.
    await store.erasure.erase({
      dataset: { id: d.id, name: d.name },
      selector: { kind: 'record', recordIds: [first!] },
      reason: 'r',
      actor: 'cli:test',
    });
    await store.close();
    expect((await state(db)).erasures[0]?.purgedAt).toBeNull();
    const r = tandem([
      'erase',
      '--db',
      db,
      '--dataset',
      'people',
      '--record',
      String(first),
      '--reason',
      'r',
      '--yes',
    ]);
    expect(r.code).toBe(1); // already erased
    const rerun = tandem([
      'erase',
      '--db',
      db,
      '--dataset',
      'people',
      '--where',
      'external_id=t0',
      '--reason',
      'r',
      '--yes',
    ]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/Finished an earlier erasure's purge/);
    expect((await state(db)).erasures[0]?.purgedAt).not.toBeNull();
  });

  it('killed with -9 at any point leaves all or nothing, and a rerun completes', async () => {
    const db = join(dir, 'kill.db');
    await storeWith(db, 4000, 2);
    const args = ['erase', '--db', db, '--dataset', 'people', '--match', NAME, '--reason', 'r', '--yes'];
    const run = tandemAsync(args);
    // Kill once the erasure is under way (its preview is printed just before the transaction).
    await new Promise<void>((resolve) => {
      run.child.stderr?.on('data', (d: Buffer) => {
        if (String(d).includes('will remove')) setTimeout(resolve, 150);
      });
      run.child.on('close', () => resolve());
    });
    run.child.kill('SIGKILL');
    await run.done;
    const s = await state(db);
    if (s.erasures.length === 0) expect(s.byStatus.erased ?? 0).toBe(0);
    else expect(s.byStatus.erased).toBe(2000);
    // Rerun: erases what is left (or finds nothing), and the files end clean either way.
    const again = tandem(args);
    expect(again.code, again.stderr).toBe(0);
    const after = await state(db);
    expect(after.byStatus.erased).toBe(2000);
    expect(after.erasures.map((e) => e.purgedAt === null)).toEqual([false]);
    expect(raw(db).includes(NAME)).toBe(false);
    const purge = tandem(['erase', '--db', db, '--purge', '--json']);
    expect(JSON.parse(purge.stdout).purge.done).toBe(true);
  }, 120_000);
});
