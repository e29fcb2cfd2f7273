import type { Ctx } from './context.js';
import { now } from './context.js';
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
