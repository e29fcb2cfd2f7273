import type { Kysely } from 'kysely';
import { adapterFor, type Dialect } from '../dialect.js';

/**
 * Audits (docs/audits.md): one row per audit run with its parameters, the sample it drew and its
 * results, and the factual audit's queue of sampled records with each auditor's verdict. An audit
 * names the release it audited by version text, not by key: releases are made on their own.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const { json, bigint: ref } = adapterFor(dialect).types;
  const id = <T extends string>(name: T) => {
    const t = db.schema.createTable(name);
    return pg
      ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };

  await id('audits')
    .addColumn('dataset_id', ref, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('release_version', 'text')
    .addColumn('params', json, (c) => c.notNull())
    .addColumn('sample', json)
    .addColumn('results', json)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ref, (c) => c.notNull())
    .addColumn('updated_at', ref, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audits_dataset').on('audits').columns(['dataset_id', 'kind', 'id']).execute();

  // No foreign key to records: an audit keeps its sample even if a record is later erased.
  await id('audit_items')
    .addColumn('audit_id', ref, (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('record_id', ref, (c) => c.notNull())
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('note', 'text')
    .addColumn('wrong_claims', json)
    .addColumn('auditor', 'text')
    .addColumn('at', ref)
    .addUniqueConstraint('audit_items_audit_record', ['audit_id', 'record_id'])
    .execute();
  await db.schema
    .createIndex('audit_items_queue')
    .on('audit_items')
    .columns(['audit_id', 'position'])
    .execute();
}
