import { own } from '../../core/own.js';
import type { FinalValues } from '../../core/record.js';
import { type AggregateResult, aggregate, aggregateLabelsDawidSkene } from '../../stats/aggregation/index.js';
import type { Dataset } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';

export interface AggregateRun {
  dataset: string;
  method: 'majority' | 'dawid_skene';
  /** Records whose answers were all in and that nobody had decided. */
  records: number;
  /** Of those, accepted because every question's confidence reached `acceptAbove` without a tie. */
  accepted: number;
  /** Questions whose final value came from a tie rule: worth a reviewer's look. */
  tied: number;
}

/**
 * Final values for every record whose answers are in and that no reviewer decided: per question
 * the stated method (majority vote, median for ratings, span vote, Borda count; Dawid–Skene for
 * label questions when asked), with its confidence. Records stay in review unless every question
 * reached `acceptAbove` without a tie; then they are accepted with the aggregated values.
 */
export async function aggregateDataset(
  store: Store,
  dataset: Dataset,
  o: { method?: 'majority' | 'dawid_skene'; acceptAbove?: number; actor: string },
): Promise<AggregateRun> {
  const method = o.method ?? 'majority';
  const records = await store.quality.undecidedAnswers(dataset.id);
  const ids = [...records.keys()];
  const results = new Map<number, Record<string, AggregateResult>>(ids.map((id) => [id, {}]));
  for (const q of dataset.settings.questions) {
    if (q.type === 'text') continue;
    if (q.type === 'label' && method === 'dawid_skene' && ids.length > 0) {
      const batch = aggregateLabelsDawidSkene(
        q,
        ids.map((id) =>
          records.get(id)!.answers.map((a) => ({ annotator: a.user, value: own(a.values, q.name) })),
        ),
      );
      ids.forEach((id, i) => {
        results.get(id)![q.name] = batch.results[i]!;
      });
      continue;
    }
    for (const id of ids)
      results.get(id)![q.name] = aggregate(
        q,
        records.get(id)!.answers.map((a) => own(a.values, q.name)),
      );
  }

  const at = new Date().toISOString();
  let accepted = 0;
  let tied = 0;
  await store.transaction(async (tx) => {
    for (const id of ids) {
      const finalValues: FinalValues = {};
      let sure = true;
      for (const [question, r] of Object.entries(results.get(id)!)) {
        if (r.value === undefined) continue;
        if (r.tied) tied++;
        if (r.tied || (r.confidence ?? 0) < (o.acceptAbove ?? Number.POSITIVE_INFINITY)) sure = false;
        finalValues[question] = {
          value: r.value,
          method: r.method,
          decidedBy: null,
          ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
          at,
        };
      }
      const accept = o.acceptAbove !== undefined && sure && Object.keys(finalValues).length > 0;
      if (accept) accepted++;
      const state = await tx.lifecycle.lockState(id);
      await tx.lifecycle.transition(
        state,
        { type: 'aggregated', finalValues, accept },
        { actor: o.actor, log: { kind: 'changes' }, expectedVersion: records.get(id)!.version },
      );
    }
  });
  return { dataset: dataset.name, method, records: ids.length, accepted, tied };
}
