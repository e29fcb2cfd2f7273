import { readFileSync } from 'node:fs';
import type { Actor } from '../../core/actor.js';
import { badInput } from '../../core/errors.js';
import type { AuditRow } from '../../store/audit-reads.js';
import type { StoredAudit } from '../../store/audits.js';
import type { Store } from '../../store/store.js';
import {
  type CompiledRecipe,
  combinationDomain,
  coverageTally,
  loadRecipe,
  samplerColumnsOf,
} from '../generate/index.js';
import { CombinationTally } from './combination-minimums.js';
import { readLexicon } from './descriptors/lexicon.js';
import { DescriptorTally } from './descriptors/tally.js';
import { availableDimensions, resolveDimensions } from './dimensions.js';
import { type RepresentationResults, RepresentationTally } from './representation.js';

export interface RepresentationOptions {
  /** Dimension names; default: language, origin and the sampler columns. */
  by?: string[];
  /** Cross-tab cells with fewer records are under-covered; groups with fewer are left out of disparities. */
  minCell?: number;
  /** Audit the records of this release (when the store holds them), and link the audit to it. */
  release?: string;
  /** A recipe whose sampler weights are the targets. */
  recipeFile?: string;
  /** Demographic descriptors: off, on with the shipped lexicon, or with this lexicon file. */
  descriptors?: false | { lexicon?: string; minCount?: number };
  actor: Actor;
  /** Store the audit (default); false only computes. */
  store?: boolean;
}

export interface RepresentationAudit {
  audit: StoredAudit | null;
  results: RepresentationResults;
  notes: string[];
}

export const DEFAULT_MIN_CELL = 10;

/**
 * The representation audit of a dataset (or of a release's records): streams every record once,
 * then stores the audit with its parameters and results. Bad input (an unknown dimension, a bad
 * lexicon or recipe) fails before anything is stored.
 */
export async function representationAudit(
  store: Store,
  datasetName: string,
  options: RepresentationOptions,
): Promise<RepresentationAudit> {
  const dataset = await store.datasets.get(datasetName);
  const minCell = options.minCell ?? DEFAULT_MIN_CELL;
  if (!Number.isInteger(minCell) || minCell < 1)
    throw badInput(`--min-cell must be a positive integer, got ${minCell}`);
  const notes: string[] = [];
  const lexicon = options.descriptors ? readLexicon(options.descriptors.lexicon) : undefined;
  const recipe = options.recipeFile ? readRecipe(options.recipeFile) : undefined;
  let ids: Set<number> | undefined;
  if (options.release) {
    ids = await store.auditReads.releaseRecordIds(dataset.id, options.release);
    if (!ids)
      notes.push(`release '${options.release}' has no records in the store: the current dataset was audited`);
  }

  const coverage = recipe ? coverageTally(samplerColumnsOf(recipe), recipe.recipe.coverage) : undefined;
  const combos = recipe ? combinationTally(recipe) : undefined;
  let tally: RepresentationTally | undefined;
  const start = (first: readonly AuditRow[]) => {
    const dims = resolveDimensions(options.by, availableDimensions(dataset.settings, first));
    const descriptors =
      lexicon && options.descriptors ? new DescriptorTally(lexicon, options.descriptors.minCount) : undefined;
    return new RepresentationTally(dims, { minCell, ...(descriptors ? { descriptors } : {}) });
  };
  for await (const page of store.auditReads.stream(dataset.id, ids ? { ids } : {})) {
    tally ??= start(page);
    for (const row of page) {
      tally.add(row);
      if (coverage && row.provenance.origin === 'synthetic') coverage.add(row.provenance.samplerValues);
      combos?.add(row);
    }
  }
  tally ??= start([]);

  let targets: Map<string, Map<string, number>> | undefined;
  if (coverage) {
    targets = new Map();
    for (const c of coverage.report().columns)
      targets.set(
        c.column,
        new Map(c.values.filter((v) => v.expected > 0).map((v) => [v.value, v.expected])),
      );
  }
  const results = tally.results(targets);
  if (combos) results.combinations = combos.results();
  const params = {
    by: results.dimensions.map((d) => d.name),
    minCell,
    recipe: options.recipeFile ?? null,
    lexicon: lexicon?.file ?? null,
    release: options.release ?? null,
    releaseRecords: ids?.size ?? null,
  };
  const audit =
    options.store === false
      ? null
      : await store.audits.create({
          datasetId: dataset.id,
          kind: 'representation',
          releaseVersion: options.release ?? null,
          params,
          results,
          status: 'done',
          createdBy: options.actor,
        });
  return { audit, results, notes };
}

/** The recipe's `coverage.combinations`, each with the combinations its columns' values make; none: undefined. */
function combinationTally(recipe: CompiledRecipe): CombinationTally | undefined {
  const specs = recipe.recipe.coverage?.combinations ?? [];
  if (specs.length === 0) return undefined;
  const samplers = new Map(samplerColumnsOf(recipe).map((c) => [c.name, c]));
  return new CombinationTally(
    specs.map((spec, i) => ({
      domain: combinationDomain(spec, samplers, `${recipe.file}: coverage.combinations[${i}]`),
      min: spec.min,
    })),
  );
}

function readRecipe(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw badInput(`cannot read the recipe: ${(e as Error).message}`, { file });
  }
  return loadRecipe(text, file);
}
