import type { Actor } from '../../../core/actor.js';
import { badInput, usage } from '../../../core/errors.js';
import { seededRandom } from '../../../core/random.js';
import type { DatasetRecord } from '../../../core/record.js';
import { type PairedShift, pairedShift } from '../../../stats/paired-shift.js';
import type { StoredAudit } from '../../../store/audits.js';
import type { Store } from '../../../store/store.js';
import { readLexicon } from '../descriptors/lexicon.js';
import { judgeConfigOf, judgeScorer } from './judge-scorer.js';
import { readSwapList, SWAP_TYPES, type SwapType } from './swap-list.js';
import { type Swapper, swappers } from './swapper.js';

/**
 * The counterfactual probe of a dataset's LLM judge: in a seeded sample of the records that mention
 * a name, pronoun or group term of the swap lists, swap those terms (x ↔ y) and have the judge score
 * both texts. Per swap type, the mean shift score(y side) − score(x side) with a seeded bootstrap
 * interval: a judge that prefers one side moves it away from 0 and the probe flags it, before the
 * judge filters data by it. Stored as an audit of kind `counterfactual`.
 */

export interface CounterfactualOptions {
  /** Records to probe (default 100), drawn from those a swap changes. */
  sample?: number;
  swaps?: SwapType[];
  seed?: number;
  /** Another provider than the judge settings' (same rubric). */
  provider?: string;
  swapList?: string;
  actor: Actor;
  store?: boolean;
  signal?: AbortSignal;
}

export interface SwapTypeShift extends Omit<PairedShift, 'shifted'> {
  type: SwapType;
  /** Mean normalised score of the x-side texts (before the shift). */
  meanX: number;
  /** The interval excludes 0: the judge scores one side differently. */
  flagged: boolean;
  /** Per pair (`x→y`), the records that used it and their mean shift; most used first, at most 20. */
  pairs: { pair: string; axis: string | null; n: number; mean: number }[];
  /** Records whose swap went both ways equally often (no side to compare), left out. */
  ambiguous: number;
}

export interface CounterfactualResults {
  kind: 'counterfactual';
  judge: { provider: string; criteria: string[] };
  /** Records streamed, records some requested swap changes, records probed. */
  records: number;
  eligible: number;
  sampled: number;
  swaps: SwapTypeShift[];
  /** Judge answers that stayed invalid: their pairs are left out. */
  errors: number;
  calls: number;
  cacheHits: number;
}

export interface CounterfactualAudit {
  audit: StoredAudit | null;
  results: CounterfactualResults;
}

const DEFAULT_SAMPLE = 100;

/** A record with its text fields (and chat turns' content) swapped; undefined when nothing changed. */
function swapRecord(
  record: DatasetRecord,
  swapper: Swapper,
): { record: DatasetRecord; toY: number; toX: number; pairs: string[] } | undefined {
  let toY = 0;
  let toX = 0;
  const pairs = new Set<string>();
  const apply = (text: string) => {
    const s = swapper.swap(text);
    toY += s.toY;
    toX += s.toX;
    for (const p of s.pairs) pairs.add(p);
    return s.text;
  };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record.fields)) {
    if (typeof v === 'string') fields[k] = apply(v);
    else if (Array.isArray(v))
      fields[k] = v.map((m) =>
        m && typeof m === 'object' && typeof (m as { content?: unknown }).content === 'string'
          ? { ...m, content: apply((m as { content: string }).content) }
          : m,
      );
    else fields[k] = v;
  }
  if (toY + toX === 0) return undefined;
  return { record: { ...record, fields }, toY, toX, pairs: [...pairs] };
}

