import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { settingsWarnings, storeWarnings } from '../../src/store/server-settings.js';
import { contextOf } from '../../src/store/store.js';
import { backends } from '../helpers/stores.js';

describe('warnings about a PostgreSQL server’s settings', () => {
  it('says nothing when autovacuum can run', () => {
    expect(settingsWarnings({ autovacuum: 'on', track_counts: 'on' })).toEqual([]);
  });

  it('warns when autovacuum is off, saying what slows and what to do', () => {
    const [w, ...rest] = settingsWarnings({ autovacuum: 'off', track_counts: 'on' });
    expect(rest).toEqual([]);
    expect(w).toMatch(/autovacuum off/);
    expect(w).toMatch(/annotation queue/);
    expect(w).toMatch(/VACUUM ANALYZE on assignments and responses/);
  });

  it('warns about track_counts first: without it autovacuum cannot decide, on or off', () => {
    for (const autovacuum of ['on', 'off']) {
      const ws = settingsWarnings({ autovacuum, track_counts: 'off' });
      expect(ws).toHaveLength(1);
      expect(ws[0]).toMatch(/track_counts off/);
    }
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`storeWarnings on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('reads the server’s own settings (SQLite has none to warn about)', async () => {
      const store = await backend.open();
      try {
        const got = await storeWarnings(store);
        if (backend.name === 'sqlite') return expect(got).toEqual([]);
        const r = await sql<{ a: string; t: string }>`SELECT current_setting('autovacuum') AS a,
          current_setting('track_counts') AS t`.execute(contextOf(store).db);
        const { a, t } = r.rows[0]!;
        expect(got).toHaveLength(a === 'on' && t === 'on' ? 0 : 1);
        if (t === 'on' && a === 'off') expect(got[0]).toMatch(/autovacuum off/);
      } finally {
        await store.close();
      }
    });
  });
}
