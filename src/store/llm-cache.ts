import type SqliteDatabase from 'better-sqlite3';
import type { CachedAnswer } from '../core/cached-answer.js';
import type { Ctx } from './context.js';
import { now, rawSqlite } from './context.js';
import { readJson, writeJson } from './dialect.js';

/**
 * Provider responses by request key. A generation run writes each answer here the moment it
 * arrives, before the row it belongs to is finished, so a run killed at any point and started
 * again pays for no call twice.
 */
export type CachedResponse = CachedAnswer;

interface CacheRow {
  key: string;
  provider: string;
  model: string;
  response: unknown;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

// A run asks the cache once per model call, up to thousands of times a second: on SQLite the
// statements are prepared once per connection and run directly, without building queries.
interface SqliteCache {
  get: SqliteDatabase.Statement;
  /** One answer: the INSERT on its own is its own transaction, committed before `run` returns. */
  put: SqliteDatabase.Statement;
  /** One commit for the lot (a savepoint inside the caller's own transaction); made once, not per call. */
  putAll: SqliteDatabase.Transaction<(list: readonly CachedResponse[], t: number) => void>;
}
const statements = new WeakMap<SqliteDatabase.Database, SqliteCache>();

function sqliteStatements(db: SqliteDatabase.Database): SqliteCache {
  let s = statements.get(db);
  if (!s) {
    const put = db.prepare(
      `INSERT INTO llm_cache (key, provider, model, response, input_tokens, output_tokens, cost_usd, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    );
    s = {
      get: db.prepare('SELECT * FROM llm_cache WHERE key = ?'),
      put,
      putAll: db.transaction((list: readonly CachedResponse[], t: number) => {
        for (const e of list) putOne(put, e, t);
      }),
    };
    statements.set(db, s);
  }
  return s;
}

function putOne(put: SqliteDatabase.Statement, e: CachedResponse, t: number): void {
  put.run(e.key, e.provider, e.model, writeJson(e.response), e.inputTokens, e.outputTokens, e.costUsd, t);
}

export async function getCachedResponse(ctx: Ctx, key: string): Promise<CachedResponse | undefined> {
  const raw = rawSqlite(ctx);
  const row = raw
    ? (sqliteStatements(raw).get.get(key) as CacheRow | undefined)
    : await ctx.db.selectFrom('llm_cache').selectAll().where('key', '=', key).executeTakeFirst();
  return row
    ? {
        key: row.key,
        provider: row.provider,
        model: row.model,
        response: readJson(row.response),
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        costUsd: Number(row.cost_usd),
      }
    : undefined;
}

/** Stores an answer; a key already there keeps its first answer (two workers raced on one call). */
export async function putCachedResponse(ctx: Ctx, entries: CachedResponse | CachedResponse[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const t = now();
  const raw = rawSqlite(ctx);
  if (raw) {
    const s = sqliteStatements(raw);
    const e = list.length === 1 ? list[0]! : undefined;
    // A run stores answers one at a time: one statement in autocommit (its own write transaction,
    // waiting on a busy store like BEGIN IMMEDIATE does) saves the BEGIN and COMMIT statements.
    if (e) putOne(s.put, e, t);
    else s.putAll.immediate(list, t);
    return;
  }
  await ctx.db
    .insertInto('llm_cache')
    .values(
      list.map((e) => ({
        key: e.key,
        provider: e.provider,
        model: e.model,
        response: writeJson(e.response),
        input_tokens: e.inputTokens,
        output_tokens: e.outputTokens,
        cost_usd: e.costUsd,
        created_at: t,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Model answers by the hash of what decided them: what makes every generation run resumable. */
/** What the answers under these keys cost when they were bought (keys not in the cache count nothing). */
export async function cachedCostOf(
  ctx: Ctx,
  keys: readonly string[],
): Promise<{ answers: number; costUsd: number; inputTokens: number; outputTokens: number }> {
  const out = { answers: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 };
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 500) {
    const r = await ctx.db
      .selectFrom('llm_cache')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('cost_usd').as('cost'),
        eb.fn.sum<number>('input_tokens').as('input'),
        eb.fn.sum<number>('output_tokens').as('output'),
      ])
      .where('key', 'in', unique.slice(i, i + 500))
      .executeTakeFirst();
    out.answers += Number(r?.n ?? 0);
    out.costUsd += Number(r?.cost ?? 0);
    out.inputTokens += Number(r?.input ?? 0);
    out.outputTokens += Number(r?.output ?? 0);
  }
  return out;
}

export const llmCacheRepository = { get: getCachedResponse, put: putCachedResponse, costOf: cachedCostOf };
