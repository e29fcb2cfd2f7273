export type Dialect = 'sqlite' | 'postgres';

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
