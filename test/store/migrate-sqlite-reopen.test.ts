import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetSettings } from '../../src/core/settings.js';
import { openStore } from '../../src/store/connect.js';
import { contextOf } from '../../src/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-reopen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reopening an up-to-date SQLite store skips the Migrator; anything else still goes through it. */
describe('opening a SQLite store again', () => {
  it('keeps the data of an up-to-date store and refuses one migrated by an unknown migration', async () => {
    const file = join(dir, 'a.db');
    const first = await openStore(file);
    await first.datasets.create(
      'kept',
      datasetSettings.parse({ fields: [{ name: 'text', type: 'text' }] }),
      'test',
    );
    const names = async (s: typeof first) =>
      (
        await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(contextOf(s).db)
      ).rows.map((r) => r.name);
    const applied = await names(first);
    expect(applied.length).toBeGreaterThan(5);
    await first.close();

    const again = await openStore(file);
    expect((await again.datasets.summaries()).map((d) => d.name)).toEqual(['kept']);
    expect(await names(again)).toEqual(applied);
    // A store some newer Tandem migrated: not "up to date", so the Migrator looks and refuses it.
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('999-future', '2030-01-01')`.execute(
      contextOf(again).db,
    );
    await again.close();
    await expect(openStore(file)).rejects.toThrow(/migration/i);
  });
});
