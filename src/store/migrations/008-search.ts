import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Search moves off the write path. Migration 002 indexed every record's whole `fields` JSON with a
 * trigram GIN index; extracting ~400 trigrams per record on insert cut PostgreSQL import to a
 * quarter (bench/search-index). Now:
 *
 * - `record_search` holds one document per record: the string and number values of its fields, one
 *   per line (keys and JSON punctuation are not text anyone searches for). PostgreSQL indexes it
 *   with pg_trgm, SQLite with an FTS5 table using the trigram tokenizer.
 * - `search_pending` lists the records whose document is missing or stale. A trigger fills it on
 *   insert and when fields change; inserting an id costs a fraction of indexing its text.
 * - The indexer (store/search-index.ts), run in the background by `tandem serve` and
 *   `tandem worker` or by `tandem search-index`, turns pending ids into documents in batches.
 * - A search reads the index for indexed records and scans only the pending ones, so it is right
 *   at every moment and index-backed once the indexer has caught up.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await upPostgres(db);
  else await upSqlite(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS records_fields_trgm`.execute(db);
  await sql`
    CREATE TABLE record_search (
      record_id bigint PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
      dataset_id bigint NOT NULL,
      doc text NOT NULL
    )`.execute(db);
  const ext = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'`.execute(db);
  const trgm = ext.rows[0]?.schema;
  // Without pg_trgm (a database where it could not be created, see 002) search still works, by scan.
  if (trgm)
    await sql`CREATE INDEX record_search_doc ON record_search USING gin (doc ${sql.id(trgm)}.gin_trgm_ops)`.execute(
      db,
    );
  // No foreign key: a check per inserted id would cost the import what the index did. The indexer
  // drops ids whose record is gone.
  await sql`CREATE TABLE search_pending (record_id bigint PRIMARY KEY)`.execute(db);
  await sql`INSERT INTO search_pending SELECT id FROM records`.execute(db);
  // `SET search_path FROM CURRENT`: the triggers find the store's own tables whatever the session's path.
  await sql`
    CREATE FUNCTION tandem_search_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO search_pending SELECT id FROM new_rows ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  // One statement-level call per insert statement: an import batch of 5,000 rows costs one call.
  await sql`
    CREATE TRIGGER records_search_inserted AFTER INSERT ON records
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem_search_inserted()`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION tandem_search_edited() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO search_pending VALUES (NEW.id) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER records_search_edited AFTER UPDATE OF fields ON records
    FOR EACH ROW WHEN (OLD.fields IS DISTINCT FROM NEW.fields) EXECUTE FUNCTION tandem_search_edited()`.execute(
    db,
  );
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  // Case-insensitive for ASCII, like SQLite's LIKE; dataset_id is stored, not indexed, to filter by.
  await sql`CREATE VIRTUAL TABLE record_search USING fts5(doc, dataset_id UNINDEXED, tokenize = 'trigram')`.execute(
    db,
  );
  await sql`CREATE TABLE search_pending (record_id integer PRIMARY KEY)`.execute(db);
  await sql`INSERT INTO search_pending SELECT id FROM records`.execute(db);
  await sql`
    CREATE TRIGGER records_search_inserted AFTER INSERT ON records
    BEGIN INSERT OR IGNORE INTO search_pending VALUES (NEW.id); END`.execute(db);
  await sql`
    CREATE TRIGGER records_search_edited AFTER UPDATE OF fields ON records WHEN OLD.fields IS NOT NEW.fields
    BEGIN INSERT OR IGNORE INTO search_pending VALUES (NEW.id); END`.execute(db);
  // An FTS5 table takes no foreign key: a deleted record takes its document with it here.
  await sql`
    CREATE TRIGGER records_search_deleted AFTER DELETE ON records
    BEGIN
      DELETE FROM record_search WHERE rowid = OLD.id;
      DELETE FROM search_pending WHERE record_id = OLD.id;
    END`.execute(db);
}
