import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * What the annotation and review queues need to stay fast at a million records.
 *
 * `records.open_slots` counts the answers a record still needs before it leaves the annotation
 * queue. NULL means "untouched": every slot the dataset's overlap asks for is open, so imports and
 * generation need not know about queues. Partial indexes hold only the records a queue can hand
 * out, so finding the next one never walks past the records already done.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('records').addColumn('open_slots', 'integer').execute();

  const open = sql<SqlBool>`open_slots IS NULL OR open_slots > 0`;
  await db.schema
    .createIndex('records_annotation_queue')
    .on('records')
    .columns(['dataset_id', 'id'])
    .where(open)
    .execute();
  await db.schema
    .createIndex('records_annotation_queue_language')
    .on('records')
    .columns(['dataset_id', 'language', 'id'])
    .where(open)
    .execute();

  // Who holds, was given, or skipped which records (the unique key leads with record_id).
  await db.schema
    .createIndex('assignments_user_kind')
    .on('assignments')
    .columns(['user_id', 'kind'])
    .execute();
  await db.schema.createIndex('dataset_members_user').on('dataset_members').column('user_id').execute();

  if (dialect === 'postgres') {
    // Substring search over a record's fields, case-insensitive, in any script. pg_trgm is a trusted
    // extension; created once per database in `public`, so every store's schema can use it. Where it
    // cannot be created, search still works, only without the index (the savepoint keeps the
    // migration's transaction usable after a refusal).
    await sql`SAVEPOINT tandem_trgm`.execute(db);
    try {
      await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db);
      await sql`RELEASE SAVEPOINT tandem_trgm`.execute(db);
    } catch {
      await sql`ROLLBACK TO SAVEPOINT tandem_trgm`.execute(db);
    }
    const ext = await sql<{ schema: string }>`
      SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname = 'pg_trgm'`.execute(db);
    const schema = ext.rows[0]?.schema;
    if (schema)
      await sql`CREATE INDEX records_fields_trgm ON records USING gin ((fields::text) ${sql.id(schema)}.gin_trgm_ops)`.execute(
        db,
      );
  }
}
