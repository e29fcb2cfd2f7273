import { sql } from 'kysely';
import type { Actor } from '../core/actor.js';
import {
  describeSelector,
  type Erasure,
  type ErasureCounts,
  type ErasurePlan,
  type ErasureSelector,
  type SelectorDescription,
} from '../core/erasure.js';
import { TandemError } from '../core/errors.js';
import { statusesAllowing, transition } from '../core/lifecycle.js';
import type { Provenance, RecordStatus } from '../core/record.js';
import { adapterOf, type Ctx, inTransaction, now } from './context.js';
import { readJson, writeJson } from './dialect.js';
import { purgeErased } from './erasure-purge.js';
import {
  cacheWhere,
  chunks,
  countReach,
  eventsWhere,
  jobsWhere,
  type Reach,
  reachOf,
  releasesHolding,
  selectTargets,
} from './erasure-targets.js';
import { appendEvent } from './events.js';

/**
 * Erasure: the content of chosen records leaves every place Tandem keeps it, in one transaction,
 * and a tombstone stays. Records keep a row (status `erased`, content emptied) rather than being
 * deleted: release rows, events and the tombstone keep pointing at an id that still says what
 * happened to it, the lifecycle refuses any later event on it, and an id is never reused.
 */

/** Which records of the dataset the selector picks (erased ones left out), and what erasing them touches. */
export async function planErasure(
  ctx: Ctx,
  dataset: { id: number; name: string },
  selector: ErasureSelector,
): Promise<ErasurePlan> {
  const recordIds = await liveTargets(ctx, dataset.id, selector);
  const reach = await reachOf(ctx, recordIds, selector.kind === 'match' ? selector.text : undefined);
  return {
    datasetId: dataset.id,
    dataset: dataset.name,
    recordIds,
    counts: await countReach(ctx, dataset.id, recordIds, reach),
    releases: await releasesHolding(ctx, recordIds),
  };
}

async function liveTargets(ctx: Ctx, datasetId: number, selector: ErasureSelector): Promise<number[]> {
  const found = await selectTargets(ctx, datasetId, selector);
  if (selector.kind === 'record') {
    const have = new Set(found.map((r) => r.id));
    const missing = selector.recordIds.filter((id) => !have.has(id));
    if (missing.length)
      throw new TandemError('not_found', `record ${missing.join(', ')} is not in this dataset`);
    const erased = found.filter((r) => r.status === 'erased').map((r) => r.id);
    if (erased.length)
      throw new TandemError('invalid_transition', `record ${erased.join(', ')} was already erased`);
  }
  return found.filter((r) => r.status !== 'erased').map((r) => r.id);
}

export interface EraseInput {
  dataset: { id: number; name: string };
  selector: ErasureSelector;
  reason: string;
  actor: Actor;
}

/**
 * Erases what the selector picks, in one transaction: a kill at any point leaves all of it or none.
 * The selection is made again inside the transaction, so what is erased is what matched at commit.
 * The content may still sit in the store's free pages afterwards: `purgeErased` (run by `erase`)
 * removes it from the files.
 */
