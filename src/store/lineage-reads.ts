import type { Erasure } from '../core/erasure.js';
import type { Ctx } from './context.js';
import { erasureOf } from './erasure.js';
import { type RecordDetails, recordDetails } from './record-details.js';

/** A release that holds the record, and how. */
export interface ReleaseMembership {
  id: number;
  version: string;
  split: string;
  createdAt: number;
  createdBy: string;
  supersededAt: number | null;
  supersededReason: string | null;
  /** The version made after the erasure that replaces it, once there is one. */
  supersededBy: string | null;
  /** The record's frozen row was removed from the release by an erasure. */
  erased: boolean;
}

/** What a record's lineage is assembled from: its details, its decision, its releases, its tombstone. */
export interface LineageFacts {
  details: RecordDetails;
  decidedBy: string | null;
  secondReview: string | null;
  releases: ReleaseMembership[];
  erasure: Erasure | null;
}

/**
 * Everything a record's lineage shows, in three statements: the record with its suggestions,
 * checks, responses and comments (one, as the record page reads it), who decided it and its second
 * review, and the releases that hold it. The tombstone is read only for an erased record.
 */
export async function lineageFacts(ctx: Ctx, recordId: number): Promise<LineageFacts> {
  const details = await recordDetails(ctx, recordId);
  const decision = await ctx.db
    .selectFrom('records as r')
    .leftJoin('users as u', 'u.id', 'r.decided_by')
    .select(['u.username', 'r.second_review'])
    .where('r.id', '=', recordId)
    .executeTakeFirst();
  const releases = await ctx.db
    .selectFrom('release_records as rr')
    .innerJoin('releases as rel', 'rel.id', 'rr.release_id')
    .leftJoin('releases as next', 'next.id', 'rel.superseded_by')
    .select([
      'rel.id',
      'rel.version',
      'rr.split',
      'rel.created_at',
      'rel.created_by',
      'rel.superseded_at',
      'rel.superseded_reason',
      'next.version as superseded_by',
      'rr.content_hash',
    ])
    .where('rr.record_id', '=', recordId)
    .orderBy('rel.id')
    .execute();
  const erasure =
    details.record.status === 'erased'
      ? ((await erasureOf(ctx, details.record.datasetId, recordId)) ?? null)
      : null;
  return {
    details,
    decidedBy: decision?.username ?? null,
    secondReview: decision?.second_review ?? null,
    releases: releases.map((r) => ({
      id: Number(r.id),
      version: r.version,
      split: r.split,
      createdAt: Number(r.created_at),
      createdBy: r.created_by,
      supersededAt: r.superseded_at === null ? null : Number(r.superseded_at),
      supersededReason: r.superseded_reason,
      supersededBy: r.superseded_by ?? null,
      erased: r.content_hash === 'erased',
    })),
    erasure,
  };
}

export const lineageReadsRepository = { facts: lineageFacts };
