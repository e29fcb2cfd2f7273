import { z } from 'zod';
import { TandemError } from '../../core/errors.js';
import type { DatasetSettings } from '../../core/settings.js';
import { isProviderError } from '../../llm/errors.js';
import { createProvider, parseProviderId } from '../../llm/registry.js';
import type { Dataset } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';
import { cosineClusters, normalizeRows } from '../../text/cosine-lsh.js';
import { keepPriority } from './dedup-check.js';
import type { CheckOutcome } from './record-checks.js';
import { recordTexts } from './record-texts.js';

/**
 * Semantic duplicates: records that say the same thing in other words, which shingles miss. Texts
 * are embedded through a provider's embedding endpoint; pairs at cosine ≥ threshold are found with
 * random-hyperplane LSH and confirmed exactly; the kept record of each cluster is chosen as for
 * near-duplicates. Embeddings are held in memory (4 bytes a dimension a record), hence a cap.
 */

export const semanticConfig = z.strictObject({
  provider: z.string().describe('An embedding model, e.g. openai:text-embedding-3-small.'),
  threshold: z.number().gt(0).max(1).default(0.95),
  batch: z.number().int().min(1).max(2048).default(128),
  max_records: z.number().int().positive().default(200_000),
});
export type SemanticConfig = z.infer<typeof semanticConfig>;

const MAX_CHARS = 8_000;

export async function semanticDuplicates(
  store: Store,
  dataset: Dataset,
  settings: DatasetSettings,
  config: SemanticConfig,
): Promise<{ byId: Map<number, CheckOutcome>; records: number; clusters: number }> {
  const provider = await createProvider(parseProviderId(config.provider));
  if (!provider.embed) throw new TandemError('usage', `${config.provider} has no embedding endpoint`);
  const ids: number[] = [];
  const externalIds: string[] = [];
  const priorities: number[] = [];
  const vectors: number[][] = [];
  const signal = new AbortController().signal;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    try {
      vectors.push(...(await provider.embed!(pending, signal)));
    } catch (e) {
      throw isProviderError(e) ? new TandemError('provider', e.message, { cause: e }) : e;
    }
    pending = [];
  };
  for await (const page of store.records.stream(dataset.id)) {
    for (const r of page) {
      if (ids.length >= config.max_records)
        throw new TandemError(
          'unsupported',
          `semantic duplicates hold every embedding in memory: ${dataset.name} has more than ${config.max_records} records (raise semantic.max_records, or rely on near-duplicates)`,
        );
      ids.push(r.id);
      externalIds.push(r.externalId);
      priorities.push(keepPriority(r));
      pending.push(recordTexts(r, settings).joined.slice(0, MAX_CHARS) || ' ');
      if (pending.length >= config.batch) await flush();
    }
  }
  await flush();
  const clusters = cosineClusters(normalizeRows(vectors), { threshold: config.threshold });
  const byId = new Map<number, CheckOutcome>();
  for (const members of clusters) {
    // Kept: the highest priority, ties to the oldest.
    const kept = members.reduce(
      (best, i) => ((priorities[i] ?? 0) > (priorities[best] ?? 0) ? i : best),
      members[0]!,
    );
    for (const i of members) {
      byId.set(
        ids[i]!,
        i === kept
          ? {
              check: 'semantic_dedup',
              passed: true,
              score: null,
              details: { kept: true, size: members.length },
            }
          : {
              check: 'semantic_dedup',
              passed: false,
              score: null,
              details: {
                reason: `says the same as ${externalIds[kept]}`,
                duplicateOf: externalIds[kept],
                duplicateOfId: ids[kept],
                threshold: config.threshold,
                provider: config.provider,
              },
            },
      );
    }
  }
  return { byId, records: ids.length, clusters: clusters.length };
}
