import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { TandemError } from '../core/errors.js';
import { type Ctx, now, rawSqlite } from './context.js';

/**
 * After an erasure commits, its content can still be read from the store's files: SQLite leaves
 * deleted cells and freed pages in the file and older page versions in the WAL; PostgreSQL leaves
 * dead tuples in the heap, its TOAST and its indexes until a vacuum. This removes them. It runs
 * outside any transaction (VACUUM cannot run in one) and marks the tombstones purged; a purge that
 * could not finish (a kill, a reader holding the WAL) is left pending and the next one does it.
 */

export type VacuumMode = 'full' | 'plain';

export interface PurgeReport {
  /** Every pending erasure is now out of the files too. */
  done: boolean;
  /** Tombstones marked purged. */
  erasures: number;
  steps: string[];
  /** Why it is not done, or what it cannot promise. */
  note?: string;
}

/** Tables an erasure writes to: where dead copies of the content can remain. */
const TOUCHED = [
  'records',
  'responses',
  'suggestions',
  'check_results',
  'comments',
  'assignments',
  'events',
  'llm_cache',
  'jobs',
  'release_records',
  'record_search',
] as const;

export async function purgeErased(ctx: Ctx, o: { vacuum?: VacuumMode } = {}): Promise<PurgeReport> {
  if (ctx.db.isTransaction) throw new TandemError('internal', 'the purge cannot run inside a transaction');
  return ctx.dialect === 'sqlite' ? purgeSqlite(ctx) : purgePostgres(ctx, o.vacuum ?? 'full');
}

async function markPurged(ctx: Ctx): Promise<number> {
  const r = await ctx.db
    .updateTable('erasures')
    .set({ purged_at: now() })
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Copies every WAL frame into the file and empties the WAL; false while a reader pins old frames. */
async function checkpoint(raw: SqliteDatabase.Database): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [r] = raw.pragma('wal_checkpoint(TRUNCATE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    if (!r || r.busy === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function purgeSqlite(ctx: Ctx): Promise<PurgeReport> {
  const raw = rawSqlite(ctx);
  if (!raw) throw new TandemError('internal', 'the purge needs the SQLite connection to itself');
  const steps: string[] = [];
  const memory = raw.memory;
  const secure = raw.pragma('secure_delete', { simple: true });
  raw.pragma('secure_delete = ON');
  try {
    // Older page versions (from before the erasure) live in WAL frames until a checkpoint.
    if (!memory && !(await checkpoint(raw)))
      return pending(
        steps,
        'another connection holds old WAL frames (a long read); run `tandem erase --purge` later',
      );
    steps.push('wal_checkpoint(TRUNCATE)');
    // VACUUM rebuilds the file from live rows only: no free page, no freed cell, no old index entry
    // is carried over (secure_delete zeroes what the rebuild frees as well).
    // FTS5 keeps a deleted document's terms in older index segments until they merge: merge them all.
    raw.prepare("INSERT INTO record_search(record_search) VALUES ('optimize')").run();
    steps.push('record_search optimize');
    // VACUUM builds the new file as a temporary database first: on disk, not in memory (the store
    // runs with temp_store = MEMORY), or a large store would need its own size in RAM.
    const temp = raw.pragma('temp_store', { simple: true });
    raw.pragma('temp_store = FILE');
    try {
      raw.exec('VACUUM');
    } finally {
      raw.pragma(`temp_store = ${Number(temp)}`);
    }
    steps.push('VACUUM');
    const erasures = await markPurged(ctx);
    // VACUUM wrote the new pages through the WAL; copying them back ends the old file's content.
    if (!memory && !(await checkpoint(raw)))
      return pending(steps, 'the WAL could not be emptied after VACUUM; run `tandem erase --purge` later');
    steps.push('wal_checkpoint(TRUNCATE)');
    return { done: true, erasures, steps };
  } finally {
    raw.pragma(`secure_delete = ${Number(secure)}`);
  }
}

function pending(steps: string[], note: string): PurgeReport {
  return { done: false, erasures: 0, steps, note };
}

async function purgePostgres(ctx: Ctx, mode: VacuumMode): Promise<PurgeReport> {
  const steps: string[] = [];
  const tables = sql.join(TOUCHED.map((t) => sql.table(t)));
  // FULL rewrites each table, its TOAST and indexes into new files and drops the old ones: the dead
  // tuples go with them. Plain VACUUM only marks their space free for reuse (the bytes stay until
  // overwritten), but takes no lock that stops the annotation server.
  // ANALYZE too: the planner's statistics (pg_statistic) keep sample values of each column.
  if (mode === 'full') await sql`VACUUM (FULL, ANALYZE) ${tables}`.execute(ctx.db);
  else await sql`VACUUM (ANALYZE) ${tables}`.execute(ctx.db);
  steps.push(mode === 'full' ? 'VACUUM (FULL, ANALYZE)' : 'VACUUM (ANALYZE)');
  try {
    // The statistics replaced by that ANALYZE are dead rows of pg_statistic (superuser only).
    await sql`VACUUM ${sql.raw(mode === 'full' ? '(FULL) ' : '')}pg_catalog.pg_statistic`.execute(ctx.db);
    steps.push('VACUUM pg_statistic');
  } catch {
    // Autovacuum cleans it in time; the note below says what is not promised.
  }
  const erasures = await markPurged(ctx);
  try {
    // Writes the new pages to the data files now (superuser or pg_checkpoint only).
    await sql`CHECKPOINT`.execute(ctx.db);
    steps.push('CHECKPOINT');
  } catch {
    // Without the privilege the server's own checkpoint does the same within checkpoint_timeout.
  }
  return {
    done: true,
    erasures,
    steps,
    note:
      mode === 'full'
        ? "PostgreSQL's WAL segments, archives and backups made before the erasure still hold the content until they are recycled or expire"
        : "plain VACUUM frees dead tuples for reuse without overwriting them; use --vacuum full to remove them from the data files. PostgreSQL's WAL, archives and backups still hold the content until they expire",
  };
}
