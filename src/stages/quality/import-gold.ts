import { badInput } from '../../core/errors.js';
import { readJsonl } from '../../io/jsonl-reader.js';
import type { Store } from '../../store/store.js';
import { validateAnswer } from '../review/index.js';

/**
 * Marks records as gold from a JSONL file of `{"id": EXTERNAL_ID, "values": {QUESTION: ANSWER}}`
 * lines. Every line is checked first — the record exists, the answers fit the questions — and any
 * problem stops the whole file with `file:line`, so nothing is half-applied.
 */
export async function importGold(
  store: Store,
  o: { file: string; dataset: string; actor: string },
): Promise<{ dataset: string; gold: number }> {
  const dataset = await store.datasets.get(o.dataset);
  const items: { recordId: number; values: Record<string, unknown> }[] = [];
  for await (const batch of readJsonl(o.file, { batchSize: 1000 })) {
    for (const item of batch) {
      const where = { file: o.file, line: item.line };
      if (!item.ok)
        throw badInput(item.message, { ...where, ...(item.column ? { column: item.column } : {}) });
      const { id, values } = item.value;
      if (typeof id !== 'string' && typeof id !== 'number')
        throw badInput('needs "id": the record\'s external id', where);
      const record = await store.records.findByExternalId(dataset.id, String(id));
      if (!record) throw badInput(`no record with id '${id}' in dataset '${dataset.name}'`, where);
      try {
        items.push({
          recordId: record.id,
          values: validateAnswer(dataset.settings, record, values, 'submitted'),
        });
      } catch (e) {
        throw badInput(`record '${id}': ${(e as Error).message}`, where);
      }
    }
  }
  if (items.length === 0) throw badInput(`${o.file} holds no gold answers`);
  await store.gold.set(dataset.id, items, o.actor);
  return { dataset: dataset.name, gold: items.length };
}
