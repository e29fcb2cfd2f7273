import { contentHash } from '../../../src/core/hash.js';
import type { Provenance } from '../../../src/core/record.js';
import { datasetSettings } from '../../../src/core/settings.js';
import type { NewRecord } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';

export const releaseSettings = datasetSettings.parse({
  fields: [{ name: 'text', type: 'text' }],
  questions: [{ name: 'label', type: 'label', options: ['good', 'bad'] }],
  metadata: [{ name: 'intent', type: 'terms' }],
});

export const imported = (line: number): Provenance => ({
  origin: 'imported',
  file: 'data.jsonl',
  line,
  format: 'jsonl',
  importId: 'imp',
  idFrom: 'column',
});

export const synthetic = (row: number, parentRecordId?: number): Provenance => ({
  origin: 'synthetic',
  recipe: 'support',
  recipeHash: 'abc',
  row,
  samplerValues: {},
  provider: 'template',
  model: 'tmpl-1',
  ...(parentRecordId !== undefined ? { parentRecordId } : {}),
});

export function rec(
  i: number,
  o: { text?: string; intent?: string; language?: string; provenance?: Provenance } = {},
): NewRecord {
  const fields = { text: o.text ?? `record number ${i}` };
  return {
    externalId: `r${i}`,
    fields,
    metadata: { intent: o.intent ?? (i % 2 ? 'refund' : 'status') },
    provenance: o.provenance ?? imported(i + 1),
    contentHash: contentHash(fields),
    language: o.language ?? (i % 3 ? 'en' : 'de'),
  };
}

/** A dataset with `n` records r0…r(n−1); returns their ids in order. */
export async function seed(
  store: Store,
  name: string,
  n: number,
  make = (i: number) => rec(i),
): Promise<number[]> {
  const d = (await store.datasets.find(name)) ?? (await store.datasets.create(name, releaseSettings, 'test'));
  for (let i = 0; i < n; i += 5000) {
    const batch: NewRecord[] = [];
    for (let j = i; j < Math.min(n, i + 5000); j++) batch.push(make(j));
    await store.records.insert(d.id, batch, 'test');
  }
  const ids: number[] = [];
  for await (const page of store.records.stream(d.id)) for (const r of page) ids.push(r.id);
  return ids;
}

/** Every frozen row of a release, in record id order. */
export async function frozen(store: Store, dataset: string, version: string) {
  const d = await store.datasets.get(dataset);
  const r = await store.releases.find(d.id, version);
  if (!r) throw new Error(`no release ${version}`);
  const out = [];
  for await (const page of store.releases.rows(r.id)) out.push(...page);
  return out;
}
