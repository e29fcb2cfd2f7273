import type { CreateTableBuilder, Kysely } from 'kysely';
import { adapterFor, type Dialect } from '../dialect.js';

/** The whole data model, designed once: later stages fill tables created here. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const { json, bigint: millis, bigint: ref } = adapterFor(dialect).types;

  // Identity column: SQLite's AUTOINCREMENT never reuses a deleted id, so events keep pointing at one thing.
  const table = (name: string) => {
    const t = db.schema.createTable(name);
    return pg
      ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };
  const timestamps = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('created_at', millis, (c) => c.notNull()).addColumn('updated_at', millis, (c) => c.notNull());

  await timestamps(
    table('datasets')
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('settings', json, (c) => c.notNull()),
  ).execute();

  await timestamps(
    table('records')
      .addColumn('dataset_id', ref, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('fields', json, (c) => c.notNull())
      .addColumn('metadata', json, (c) => c.notNull())
      .addColumn('provenance', json, (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('final_values', json)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('records_dataset_external_id', ['dataset_id', 'external_id']),
  ).execute();
  // Keyset pages in id order, for a whole dataset and for one status, without sorting the dataset each page.
  await db.schema.createIndex('records_dataset_id').on('records').columns(['dataset_id', 'id']).execute();
  await db.schema
    .createIndex('records_dataset_status')
    .on('records')
    .columns(['dataset_id', 'status', 'id'])
    .execute();

  await table('suggestions')
    .addColumn('record_id', ref, (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('value', json, (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addUniqueConstraint('suggestions_record_question_agent', ['record_id', 'question', 'agent'])
    .execute();

  await table('users')
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('languages', json, (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', millis, (c) => c.notNull())
    .execute();

  await timestamps(
    table('responses')
      .addColumn('record_id', ref, (c) => c.notNull().references('records.id').onDelete('cascade'))
      .addColumn('user_id', ref, (c) => c.notNull().references('users.id'))
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('values', json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('time_spent_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('responses_record_user_round', ['record_id', 'user_id', 'round']),
  ).execute();
  await db.schema.createIndex('responses_user').on('responses').columns(['user_id', 'status']).execute();

  await table('check_results')
    .addColumn('record_id', ref, (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('check', 'text', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('details', json)
    .addColumn('created_at', millis, (c) => c.notNull())
    .addUniqueConstraint('check_results_record_check', ['record_id', 'check'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', millis, (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .execute();

  await table('api_tokens')
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addColumn('last_used_at', millis)
    .execute();

  await db.schema
    .createTable('dataset_members')
    .addColumn('dataset_id', ref, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('dataset_members_pk', ['dataset_id', 'user_id'])
    .execute();

  await table('assignments')
    .addColumn('record_id', ref, (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('expires_at', millis)
    .addColumn('created_at', millis, (c) => c.notNull())
    .addUniqueConstraint('assignments_record_user_round', ['record_id', 'user_id', 'round'])
    .execute();
  await db.schema.createIndex('assignments_user').on('assignments').columns(['user_id', 'round']).execute();

  await table('comments')
    .addColumn('record_id', ref, (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_record').on('comments').column('record_id').execute();

  await timestamps(
    table('jobs')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('payload', json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', millis)
      .addColumn('result', json)
      .addColumn('error', 'text'),
  ).execute();
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'kind', 'id']).execute();
  await db.schema.createIndex('jobs_run').on('jobs').columns(['run_id', 'status']).execute();

  await db.schema
    .createTable('llm_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('response', json, (c) => c.notNull())
    .addColumn('input_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_usd', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', millis, (c) => c.notNull())
    .execute();

  await table('releases')
    .addColumn('dataset_id', ref, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addUniqueConstraint('releases_dataset_version', ['dataset_id', 'version'])
    .execute();

  // No foreign key to records: a release stays whole even if its records are later deleted.
  await db.schema
    .createTable('release_records')
    .addColumn('release_id', ref, (c) => c.notNull().references('releases.id').onDelete('cascade'))
    .addColumn('record_id', ref, (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('split', 'text', (c) => c.notNull().defaultTo('train'))
    .addColumn('snapshot', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('release_records_pk', ['release_id', 'record_id'])
    .execute();

  await table('events')
    .addColumn('at', millis, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('dataset_id', ref)
    .addColumn('before', json)
    .addColumn('after', json)
    .execute();
  await db.schema.createIndex('events_entity').on('events').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('events_dataset').on('events').columns(['dataset_id', 'id']).execute();
}
