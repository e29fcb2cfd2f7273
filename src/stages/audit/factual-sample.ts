import type { Actor } from '../../core/actor.js';
import { badInput } from '../../core/errors.js';
import { seededRandom } from '../../core/random.js';
import { iso2859Plan, type SamplingPlan } from '../../stats/acceptance/index.js';
import type { AuditRow } from '../../store/audit-reads.js';
import type { StoredAudit } from '../../store/audits.js';
import type { Store } from '../../store/store.js';
import { availableDimensions, type Dimension, dimensionValue, resolveDimensions } from './dimensions.js';

/**
 * The factual audit's sample: records grouped into strata by the values of some dimensions, a
 * seeded random sample drawn from each stratum in proportion to its size (every stratum at least
 * one), shuffled into one queue for auditors. What the estimate needs later is stored with it: each
 * stratum's size, and the LLM judge's verdicts (when a judge scored every record) for PPI.
 */

export interface FactualStratum {
  /** `language=en, intent=refund`, or `all` without strata. */
  key: string;
  size: number;
  /** Records drawn from it. */
  n: number;
  /** Records of the stratum the judge scored, and of those it failed. */
  judged: number;
  judgeFailed: number;
}

export interface FactualSample {
  seed: number;
  strata: FactualStratum[];
  /** Records in the audited population (the dataset, or the release's records). */
  population: number;
  /** The judge's verdict on each sampled record: 1 failed (predicts an error), 0 passed; absent if unjudged. */
  judge: Record<string, 0 | 1>;
  plan: SamplingPlan | null;
}

export interface FactualOptions {
  /** Records to sample; with a plan, the plan's sample size when absent. */
  sample?: number;
  strata?: string[];
  seed?: number;
  /** ISO 2859-1 single sampling plan for normal inspection at this AQL (percent nonconforming). */
  planAql?: number;
  planLevel?: 'I' | 'II' | 'III' | 'S-1' | 'S-2' | 'S-3' | 'S-4';
  release?: string;
  actor: Actor;
}

const judgeVerdict = (row: AuditRow): 0 | 1 | undefined => {
  const j = row.checks.find((c) => c.check === 'judge');
  return j ? (j.passed ? 0 : 1) : undefined;
};

