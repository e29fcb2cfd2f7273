import type { Ctx } from './context.js';
import { inTransaction, now } from './context.js';
import { writeJson } from './dialect.js';

export interface NewCheckResult {
  recordId: number;
  /** `validator:too_short`, `dedup`, `pii`… */
  check: string;
  passed: boolean;
  score?: number | null;
  details?: unknown;
}

export async function addCheckResults(ctx: Ctx, results: NewCheckResult[]): Promise<void> {
  if (results.length === 0) return;
  const t = now();
  for (let i = 0; i < results.length; i += 500) {
    await ctx.db
      .insertInto('check_results')
      .values(
        results.slice(i, i + 500).map((r) => ({
          record_id: r.recordId,
          check: r.check,
          passed: r.passed ? 1 : 0,
          score: r.score ?? null,
          details: r.details === undefined ? null : writeJson(r.details),
          created_at: t,
        })),
      )
      .execute();
  }
}

export async function checkResultsFor(
  ctx: Ctx,
  recordId: number,
): Promise<{ check: string; passed: boolean; score: number | null; details: unknown }[]> {
  const rows = await ctx.db
    .selectFrom('check_results')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    check: r.check,
    passed: Number(r.passed) === 1,
    score: r.score === null ? null : Number(r.score),
    details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
  }));
}

/**
 * Replaces the results of these checks on these records: a check run again leaves one verdict per
 * record and check, not a history (the event log keeps that). One transaction.
 */
export async function replaceResultsOf(
  ctx: Ctx,
  recordIds: number[],
  checks: string[],
  results: NewCheckResult[],
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < recordIds.length; i += 500) {
      await tx.db
        .deleteFrom('check_results')
        .where('record_id', 'in', recordIds.slice(i, i + 500))
        .where('check', 'in', checks)
        .execute();
    }
    await addCheckResults(tx, results);
  });
}

/** Of these records, the ones with any failed check result (of any check, validators included). */
export async function recordsWithFailures(ctx: Ctx, recordIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('check_results')
      .select('record_id')
      .distinct()
      .where('record_id', 'in', recordIds.slice(i, i + 500))
      .where('passed', '=', 0)
      .execute();
    for (const r of rows) out.add(Number(r.record_id));
  }
  return out;
}

/**
 * Names of the checks run on a dataset, read from a sample of its first records: every check runs
 * on every record, and a full DISTINCT over a million results would cost more than the page it serves.
 */
export async function checkNamesIn(ctx: Ctx, datasetId: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('check_results')
    .select('check_results.check')
    .distinct()
    .where(
      'record_id',
      'in',
      ctx.db.selectFrom('records').select('id').where('dataset_id', '=', datasetId).orderBy('id').limit(1000),
    )
    .execute();
  return rows.map((c) => c.check).sort();
}

export const checkResultsRepository = {
  add: addCheckResults,
  forRecord: checkResultsFor,
  replace: replaceResultsOf,
  recordsWithFailures,
  namesIn: checkNamesIn,
};