export async function counterfactualAudit(
  store: Store,
  datasetName: string,
  options: CounterfactualOptions,
): Promise<CounterfactualAudit> {
  const dataset = await store.datasets.get(datasetName);
  const sample = options.sample ?? DEFAULT_SAMPLE;
  if (!Number.isInteger(sample) || sample < 2)
    throw usage(`--sample must be a whole number ≥ 2, got ${sample}`);
  const seed = options.seed ?? 1;
  const types = options.swaps?.length ? options.swaps : [...SWAP_TYPES];
  for (const t of types)
    if (!(SWAP_TYPES as readonly string[]).includes(t))
      throw usage(`unknown swap type '${t}': one of ${SWAP_TYPES.join(', ')}`);
  const config = judgeConfigOf(dataset, options.provider);
  const list = readSwapList(options.swapList);
  const bySwap = swappers(list.pairs, types);
  const swapperFor = (type: SwapType, language: string | null) => bySwap.get(`${type}:${language ?? '*'}`);

  // Seeded reservoir sample of the records some requested swap changes: one pass, N records held.
  const random = seededRandom(seed);
  const reservoir: DatasetRecord[] = [];
  let records = 0;
  let eligible = 0;
  for await (const page of store.records.stream(dataset.id)) {
    for (const r of page) {
      records++;
      if (
        !types.some((t) => {
          const s = swapperFor(t, r.language);
          return s && swapRecord(r, s);
        })
      )
        continue;
      eligible++;
      if (reservoir.length < sample) reservoir.push(r);
      else {
        const j = random.below(eligible);
        if (j < sample) reservoir[j] = r;
      }
    }
  }
  if (eligible < 2)
    throw badInput(
      `only ${eligible} of ${records} records mention a term of the swap lists (${types.join(', ')}): nothing to probe`,
    );

  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop, { once: true });
  const scorer = await judgeScorer(store, dataset, config, controller.signal);
  const axisOf = groupAxes();
  try {
    // Every judge call of the probe, run at the judge's concurrency.
    const jobs: (() => Promise<void>)[] = [];
    const original = new Map<number, number | undefined>();
    type Probe = {
      recordId: number;
      type: SwapType;
      toY: number;
      toX: number;
      pairs: string[];
      swapped?: number | undefined;
    };
    const probes: Probe[] = [];
    for (const r of reservoir) {
      jobs.push(async () => {
        original.set(r.id, await scorer.score(r));
      });
      for (const type of types) {
        const s = swapperFor(type, r.language);
        const swapped = s && swapRecord(r, s);
        if (!swapped) continue;
        const probe: Probe = {
          recordId: r.id,
          type,
          toY: swapped.toY,
          toX: swapped.toX,
          pairs: swapped.pairs,
        };
        probes.push(probe);
        jobs.push(async () => {
          probe.swapped = await scorer.score(swapped.record);
        });
      }
    }
    await runPool(jobs, config.concurrency, (e) => controller.abort(e));

    let errors = [...original.values()].filter((v) => v === undefined).length;
    const swaps: SwapTypeShift[] = [];
    types.forEach((type, t) => {
      const diffs: number[] = [];
      const xs: number[] = [];
      const perPair = new Map<string, number[]>();
      let ambiguous = 0;
      for (const p of probes) {
        if (p.type !== type) continue;
        const orig = original.get(p.recordId);
        if (p.swapped === undefined) errors++;
        if (orig === undefined || p.swapped === undefined) continue;
        if (p.toY === p.toX) {
          ambiguous++;
          continue;
        }
        // The original was the x side when more x terms became y terms than went back.
        const xSide = p.toY > p.toX ? orig : p.swapped;
        const ySide = p.toY > p.toX ? p.swapped : orig;
        diffs.push(ySide - xSide);
        xs.push(xSide);
        for (const pair of p.pairs) {
          const l = perPair.get(pair) ?? [];
          l.push(ySide - xSide);
          perPair.set(pair, l);
        }
      }
      const shift = pairedShift(diffs, { seed: seed + t });
      swaps.push({
        type,
        n: shift?.n ?? 0,
        mean: shift?.mean ?? 0,
        lo: shift?.lo ?? 0,
        hi: shift?.hi ?? 0,
        level: shift?.level ?? 0.95,
        changed: shift?.changed ?? 0,
        meanX: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0,
        flagged: shift?.shifted ?? false,
        ambiguous,
        pairs: [...perPair]
          .map(([pair, d]) => ({
            pair,
            axis: type === 'groups' ? (axisOf.get(pair.split('→')[0]!.toLowerCase()) ?? null) : null,
            n: d.length,
            mean: d.reduce((a, b) => a + b, 0) / d.length,
          }))
          .sort((a, b) => b.n - a.n || a.pair.localeCompare(b.pair))
          .slice(0, 20),
      });
    });
    const st = scorer.stats();
    const results: CounterfactualResults = {
      kind: 'counterfactual',
      judge: { provider: scorer.provider, criteria: scorer.criteria },
      records,
      eligible,
      sampled: reservoir.length,
      swaps,
      errors,
      calls: st.calls,
      cacheHits: st.cacheHits,
    };
    const audit =
      options.store === false
        ? null
        : await store.audits.create({
            datasetId: dataset.id,
            kind: 'counterfactual',
            releaseVersion: null,
            params: { sample, seed, swaps: types, provider: scorer.provider, swapList: list.file },
            sample: { recordIds: reservoir.map((r) => r.id) },
            results,
            status: 'done',
            createdBy: options.actor,
          });
    return { audit, results };
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

/**
 * Runs the jobs with at most `limit` at once; the first failure stops the rest (`onFail` cancels
 * the calls in flight) and is thrown.
 */
async function runPool(
  jobs: (() => Promise<void>)[],
  limit: number,
  onFail: (e: unknown) => void,
): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await job();
      } catch (e) {
        if (failed === undefined) {
          failed = e;
          onFail(e);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  if (failed !== undefined) throw failed;
}

/** The identity lexicon's axis of each English group term, to label group pairs. */
function groupAxes(): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of readLexicon().terms)
    if (!out.has(t.term.toLowerCase())) out.set(t.term.toLowerCase(), t.axis);
  return out;
}
