import { type RawBuilder, sql } from 'kysely';
import { CLOSED_STATUSES } from '../core/lifecycle.js';
import { adapterOf, type Ctx } from './context.js';

/** What the annotation queue's scan looks for, past which record id, at which time. */
export interface ScanRequest {
  datasetId: number;
  userId: number;
  /** The dataset's overlap: answers wanted per record. */
  wanted: number;
  round: number;
  /** undefined: every language; null: records without one; else that language. */
  language: string | null | undefined;
  after: number;
  at: number;
}

/**
 * PostgreSQL reads candidates this many at a time from the queue's partial index. A window keeps
 * the planner on that index: asked for the whole scan at once, it judged the primary key as cheap
 * (it cannot know that the open records sit behind the finished ones) and walked every finished
 * record at the front of the dataset.
 */
const WINDOW = 1000;

/**
 * The first record after `after` that still wants an answer from the user: not answered or skipped
 * by them, not assigned to someone else, with a slot that no one else's live lease holds.
 * PostgreSQL locks it (`FOR UPDATE SKIP LOCKED`) for the caller's transaction.
 */
export async function scanAnnotation(ctx: Ctx, q: ScanRequest): Promise<number | null> {
  if (!adapterOf(ctx).roundTrips) {
    // `(r.open_slots IS NULL OR r.open_slots > 0)` is written exactly as the partial indexes'
    // predicate (with a literal 0), so SQLite's planner can prove the index applies.
    const r = await sql<{ id: number }>`
      SELECT r.id FROM records r
      WHERE r.dataset_id = ${q.datasetId} AND (r.open_slots IS NULL OR r.open_slots > 0)
        ${language(q.language)} AND r.id > ${q.after} AND ${wantsAnswer(q)}
      ORDER BY r.id LIMIT 1`.execute(ctx.db);
    return r.rows[0] ? Number(r.rows[0].id) : null;
  }
  let after = q.after;
  for (;;) {
    const window = sql`SELECT c.id FROM records c
      WHERE c.dataset_id = ${q.datasetId} AND (c.open_slots IS NULL OR c.open_slots > 0)
        ${language(q.language, 'c')} AND c.id > ${after}
      ORDER BY c.id LIMIT ${sql.lit(WINDOW)}`;
    const found = await sql<{ id: number }>`
      SELECT r.id FROM (${window}) c JOIN records r ON r.id = c.id
      WHERE ${wantsAnswer(q)}
      ORDER BY r.id LIMIT 1 ${adapterOf(ctx).skipLocked('r')}`.execute(ctx.db);
    if (found.rows[0]) return Number(found.rows[0].id);
    const seen = await sql<{ n: number; last: number | null }>`
      SELECT count(*) AS n, max(w.id) AS last FROM (${window}) w`.execute(ctx.db);
    const { n, last } = seen.rows[0] ?? { n: 0, last: null };
    if (Number(n) < WINDOW || last === null) return null;
    after = Number(last);
  }
}

function language(lang: string | null | undefined, alias = 'r'): RawBuilder<unknown> {
  const column = sql.ref(`${alias}.language`);
  if (lang === undefined) return sql``;
  return lang === null ? sql`AND ${column} IS NULL` : sql`AND ${column} = ${lang}`;
}

/** The checks on a candidate `r`, cheapest first: the full-until hint passes most leased records. */
function wantsAnswer(q: ScanRequest): RawBuilder<unknown> {
  return sql`(r.full_until IS NULL OR r.full_until <= ${q.at})
    AND r.status NOT IN (${sql.join([...CLOSED_STATUSES])})
    AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.record_id = r.id AND x.user_id = ${q.userId}
      AND x.round = ${q.round} AND x.status <> 'draft')
    AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.record_id = r.id AND a.round = ${q.round}
      AND ((a.user_id = ${q.userId} AND a.kind = 'skipped')
        OR (a.user_id <> ${q.userId} AND a.kind IN ('assigned', 'returned'))))
    AND (SELECT count(*) FROM assignments a WHERE a.record_id = r.id AND a.round = ${q.round}
      AND a.kind = 'lease' AND a.expires_at > ${q.at} AND a.user_id <> ${q.userId})
      < coalesce(r.open_slots, ${q.wanted})`;
}
