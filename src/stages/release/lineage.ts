import type { z } from 'zod';
import type { lineageView } from '../../core/api/lineage.js';
import { answerView } from '../../core/api/records.js';
import type { FinalValues } from '../../core/record.js';
import { ANNOTATION_ROUND } from '../../core/rounds.js';
import type { Dataset } from '../../store/datasets.js';
import type { LineageFacts } from '../../store/lineage-reads.js';
import type { Store } from '../../store/store.js';
import { correctionDiffs } from '../review/index.js';

/** The lineage as the server hands it on (`z.input`: stored values pass through unchecked). */
export type Lineage = z.input<typeof lineageView>;

/**
 * Who is asking: `full` for the operator at the CLI and for reviewers, admins and owners; an
 * annotator sees only what reading the record shows them (their own answer, no decision, no gold).
 */
export type LineageAudience = { kind: 'full' } | { kind: 'annotator'; userId: number };

/**
 * A record's lineage: its source (recipe and sampler values, or file and line; provider, model,
 * prompt hash), each check's verdict, the answers, the decision with its corrections as word diffs,
 * how each final value was reached, the releases that hold it, and its tombstone if erased.
 */
export async function recordLineage(
  store: Store,
  recordId: number,
  dataset: Pick<Dataset, 'name' | 'settings'>,
  audience: LineageAudience,
): Promise<Lineage> {
  return assembleLineage(await store.lineage.facts(recordId), dataset, audience);
}

export function assembleLineage(
  facts: LineageFacts,
  dataset: Pick<Dataset, 'name' | 'settings'>,
  audience: LineageAudience,
): Lineage {
  const { record, checks, responses } = facts.details;
  const full = audience.kind === 'full';
  const answers = responses
    .filter((r) => full || (r.userId === audience.userId && r.round === ANNOTATION_ROUND))
    .map(answerView);
  // To an annotator a gold record looks like any record waiting for answers (as on the record page).
  const status = !full && record.gold ? ('new' as const) : record.status;
  return {
    recordId: record.id,
    dataset: dataset.name,
    externalId: record.externalId,
    status,
    source: record.provenance,
    checks,
    answers,
    decision: full ? decisionOf(facts, dataset) : null,
    releases: full ? facts.releases : null,
    erasure: facts.erasure
      ? {
          id: facts.erasure.id,
          at: facts.erasure.at,
          actor: facts.erasure.actor,
          reason: facts.erasure.reason,
        }
      : null,
  };
}

function decisionOf(
  facts: LineageFacts,
  dataset: Pick<Dataset, 'settings'>,
): NonNullable<Lineage['decision']> {
  const { record } = facts.details;
  const finals: FinalValues = record.finalValues ?? {};
  const values = Object.fromEntries(Object.entries(finals).map(([q, f]) => [q, f.value]));
  const diffs = correctionDiffs(dataset.settings, record, values);
  const corrects = new Map(
    dataset.settings.questions.flatMap((q) =>
      q.type === 'text' && q.corrects ? [[q.name, q.corrects]] : [],
    ),
  );
  return {
    status: record.status,
    decidedBy: facts.decidedBy,
    secondReview: facts.secondReview,
    finalValues: finals,
    // In the dataset's question order (PostgreSQL's jsonb keeps keys in its own order).
    aggregation: ordered(
      dataset.settings.questions.map((q) => q.name),
      Object.keys(finals),
    ).map((question) => ({
      question,
      method: finals[question]!.method,
      confidence: finals[question]!.confidence ?? null,
    })),
    corrections: Object.entries(diffs).flatMap(([question, changes]) =>
      changes.map((c) => ({
        question,
        field: corrects.get(question) ?? '',
        ...(c.turn !== undefined ? { turn: c.turn } : {}),
        parts: c.parts,
      })),
    ),
  };
}

/** `keys` in the order `order` names them, the others after. */
function ordered(order: string[], keys: string[]): string[] {
  const have = new Set(keys);
  return [...order.filter((k) => have.has(k)), ...keys.filter((k) => !order.includes(k))];
}
