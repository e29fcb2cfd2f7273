import type { Provenance } from '../core/record.js';
import type { Ctx } from './context.js';
import { readJson } from './dialect.js';

/**
 * External ids of a dataset that start with a prefix, streamed in pages: a generation run reads
 * which of its numbered rows are stored already without loading the records themselves.
 */
export async function* externalIdsWithPrefix(
  ctx: Ctx,
  datasetId: number,
  prefix: string,
): AsyncGenerator<string> {
  // LIKE's wildcards in the prefix would only widen the match; callers re-check the prefix.
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .selectFrom('records')
      .select(['id', 'external_id'])
      .where('dataset_id', '=', datasetId)
      .where('id', '>', after)
      .where((eb) => eb('external_id', 'like', pattern))
      .orderBy('id')
      .limit(10_000)
      .execute();
    for (const r of rows) yield r.external_id;
    if (rows.length < 10_000) return;
    after = Number(rows.at(-1)!.id);
  }
}

/** Fields and provenance of a dataset's records whose external id starts with a prefix, in pages. */
export async function* recordsWithPrefix(
  ctx: Ctx,
  datasetId: number,
  prefix: string,
): AsyncGenerator<{ externalId: string; fields: Record<string, unknown>; provenance: Provenance }> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .selectFrom('records')
      .select(['id', 'external_id', 'fields', 'provenance'])
      .where('dataset_id', '=', datasetId)
      .where('id', '>', after)
      .where((eb) => eb('external_id', 'like', pattern))
      .orderBy('id')
      .limit(2_000)
      .execute();
    for (const r of rows)
      yield { externalId: r.external_id, fields: readJson(r.fields), provenance: readJson(r.provenance) };
    if (rows.length < 2_000) return;
    after = Number(rows.at(-1)!.id);
  }
}