export async function startFactualAudit(
  store: Store,
  datasetName: string,
  options: FactualOptions,
): Promise<{ audit: StoredAudit; sample: FactualSample; notes: string[] }> {
  const dataset = await store.datasets.get(datasetName);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw badInput(`--seed must be an integer, got ${seed}`);
  const notes: string[] = [];
  let ids: Set<number> | undefined;
  if (options.release) {
    ids = await store.auditReads.releaseRecordIds(dataset.id, options.release);
    if (!ids)
      notes.push(`release '${options.release}' has no records in the store: the current dataset was sampled`);
  }

  let dims: Dimension[] | undefined;
  const members = new Map<string, number[]>();
  const strata = new Map<string, FactualStratum>();
  const judgeOf = new Map<number, 0 | 1>();
  for await (const page of store.auditReads.stream(dataset.id, ids ? { ids } : {})) {
    dims ??= options.strata?.length
      ? resolveDimensions(options.strata, availableDimensions(dataset.settings, page))
      : [];
    for (const row of page) {
      const key = dims.length ? dims.map((d) => `${d.name}=${dimensionValue(row, d)}`).join(', ') : 'all';
      let s = strata.get(key);
      if (!s) {
        s = { key, size: 0, n: 0, judged: 0, judgeFailed: 0 };
        strata.set(key, s);
        members.set(key, []);
      }
      s.size++;
      members.get(key)!.push(row.id);
      const j = judgeVerdict(row);
      if (j !== undefined) {
        s.judged++;
        s.judgeFailed += j;
        judgeOf.set(row.id, j);
      }
    }
  }
  if (options.strata?.length && !dims)
    resolveDimensions(options.strata, availableDimensions(dataset.settings, []));
  const population = [...strata.values()].reduce((t, s) => t + s.size, 0);
  if (population === 0)
    throw badInput(
      `dataset '${datasetName}'${options.release ? ` (release ${options.release})` : ''} has no records to audit`,
    );

  let plan: SamplingPlan | null = null;
  if (options.planAql !== undefined) {
    if (population < 2) throw badInput('an acceptance plan needs a lot of at least 2 records');
    plan = iso2859Plan({ lot: population, aql: options.planAql, level: options.planLevel ?? 'II' });
  }
  const size = options.sample ?? (plan ? Math.min(plan.sampleSize, population) : undefined);
  if (size === undefined) throw badInput('give --sample N (or --plan-aql, whose plan sets the sample size)');
  if (!Number.isInteger(size) || size < 1) throw badInput(`--sample must be a positive integer, got ${size}`);
  if (size > population) throw badInput(`--sample ${size} is larger than the ${population} records to audit`);
  if (plan && size < Math.min(plan.sampleSize, population))
    throw badInput(
      `the ISO 2859-1 plan for a lot of ${population} at AQL ${plan.aql} inspects ${plan.sampleSize} records (code letter ${plan.planLetter}): --sample ${size} is too small`,
    );
  const list = [...strata.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (size < list.length)
    throw badInput(
      `--sample ${size} is smaller than the ${list.length} strata: every stratum needs at least one audited record (fewer --strata, or a larger sample)`,
    );
  allocate(list, size);

  const random = seededRandom(seed);
  const items: { recordId: number; stratum: string }[] = [];
  for (const s of list) {
    const pool = members.get(s.key)!;
    // A partial Fisher–Yates shuffle: the first n of the pool are a uniform sample without replacement.
    for (let i = 0; i < s.n; i++) {
      const j = i + random.below(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      items.push({ recordId: pool[i]!, stratum: s.key });
    }
  }
  // One queue in random order, so auditors do not work through one stratum after another.
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  const judge: Record<string, 0 | 1> = {};
  for (const it of items) {
    const j = judgeOf.get(it.recordId);
    if (j !== undefined) judge[it.recordId] = j;
  }
  const sample: FactualSample = { seed, strata: list, population, judge, plan };
  const audit = await store.audits.create(
    {
      datasetId: dataset.id,
      kind: 'factual',
      releaseVersion: options.release ?? null,
      params: {
        sample: size,
        strata: dims?.map((d) => d.name) ?? [],
        seed,
        planAql: options.planAql ?? null,
        planLevel: plan ? plan.level : null,
        release: options.release ?? null,
      },
      sample,
      status: 'open',
      createdBy: options.actor,
    },
    items,
  );
  return { audit, sample, notes };
}

/**
 * Proportional allocation by largest remainders, every stratum at least one: n_h ≈ N · size_h / total.
 * Never more than a stratum holds.
 */
export function allocate(strata: FactualStratum[], size: number): void {
  const total = strata.reduce((t, s) => t + s.size, 0);
  for (const s of strata) s.n = 1;
  let left = size - strata.length;
  const want = strata.map((s) => Math.max(0, (size * s.size) / total - 1));
  const floors = want.map((w, i) => Math.min(Math.floor(w), strata[i]!.size - 1));
  strata.forEach((s, i) => {
    s.n += floors[i]!;
    left -= floors[i]!;
  });
  const order = strata
    .map((_, i) => i)
    .sort(
      (a, b) =>
        want[b]! - floors[b]! - (want[a]! - floors[a]!) || strata[a]!.key.localeCompare(strata[b]!.key),
    );
  while (left > 0) {
    let moved = false;
    for (const i of order) {
      if (left === 0) break;
      const s = strata[i]!;
      if (s.n < s.size) {
        s.n++;
        left--;
        moved = true;
      }
    }
    if (!moved) break;
  }
}
