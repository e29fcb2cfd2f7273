import type { RecordStatus } from '../../core/record.js';
import { type Dataset, type RecordLens, totalOf } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';

export interface AnnotatorProgress {
  username: string;
  submitted: number;
  discarded: number;
  drafts: number;
  skipped: number;
  medianTimeMs: number | null;
  meanTimeMs: number | null;
  lastAt: number | null;
}

export interface Progress {
  dataset: string;
  total: number;
  byStatus: Partial<Record<RecordStatus, number>>;
  responsesPerRecord: number;
  remainingResponses: number;
  awaitingReview: number;
  annotators: AnnotatorProgress[];
}

/**
 * A dataset's progress: records per status, answers still wanted, records waiting for a reviewer,
 * and per annotator what they did and how long a record took them (median and mean of submitted
 * answers). `onlyUser` limits the per-annotator rows to one person (what an annotator may see).
 */
export async function datasetProgress(
  store: Store,
  dataset: Dataset,
  onlyUser?: number,
  lens: RecordLens = 'truth',
): Promise<Progress> {
  const byStatus = await store.datasets.countByStatus(dataset.id, lens);
  const wanted = dataset.settings.distribution.responsesPerRecord;
  const slots = await store.progress.slotTotals(dataset.id, wanted);
  if (lens === 'annotator') {
    // Gold records counted as annotators see them: waiting for every answer.
    const truth = await store.datasets.countByStatus(dataset.id);
    slots.remaining += ((byStatus.new ?? 0) - (truth.new ?? 0)) * wanted;
  }
  const counts = await store.progress.answerCounts(dataset.id, onlyUser);
  const skips = await store.progress.skipsByUser(dataset.id);

  const annotators: AnnotatorProgress[] = [];
  for (const c of counts) {
    annotators.push({
      username: c.username,
      submitted: c.submitted,
      discarded: c.discarded,
      drafts: c.drafts,
      skipped: skips.get(c.userId) ?? 0,
      medianTimeMs: c.submitted > 0 ? await store.progress.medianTime(dataset.id, c.userId) : null,
      meanTimeMs: c.meanTimeMs,
      lastAt: c.lastAt,
    });
  }
  return {
    dataset: dataset.name,
    total: totalOf(byStatus),
    byStatus,
    responsesPerRecord: wanted,
    remainingResponses: slots.remaining,
    awaitingReview: slots.awaiting,
    annotators,
  };
}
