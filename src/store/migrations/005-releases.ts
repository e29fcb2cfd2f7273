import type { Kysely } from 'kysely';
import { adapterFor, type Dialect } from '../dialect.js';

/**
 * What a release needs beyond migration 001's tables: the manifest (splits, counts, recipes,
 * models, checks, waivers, the dataset's settings as they were) and the release hash on
 * `releases`; on `release_records`, the hash of each frozen row (a diff compares hashes and reads
 * snapshots only of records that changed) and the external id (a diff names records without
 * parsing their snapshots).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { json } = adapterFor(dialect).types;
  await db.schema.alterTable('releases').addColumn('manifest', json).execute();
  await db.schema.alterTable('releases').addColumn('release_hash', 'text').execute();
  await db.schema.alterTable('release_records').addColumn('row_hash', 'text').execute();
  await db.schema.alterTable('release_records').addColumn('external_id', 'text').execute();
}
