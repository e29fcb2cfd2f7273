import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/connect.js';
import type { OpenStore as Store } from '../../src/store/store.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty store: its own SQLite file, or its own PostgreSQL schema. */
  open(): Promise<Store>;
  /** The URL a CLI run would need to reach the same store as the last `open()`. */
  url(): string;
  cleanup(): Promise<void>;
}

const PG = process.env.TANDEM_TEST_POSTGRES;
let warned = false;

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
  let n = 0;
  let last = '';
  return {
    name: 'sqlite',
    async open() {
      last = join(dir, `store-${n++}.db`);
      return openStore(last);
    },
    url: () => last,
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(url: string): Backend {
  const schemas: string[] = [];
  let last = '';
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      last = u.toString();
      return openStore(last);
    },
    url: () => last,
    async cleanup() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.end();
    },
  };
}

/**
 * The backends every store test runs against. PostgreSQL joins when TANDEM_TEST_POSTGRES is set
 * (CI always sets it); on a laptop without it the PostgreSQL run is skipped with a notice.
 */
export function backends(): { name: string; make: () => Backend; skip: boolean }[] {
  if (!PG && !warned) {
    warned = true;
    console.warn('[tandem] TANDEM_TEST_POSTGRES is not set: PostgreSQL store tests are skipped on this run.');
  }
  return [
    { name: 'sqlite', make: sqliteBackend, skip: false },
    { name: 'postgres', make: () => postgresBackend(PG ?? ''), skip: !PG },
  ];
}