export async function eraseInTransaction(ctx: Ctx, input: EraseInput): Promise<Erasure> {
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const datasetId = input.dataset.id;
    const recordIds = await liveTargets(tx, datasetId, input.selector);
    if (recordIds.length === 0) throw new TandemError('not_found', 'no record matches; nothing was erased');
    if (adapterOf(tx).locksRows)
      for (const ids of chunks(recordIds))
        await tx.db.selectFrom('records').select('id').where('id', 'in', ids).forUpdate().execute();
    const reach = await reachOf(
      tx,
      recordIds,
      input.selector.kind === 'match' ? input.selector.text : undefined,
    );
    const releases = await releasesHolding(tx, recordIds);
    const counts = await scrub(tx, datasetId, recordIds, reach, t);

    if (releases.length)
      await tx.db
        .updateTable('releases')
        .set({ superseded_at: t, superseded_reason: 'erasure', superseded_by: null })
        .where(
          'id',
          'in',
          releases.map((r) => r.id),
        )
        .where('superseded_at', 'is', null)
        .execute();

    const selector = describeSelector(input.selector);
    const row = await tx.db
      .insertInto('erasures')
      .values({
        dataset_id: datasetId,
        dataset_name: input.dataset.name,
        actor: input.actor,
        reason: input.reason,
        selector: writeJson(selector),
        record_ids: writeJson(recordIds),
        touched: writeJson(counts),
        releases: writeJson(releases),
        created_at: t,
        purged_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const erasureId = Number(row.id);
    // Events say that it happened and where the tombstone is; never what was erased.
    await appendEvent(tx, {
      actor: input.actor,
      action: 'records.erase',
      entityType: 'dataset',
      entityId: datasetId,
      datasetId,
      after: { erasure: erasureId, records: recordIds.length, releases: releases.map((r) => r.version) },
    });
    for (const id of recordIds)
      await appendEvent(tx, {
        actor: input.actor,
        action: 'record.erase',
        entityType: 'record',
        entityId: id,
        datasetId,
        after: { erasure: erasureId },
      });
    return {
      id: erasureId,
      datasetId,
      dataset: input.dataset.name,
      actor: input.actor,
      reason: input.reason,
      selector,
      recordIds,
      counts,
      releases,
      at: t,
      purgedAt: null,
    };
  });
}

