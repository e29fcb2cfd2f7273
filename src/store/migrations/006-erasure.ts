import type { Kysely } from 'kysely';
import { adapterFor, type Dialect } from '../dialect.js';

/**
 * Erasure (GDPR Art. 17 and data-owner requests): `erasures` is the tombstone an erasure leaves —
 * who, when, why, which dataset and record ids, how they were chosen — and never the content. No
 * foreign key to datasets: the audit trail outlives a deleted dataset. A release that contained an
 * erased record is marked superseded; `superseded_by` points at the version made without it.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const { json, bigint } = adapterFor(dialect).types;
  const t = db.schema.createTable('erasures');
  await (pg
    ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('dataset_id', bigint, (c) => c.notNull())
    .addColumn('dataset_name', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // How the records were chosen, with the value withheld (it is the content being erased).
    .addColumn('selector', json, (c) => c.notNull())
    .addColumn('record_ids', json, (c) => c.notNull())
    // Rows touched per table, and the releases marked superseded.
    .addColumn('touched', json, (c) => c.notNull())
    .addColumn('releases', json, (c) => c.notNull())
    .addColumn('created_at', bigint, (c) => c.notNull())
    // Set once the content is gone from the store's files too (VACUUM); NULL = still to purge.
    .addColumn('purged_at', bigint)
    .execute();
  await db.schema.createIndex('erasures_dataset').on('erasures').columns(['dataset_id', 'id']).execute();

  // Which releases hold a record (lineage, erasure): the primary key leads with the release.
  await db.schema
    .createIndex('release_records_by_record')
    .ifNotExists()
    .on('release_records')
    .column('record_id')
    .execute();

  await db.schema.alterTable('releases').addColumn('superseded_at', bigint).execute();
  await db.schema.alterTable('releases').addColumn('superseded_reason', 'text').execute();
  await db.schema
    .alterTable('releases')
    .addColumn('superseded_by', bigint, (c) => c.references('releases.id').onDelete('set null'))
    .execute();
}
