import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/**
 * A PostgreSQL introspector that sees one schema only. Kysely's own lists every column of every
 * table in every schema of the database, calling has_schema_privilege() and pg_get_serial_sequence()
 * per row: slow on a database with many schemas, and it fails with `schema "…" does not exist` when
 * another process drops its schema during the query. Tables come without their columns (the
 * Migrator only needs names).
 */
export class SchemaIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string,
  ) {}

  /** The store's schema if it exists; no other schema is reported. */
  async getSchemas(): Promise<SchemaMetadata[]> {
    const r = await sql<{ name: string }>`
      SELECT nspname AS name FROM pg_catalog.pg_namespace WHERE nspname = ${this.schema}`.execute(this.db);
    return r.rows.map((row) => ({ name: row.name }));
  }

  async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const r = await sql<{ name: string; kind: string }>`
      SELECT c.relname AS name, c.relkind AS kind
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
      WHERE ns.nspname = ${this.schema} AND c.relkind IN ('r', 'v', 'p')
      ORDER BY c.relname`.execute(this.db);
    const internal = [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];
    return r.rows
      .filter((row) => options?.withInternalKyselyTables || !internal.includes(row.name))
      .map((row) => ({ name: row.name, schema: this.schema, isView: row.kind === 'v', columns: [] }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/**
 * `db` with its `introspection` limited to `schema`; everything else is `db` itself. Kysely keeps
 * its state in private fields, so members are read from, and methods bound to, the original.
 */
export function withSchemaIntrospection<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspection = new SchemaIntrospector(db.withoutPlugins() as Kysely<unknown>, schema);
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