/** Removes or empties every row holding the records' content. Inside the caller's transaction. */
async function scrub(
  tx: Ctx,
  datasetId: number,
  recordIds: number[],
  reach: Reach,
  t: number,
): Promise<ErasureCounts> {
  const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
    Number(r?.numDeletedRows ?? r?.numUpdatedRows ?? 0);
  const counts: ErasureCounts = {
    records: 0,
    responses: 0,
    suggestions: 0,
    checkResults: 0,
    comments: 0,
    assignments: 0,
    events: 0,
    llmCache: 0,
    jobs: 0,
    releaseRecords: 0,
  };
  // Events first: which of them belong to the records is known by the response ids read above.
  counts.events = n(
    await tx.db
      .updateTable('events')
      .set({ before: null, after: null })
      .where(eventsWhere(tx, datasetId, recordIds, reach))
      .executeTakeFirst(),
  );
  counts.llmCache = n(await tx.db.deleteFrom('llm_cache').where(cacheWhere(tx, reach)).executeTakeFirst());
  counts.jobs = n(await tx.db.deleteFrom('jobs').where(jobsWhere(tx, reach)).executeTakeFirst());

  const erasedState = statusesAllowing({ type: 'erased' });
  for (const ids of chunks(recordIds)) {
    counts.responses += n(
      await tx.db.deleteFrom('responses').where('record_id', 'in', ids).executeTakeFirst(),
    );
    counts.suggestions += n(
      await tx.db.deleteFrom('suggestions').where('record_id', 'in', ids).executeTakeFirst(),
    );
    counts.checkResults += n(
      await tx.db.deleteFrom('check_results').where('record_id', 'in', ids).executeTakeFirst(),
    );
    counts.comments += n(await tx.db.deleteFrom('comments').where('record_id', 'in', ids).executeTakeFirst());
    counts.assignments += n(
      await tx.db.deleteFrom('assignments').where('record_id', 'in', ids).executeTakeFirst(),
    );
    // A release keeps its list of record ids (it says an erased record was in it); the frozen row goes.
    counts.releaseRecords += n(
      await tx.db
        .updateTable('release_records')
        .set({ snapshot: writeJson({ erased: true }), content_hash: 'erased' })
        .where('record_id', 'in', ids)
        .executeTakeFirst(),
    );

    const rows = await tx.db
      .selectFrom('records')
      .select(['id', 'status', 'provenance'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) {
      // The lifecycle's rule: erasure is final, and what it sets.
      const change = transition(
        {
          id: r.id,
          status: r.status as RecordStatus,
          gold: false,
          openSlots: null,
          secondReview: null,
          decidedBy: null,
        },
        { type: 'erased' },
      );
      const res = await tx.db
        .updateTable('records')
        .set((eb) => ({
          status: change.status ?? 'erased',
          open_slots: change.openSlots ?? 0,
          full_until: null,
          external_id: `erased:${r.id}`,
          fields: '{}',
          metadata: '{}',
          provenance: writeJson(scrubProvenance(readJson<Provenance>(r.provenance))),
          content_hash: `erased:${r.id}`,
          language: null,
          final_values: null,
          gold_values: null,
          disagreement: null,
          second_review: null,
          version: eb('version', '+', 1),
          updated_at: t,
        }))
        .where('id', '=', r.id)
        .where('status', 'in', erasedState)
        .executeTakeFirst();
      counts.records += n(res);
    }
    // The search index's documents (migration 008) are copies of the fields: gone with them. The
    // fields' trigger queues the records again, and the indexer writes their (empty) documents.
    await sql`DELETE FROM record_search WHERE ${sql.raw(adapterOf(tx).name === 'postgres' ? 'record_id' : 'rowid')} IN (${sql.join(ids)})`.execute(
      tx.db,
    );
  }
  return counts;
}

/**
 * What a tombstone record keeps of where it came from: the source, never values drawn for it
 * (sampler values can be a person's name) nor prompt hashes (keys to cached answers that quote it).
 */
function scrubProvenance(p: Provenance | null): Record<string, unknown> {
  if (!p) return { origin: 'erased' };
  switch (p.origin) {
    case 'imported':
      return {
        origin: 'imported',
        file: p.file,
        line: p.line,
        format: p.format,
        importId: p.importId,
        idFrom: p.idFrom,
      };
    case 'synthetic':
      return {
        origin: 'synthetic',
        recipe: p.recipe,
        ...(p.recipeHash ? { recipeHash: p.recipeHash } : {}),
        ...(p.row !== undefined ? { row: p.row } : {}),
        samplerValues: {},
        provider: p.provider,
        ...(p.model ? { model: p.model } : {}),
      };
    case 'human':
      return { origin: 'human', author: p.author };
  }
}

interface ErasureRow {
  id: number;
  dataset_id: number;
  dataset_name: string;
  actor: string;
  reason: string;
  selector: unknown;
  record_ids: unknown;
  touched: unknown;
  releases: unknown;
  created_at: number;
  purged_at: number | null;
}

const toErasure = (r: ErasureRow): Erasure => ({
  id: Number(r.id),
  datasetId: Number(r.dataset_id),
  dataset: r.dataset_name,
  actor: r.actor,
  reason: r.reason,
  selector: readJson<SelectorDescription>(r.selector),
  recordIds: readJson<number[]>(r.record_ids),
  counts: readJson<ErasureCounts>(r.touched),
  releases: readJson(r.releases),
  at: Number(r.created_at),
  purgedAt: r.purged_at === null ? null : Number(r.purged_at),
});

/** Tombstones, newest first; of one dataset when named. */
export async function listErasures(ctx: Ctx, datasetId?: number): Promise<Erasure[]> {
  let q = ctx.db.selectFrom('erasures').selectAll();
  if (datasetId !== undefined) q = q.where('dataset_id', '=', datasetId);
  return (await q.orderBy('id', 'desc').execute()).map(toErasure);
}

/** The tombstone naming this record, if it was erased. */
export async function erasureOf(ctx: Ctx, datasetId: number, recordId: number): Promise<Erasure | undefined> {
  const all = await listErasures(ctx, datasetId);
  return all.find((e) => e.recordIds.includes(recordId));
}

/** Erasures whose content may still be in the store's files (killed before the purge, or readers held it). */
export async function pendingPurges(ctx: Ctx): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM erasures WHERE purged_at IS NULL`.execute(
    ctx.db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * `eraseInTransaction` with SQLite's `secure_delete` on for it: the cells and pages the erasure
 * frees are overwritten with zeros as they are freed, not left for VACUUM alone.
 */
export async function eraseRecords(ctx: Ctx, input: EraseInput): Promise<Erasure> {
  const raw = ctx.sqlite;
  const before = raw?.pragma('secure_delete', { simple: true });
  raw?.pragma('secure_delete = ON');
  try {
    return await eraseInTransaction(ctx, input);
  } finally {
    raw?.pragma(`secure_delete = ${Number(before)}`);
  }
}

export const erasureRepository = {
  plan: planErasure,
  erase: eraseRecords,
  purge: purgeErased,
  list: listErasures,
  of: erasureOf,
  pendingPurges,
};
