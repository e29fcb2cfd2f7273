import { sql } from 'kysely';
import { adapterOf, type Ctx } from './context.js';

/** Sketches of a queued check run's shards (migration 011). Writing a shard twice keeps the last. */
export async function putCheckShard(ctx: Ctx, runId: string, shard: number, data: Uint8Array): Promise<void> {
  const conflict =
    adapterOf(ctx).name === 'postgres'
      ? sql`ON CONFLICT (run_id, shard) DO UPDATE SET data = EXCLUDED.data`
      : sql`ON CONFLICT (run_id, shard) DO UPDATE SET data = excluded.data`;
  await sql`INSERT INTO check_shards (run_id, shard, data) VALUES (${runId}, ${shard}, ${Buffer.from(
    data.buffer,
    data.byteOffset,
    data.byteLength,
  )}) ${conflict}`.execute(ctx.db);
}

/** The run's shards in order, one at a time (a run of millions of records holds hundreds of MB). */
export async function* checkShardsOf(
  ctx: Ctx,
  runId: string,
): AsyncGenerator<{ shard: number; data: Buffer }> {
  let after = -1;
  for (;;) {
    const rows = await sql<{ shard: number; data: Buffer }>`
      SELECT shard, data FROM check_shards WHERE run_id = ${runId} AND shard > ${after} ORDER BY shard LIMIT 8`.execute(
      ctx.db,
    );
    for (const r of rows.rows) yield { shard: Number(r.shard), data: r.data };
    if (rows.rows.length < 8) return;
    after = Number(rows.rows[rows.rows.length - 1]!.shard);
  }
}

export async function clearCheckShards(ctx: Ctx, runId: string): Promise<void> {
  await sql`DELETE FROM check_shards WHERE run_id = ${runId}`.execute(ctx.db);
}

/**
 * A dataset's records cut into shards of `size` in id order: each shard's first and last id. One
 * pass over the dataset's id index; no record is read.
 */
export async function shardRanges(
  ctx: Ctx,
  datasetId: number,
  size: number,
): Promise<{ from: number; to: number }[]> {
  const rows = await sql<{ id: number; n: number }>`
    SELECT id, n FROM (
      SELECT id, row_number() OVER (ORDER BY id) AS n,
        count(*) OVER () AS total FROM records WHERE dataset_id = ${datasetId}) x
    WHERE n % ${size} = 1 OR n % ${size} = 0 OR n = total ORDER BY id`.execute(ctx.db);
  const out: { from: number; to: number }[] = [];
  for (const r of rows.rows) {
    const id = Number(r.id);
    const n = Number(r.n);
    if ((n - 1) % size === 0) out.push({ from: id, to: id });
    else out[out.length - 1]!.to = id;
  }
  return out;
}

export const checkShardsRepository = {
  put: putCheckShard,
  of: checkShardsOf,
  clear: clearCheckShards,
  ranges: shardRanges,
};
