import type { Actor } from '../../../core/actor.js';
import type { DatasetRecord } from '../../../core/record.js';
import type { Store } from '../../../store/store.js';
import { clusterSketches } from '../../../text/cluster.js';
import { resolveOptions } from '../../../text/dedup.js';
import type { SketchBatch } from '../../../text/sketch.js';
import { concatSketches, decodeSketches } from '../../../text/sketch-codec.js';
import { dedupOutcomes } from '../dedup-check.js';
import type { CheckOutcome } from '../record-checks.js';
import {
  applyVerdicts,
  type CheckInputs,
  type CheckRunSummary,
  checkPage,
  judgeIfAsked,
  prepareChecks,
  semanticIfAsked,
} from '../run-checks.js';
import { emptyTallies, mergeTallies, summaryRows, type Tallies } from '../tally.js';
import type { ShardSketchMeta } from './shard.js';

/**
 * The last step of a queued check run, once every shard is done: the judge and semantic
 * near-duplicates (dataset-wide, as in one process), near-duplicates clustered over every shard's
 * sketches (so pairs that fall in different shards are found exactly as in one process), then
 * statuses. Clustering holds every sketch in memory, as the one-process path does.
 */
export async function finishCheckRun(
  store: Store,
  o: { runId: string; inputs: CheckInputs; shardTallies: Tallies[]; actor: Actor },
): Promise<CheckRunSummary> {
  const p = await prepareChecks(store, o.inputs);
  const ran = new Set<string>();
  const tallies = emptyTallies([]);
  const more: ((r: DatasetRecord) => CheckOutcome)[] = [];

  if (p.config.dedup.enabled) {
    ran.add('dedup');
    const byId = await clusterShards(store, o.runId, p.config.dedup);
    more.push((r) => byId.get(r.id) ?? { check: 'dedup', passed: true, score: null, details: {} });
  }
  const semantic = await semanticIfAsked(store, p, o.inputs.only);
  if (semantic) {
    ran.add('semantic_dedup');
    more.push(
      (r) => semantic.byId.get(r.id) ?? { check: 'semantic_dedup', passed: true, score: null, details: {} },
    );
  }
  for (const c of p.checkers) ran.add(c.name);
  const judge = await judgeIfAsked(store, p, o.inputs.only);

  const datasetWide = { ...p, checkers: [] };
  const statuses = { flagged: 0, checked: 0 };
  let records = 0;
  for await (const page of store.records.stream(p.dataset.id)) {
    const ids = page.map((r) => r.id);
    if (more.length > 0) {
      const results = checkPage(page, datasetWide, tallies, more);
      await store.checkResults.replace(
        ids,
        [...ran].filter((c) => c === 'dedup' || c === 'semantic_dedup'),
        results,
      );
    }
    const moved = await applyVerdicts(store, p.dataset.id, ids, o.actor);
    statuses.flagged += moved.flagged;
    statuses.checked += moved.checked;
    records += page.length;
  }
  for (const t of o.shardTallies) mergeTallies(tallies, t);
  await store.checkShards.clear(o.runId);
  return {
    dataset: p.dataset.name,
    records,
    checks: summaryRows(tallies, ran),
    statuses,
    byStatus: (await store.datasets.countByStatus(p.dataset.id)) as Record<string, number>,
    ...(judge === undefined ? {} : { judge }),
  };
}

async function clusterShards(
  store: Store,
  runId: string,
  config: { threshold: number; ngram: number },
): Promise<Map<number, CheckOutcome>> {
  const r = resolveOptions({ threshold: config.threshold, ngram: config.ngram });
  const batches: SketchBatch[] = [];
  const ids: number[] = [];
  const externalIds: string[] = [];
  const priorities: number[] = [];
  for await (const { data } of store.checkShards.of(runId)) {
    const { batch, meta } = decodeSketches<ShardSketchMeta>(data);
    batches.push(batch);
    for (let i = 0; i < meta.ids.length; i++) {
      ids.push(meta.ids[i]!);
      externalIds.push(meta.externalIds[i]!);
      priorities.push(meta.priorities[i]!);
    }
  }
  const all = concatSketches(batches);
  if (all.count === 0) return new Map();
  const clustering = clusterSketches([all], all.count, r.sketch, r.threshold, priorities);
  return dedupOutcomes(clustering.clusters, ids, externalIds, r.threshold);
}
