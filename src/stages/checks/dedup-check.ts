import type { DatasetRecord, RecordStatus } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { Dataset } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';
import { findNearDuplicates } from '../../text/dedup.js';
import type { ChecksConfig } from './config.js';
import type { CheckOutcome } from './record-checks.js';
import { recordTexts } from './record-texts.js';

/**
 * Near-duplicates across a whole dataset. In each cluster one record is kept — the one people have
 * vouched for most: a decided record over an undecided one, a human-written one over an imported
 * one over a synthetic one, then the oldest — and the others fail the check with "near-duplicate
 * of" the kept one. Only sketches are held in memory (and two numbers per record), not the texts.
 */

const STATUS_RANK: Record<RecordStatus, number> = {
  accepted: 5,
  in_review: 4,
  checked: 3,
  flagged: 2,
  new: 1,
  rejected: 0,
  retired: 0,
  erased: 0,
};
const ORIGIN_RANK: Record<string, number> = { human: 2, imported: 1, synthetic: 0 };

export function keepPriority(r: Pick<DatasetRecord, 'status' | 'provenance'>): number {
  const origin = (r.provenance as { origin?: string }).origin ?? 'imported';
  return (STATUS_RANK[r.status] ?? 0) * 3 + (ORIGIN_RANK[origin] ?? 1);
}

export interface DedupOutcomes {
  /** Outcomes of records in clusters; every other record passed. */
  byId: Map<number, CheckOutcome>;
  records: number;
  clusters: number;
  duplicates: number;
}

export async function dedupDataset(
  store: Store,
  dataset: Dataset,
  settings: DatasetSettings,
  config: ChecksConfig['dedup'],
  onProgress?: (records: number) => void,
): Promise<DedupOutcomes> {
  const ids: number[] = [];
  const externalIds: string[] = [];
  const priorities: number[] = [];
  async function* texts(): AsyncGenerator<string[]> {
    for await (const page of store.records.stream(dataset.id)) {
      const batch: string[] = [];
      for (const r of page) {
        ids.push(r.id);
        externalIds.push(r.externalId);
        priorities.push(keepPriority(r));
        batch.push(recordTexts(r, settings).joined);
      }
      yield batch;
    }
  }
  const result = await findNearDuplicates(texts(), {
    threshold: config.threshold,
    ngram: config.ngram,
    priority: (i) => priorities[i] ?? 0,
    ...(onProgress ? { onProgress } : {}),
  });
  const byId = dedupOutcomes(result.clusters, ids, externalIds, config.threshold);
  return { byId, records: ids.length, clusters: result.clusters.length, duplicates: result.duplicates };
}

/** Each clustered record's outcome: the kept one passes and lists its duplicates, the others fail. */
export function dedupOutcomes(
  clusters: readonly number[][],
  ids: ArrayLike<number>,
  externalIds: readonly string[],
  threshold: number,
): Map<number, CheckOutcome> {
  const byId = new Map<number, CheckOutcome>();
  for (const cluster of clusters) {
    const kept = cluster[0]!;
    byId.set(ids[kept]!, {
      check: 'dedup',
      passed: true,
      score: null,
      details: {
        kept: true,
        duplicates: cluster
          .slice(1)
          .map((i) => externalIds[i])
          .slice(0, 20),
        size: cluster.length,
      },
    });
    for (const i of cluster.slice(1)) {
      byId.set(ids[i]!, {
        check: 'dedup',
        passed: false,
        score: null,
        details: {
          reason: `near-duplicate of ${externalIds[kept]}`,
          duplicateOf: externalIds[kept],
          duplicateOfId: ids[kept],
          threshold,
          size: cluster.length,
        },
      });
    }
  }
  return byId;
}
