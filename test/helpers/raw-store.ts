import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';

/**
 * The bytes a store keeps on disk, for tests that prove erased text is gone from the files and not
 * only from query results. SQLite: the database file, its WAL and shared-memory index. PostgreSQL:
 * the data files (heap, TOAST, indexes, segments) of every relation of the store's schema, and of
 * `pg_statistic` (ANALYZE keeps sample values there); undefined when the data directory cannot be
 * read (PostgreSQL on another machine or user).
 */
export async function rawBytes(store: Store): Promise<Buffer | undefined> {
  if (store.dialect === 'sqlite') {
    const file = store.location;
    return Buffer.concat(
      [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
    );
  }
  const db = contextOf(store).db;
  await sql`CHECKPOINT`.execute(db);
  const dir = (await sql<{ d: string }>`SELECT current_setting('data_directory') AS d`.execute(db)).rows[0]
    ?.d;
  if (!dir || !existsSync(dir)) return undefined;
  const rels = await sql<{ p: string | null }>`
    WITH mine AS (
      SELECT c.oid, c.reltoastrelid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() OR (n.nspname = 'pg_catalog' AND c.relname = 'pg_statistic')
    ), toast AS (SELECT reltoastrelid AS oid FROM mine WHERE reltoastrelid <> 0),
    idx AS (SELECT indexrelid AS oid FROM pg_index WHERE indrelid IN (SELECT oid FROM toast))
    SELECT pg_relation_filepath(oid) AS p FROM (SELECT oid FROM mine UNION SELECT oid FROM toast UNION SELECT oid FROM idx) x`.execute(
    db,
  );
  const parts: Buffer[] = [];
  try {
    for (const { p } of rels.rows) {
      if (!p) continue;
      const base = join(dir, p);
      for (let seg = 0; ; seg++) {
        const f = seg === 0 ? base : `${base}.${seg}`;
        if (!existsSync(f)) break;
        parts.push(readFileSync(f));
      }
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(parts);
}
