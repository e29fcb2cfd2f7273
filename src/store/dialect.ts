import { type RawBuilder, type SqlBool, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * What differs between the two databases, in one place (Kysely's own `DialectAdapter` is the
 * model: capabilities and small SQL pieces, not a second implementation of each repository).
 * Repositories ask the adapter instead of testing the dialect's name.
 */
export interface DialectAdapter {
  readonly name: Dialect;
  /**
   * A statement is a round trip over the network (PostgreSQL), not a function call (SQLite). Hot
   * paths then merge statements with data-modifying CTEs, and the queue scan reads its index a
   * window at a time.
   */
  readonly roundTrips: boolean;
  /** Rows are locked one by one (`FOR UPDATE`); SQLite's write transaction holds the whole file instead. */
  readonly locksRows: boolean;
  /** Column types that differ, for migrations. */
  readonly types: { json: 'jsonb' | 'text'; bigint: 'bigint' | 'integer' };
  /** `FOR UPDATE [OF alias] SKIP LOCKED`, or nothing where rows are not locked. */
  skipLocked(alias?: string): RawBuilder<unknown>;
  /** A subquery's rows (`from`: a FROM clause with its WHERE) as a JSON array of objects. */
  jsonRows(
    columns: Record<string, RawBuilder<unknown>>,
    from: RawBuilder<unknown>,
    order: RawBuilder<unknown>,
  ): RawBuilder<string>;
  /** A JSON column put inside a JSON object as its text, to be parsed on arrival. */
  jsonAsText(column: string): RawBuilder<unknown>;
  /** A REAL column inside a JSON object with every digit kept. */
  exactReal(column: string): RawBuilder<unknown>;
  /** A top-level key of a JSON object column equal to a string, or to a number as a number. */
  jsonKeyEquals(column: string, key: string, value: string | number): RawBuilder<SqlBool>;
  /** A record's search document: the string and number values of a JSON column, one per line. */
  searchDocument(column: string): RawBuilder<string>;
  /**
   * Ids (column `id`) of a dataset's indexed records whose document matches `pattern` (a LIKE pattern escaped with
   * `\`, case-insensitive; `text` is the raw query, for an index that wants it).
   */
  indexedMatches(datasetId: number, pattern: string, text: string): RawBuilder<number>;
}

const sqlite: DialectAdapter = {
  name: 'sqlite',
  roundTrips: false,
  locksRows: false,
  types: { json: 'text', bigint: 'integer' },
  skipLocked: () => sql``,
  jsonRows: (columns, from, order) =>
    sql<string>`(SELECT coalesce(json_group_array(json_object(${pairs(columns)}) ORDER BY ${order}), '[]') FROM ${from})`,
  jsonAsText: (column) => sql.ref(column),
  // json_object writes a REAL with 15 significant digits (2/3 would come back rounded); as text it
  // keeps every digit, and is read with Number() like the other numbers.
  exactReal: (column) => sql`CAST(${sql.ref(column)} AS TEXT)`,
  // Case-insensitive for ASCII letters only: SQLite's LIKE folds no other script.
  jsonKeyEquals: (column, key, value) =>
    sql<SqlBool>`json_extract(${sql.ref(column)}, ${`$."${key}"`}) = ${value}`,
  searchDocument: (column) =>
    sql<string>`coalesce((SELECT group_concat(value, char(10)) FROM json_tree(${sql.ref(column)})
      WHERE type IN ('text', 'integer', 'real')), '')`,
  // The trigram index answers MATCH (a phrase of three characters or more is a substring query);
  // LIKE then keeps `%` and `_` literal, which FTS5 cannot do with an index when ESCAPE is given.
  indexedMatches: (datasetId, pattern, text) => {
    const like = sql`s.doc LIKE ${pattern} ESCAPE '\\'`;
    const where =
      [...text].length >= 3
        ? sql`record_search MATCH ${`"${text.replaceAll('"', '""')}"`} AND ${like}`
        : like;
    return sql<number>`SELECT s.rowid AS id FROM record_search s WHERE ${where} AND s.dataset_id = ${datasetId}`;
  },
};

const postgres: DialectAdapter = {
  name: 'postgres',
  roundTrips: true,
  locksRows: true,
  types: { json: 'jsonb', bigint: 'bigint' },
  skipLocked: (alias) =>
    alias ? sql`FOR UPDATE OF ${sql.ref(alias)} SKIP LOCKED` : sql`FOR UPDATE SKIP LOCKED`,
  jsonRows: (columns, from, order) =>
    sql<string>`(SELECT coalesce(json_agg(json_build_object(${pairs(columns)}) ORDER BY ${order}), '[]') FROM ${from})`,
  jsonAsText: (column) => sql`${sql.ref(column)}::text`,
  exactReal: (column) => sql.ref(column),
  // Answered from the trigram index on records.fields (migration 002); folds every script.
  jsonKeyEquals: (column, key, value) =>
    typeof value === 'number'
      ? sql<SqlBool>`(CASE WHEN jsonb_typeof(${sql.ref(column)} -> ${key}) = 'number'
          THEN (${sql.ref(column)} -> ${key})::numeric END) = ${value}`
      : sql<SqlBool>`${sql.ref(column)} ->> ${key} = ${value}`,
  searchDocument: (column) =>
    sql<string>`coalesce((SELECT string_agg(v #>> '{}', E'\n') FROM jsonb_path_query(${sql.ref(column)}, 'strict $.**') AS v
      WHERE jsonb_typeof(v) IN ('string', 'number')), '')`,
  indexedMatches: (datasetId, pattern) =>
    sql<number>`SELECT s.record_id AS id FROM record_search s WHERE s.doc ILIKE ${pattern} ESCAPE '\\' AND s.dataset_id = ${datasetId}`,
};

const pairs = (columns: Record<string, RawBuilder<unknown>>) =>
  sql.join(Object.entries(columns).map(([k, v]) => sql`${sql.lit(k)}, ${v}`));

const ADAPTERS: Record<Dialect, DialectAdapter> = { sqlite, postgres };

export const adapterFor = (dialect: Dialect): DialectAdapter => ADAPTERS[dialect];

/** JSON columns are jsonb on PostgreSQL (pg returns objects) and text on SQLite (we parse). */
export function readJson<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function readJsonOrNull<T = unknown>(value: unknown): T | null {
  return value === null || value === undefined ? null : readJson<T>(value);
}

/** Always a JSON string: pg would turn a JS array into a PostgreSQL array, not jsonb. */
export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}
