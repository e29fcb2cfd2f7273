import type { Kysely } from 'kysely';
import { adapterFor, type Dialect } from '../dialect.js';

/**
 * `records.full_until`: set while every open slot of a record is leased, to the earliest expiry
 * among those leases. The annotation queue's scan passes such a record on one column instead of
 * counting its leases; at the front of a busy queue most records are leased, so this is most of
 * the scan's work. A hint only: a value too early costs a count, never a wrong hand-out.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('records').addColumn('full_until', adapterFor(dialect).types.bigint).execute();
}
